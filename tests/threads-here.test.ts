import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
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

  it('every range is absorbed, or read here when declined, in file order, whichever thread took it', async () => {
    writeTables(dir, VARIANTS[1]!);
    const input = (await findInputs([path.join(dir, 'NUTRITION.csv')])).get('NUTRITION')![0]!;
    const whole: Value[][] = [];
    const wholeIssues = new RowIssues();
    await readTable(input, COLUMNS, (v) => whole.push(v.slice()), wholeIssues, 'auto');
    expect(whole.length).toBeGreaterThan(250);

    // This thread declines every third range it takes: it reads those itself, in their turn.
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

  // Every range this thread takes declined, with ranges of more rows than three batches (3 ×
  // 16,384) hold: an early design sent declined ranges back to the worker as rows, last
  // declined first, and the only worker then held a later range while this thread waited for an
  // earlier one.
  it('ranges this thread declines are read here in file order, however many it declines', async () => {
    const file = path.join(dir, 'big', 'NUTRITION.csv');
    const lines = ['HOSPCODE,PID,DATE_SERV,WEIGHT'];
    for (let i = 0; i < 240_000; i++) lines.push(`10001,${i},20240101,${i % 90}.5`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, lines.join('\n') + '\n');
    const input = (await findInputs([file])).get('NUTRITION')![0]!;
    const pool = new ReadPool(2, 1 << 20, WORKER, async () => rowsEvaluator('main', () => true));
    // Every PID once, in file order, whether a worker counted its range or this thread read it.
    let next = 0;
    let ordered = true;
    const see = (v: Value[]) => { ordered &&= Number(v[1]) === next; next++; };
    try {
      const read = rangeReader(pool, { setup: () => null, absorb: (p) => { (p as Partial).rows.forEach(see); return []; } });
      await read(input, COLUMNS, see, new RowIssues(), 'auto');
    } finally {
      await pool.close();
    }
    expect(next).toBe(240_000);
    expect(ordered).toBe(true);
  });
});
