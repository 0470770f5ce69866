import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findInputs } from '../src/data/inputs.js';
import { RowIssues } from '../src/data/issues.js';
import { readTable, type ColumnRequest } from '../src/data/read.js';
import type { Value } from '../src/expr/kinds.js';
import { ReadPool } from '../src/parallel/pool.js';
import { rangeReader } from '../src/parallel/read-ranges.js';
import { rowsEvaluator } from './helpers/rows-evaluator.mjs';
import { VARIANTS, writeTables } from './helpers/threads-data.js';

/*
 * The main thread as one of the counting threads (`HereSlot`): while it waits for a range, it
 * evaluates one of its own, and each range's partial is absorbed in file order whoever read
 * it. The evaluators here post a range's rows as its partial, so the order is what is tested.
 */

const COLUMNS: ColumnRequest[] = [{ name: 'HOSPCODE', type: 'C' }, { name: 'PID', type: 'C' }, { name: 'DATE_SERV', type: 'D' }, { name: 'WEIGHT', type: 'N' }];
const WORKER = new URL('./helpers/rows-worker.mjs', import.meta.url);

interface Partial { thread: string; rows: Value[][] }

describe('the main thread evaluates ranges beside its workers', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kpi-here-'));

  it('every range is absorbed or handed on in file order, by whichever thread read it', async () => {
    writeTables(dir, VARIANTS[1]!);
    const input = (await findInputs([path.join(dir, 'NUTRITION.csv')])).get('NUTRITION')![0]!;
    const whole: Value[][] = [];
    const wholeIssues = new RowIssues();
    await readTable(input, COLUMNS, (v) => whole.push(v.slice()), wholeIssues, 'auto');
    expect(whole.length).toBeGreaterThan(250);

    // This thread declines every third range it takes: a worker reads those as rows.
    const pool = new ReadPool(2, 200, WORKER, async () => rowsEvaluator('main', (n: number) => n % 3 === 0));
    const seen: Value[][] = [];
    const by = new Map<string, number>();
    const issues = new RowIssues();
    try {
      const absorb = (p: unknown) => {
        const { thread, rows } = p as Partial;
        by.set(thread, (by.get(thread) ?? 0) + 1);
        seen.push(...rows);
        return [];
      };
      const read = rangeReader(pool, { setup: () => null, absorb });
      await read(input, COLUMNS, (v) => { by.set('rows', (by.get('rows') ?? 0) + 1); seen.push(v.slice()); }, issues, 'auto');
    } finally {
      await pool.close();
    }
    expect(by.get('main') ?? 0).toBeGreaterThan(0);
    expect(by.get('worker') ?? 0).toBeGreaterThan(0);
    expect(by.get('rows') ?? 0).toBeGreaterThan(0);
    expect(seen).toEqual(whole);
    expect(issues.list()).toEqual(wholeIssues.list());
  });
});
