import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findInputs } from '../src/data/inputs.js';
import { RowIssues } from '../src/data/issues.js';
import type { ColumnRequest } from '../src/data/read.js';
import { DataError } from '../src/errors.js';
import { ReadPool } from '../src/parallel/pool.js';
import { rangeReader } from '../src/parallel/read-ranges.js';

/*
 * A reading thread that dies stops the run with its reason, wherever it was: busy with a
 * range, or before it ever ran, when the ranges waiting for it had no other thread to go to.
 */

const COLUMNS: ColumnRequest[] = [{ name: 'HOSPCODE', type: 'C' }, { name: 'PID', type: 'C' }];
const WORKER = new URL('./helpers/rows-worker.mjs', import.meta.url);

describe('a reading thread that dies', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kpi-lost-'));
  const file = path.join(dir, 'NUTRITION.csv');
  writeFileSync(file, ['HOSPCODE,PID', ...Array.from({ length: 2000 }, (_, i) => `10001,${i}`)].join('\n') + '\n');

  async function readWith(pool: ReadPool): Promise<number> {
    const input = (await findInputs([file])).get('NUTRITION')![0]!;
    let rows = 0;
    try {
      await rangeReader(pool)(input, COLUMNS, () => { rows++; }, new RowIssues(), 'auto');
    } finally {
      await pool.close();
    }
    return rows;
  }

  it('before it runs: the read fails with its reason instead of waiting for ever', async () => {
    // Too small a heap for V8 to start: the threads die before 'online', holding no range.
    const pool = new ReadPool(2, 1000, WORKER, undefined, { maxOldGenerationSizeMb: 1, maxYoungGenerationSizeMb: 1 });
    const failed = await readWith(pool).then(() => null, (e: unknown) => e);
    // Out of memory is the user's to act on: a data error (exit 3) that says what to do.
    expect(failed).toBeInstanceOf(DataError);
    expect((failed as DataError).exitCode).toBe(3);
    expect((failed as DataError).message).toMatch(/^a reading thread ran out of memory \(.*memory limit.*\): run with --threads 1, or give Node more with NODE_OPTIONS/);
  }, 20_000);

  it('while reading: the read fails with its reason, as a bug (not a data error)', async () => {
    const broken = path.join(dir, 'dies.mjs');
    writeFileSync(broken, "throw new Error('no such evaluator');\n");
    const pool = new ReadPool(2, 1000, pathToFileURL(broken));
    const failed = await readWith(pool).then(() => null, (e: unknown) => e);
    expect(failed).toBeInstanceOf(Error);
    expect(failed).not.toBeInstanceOf(DataError);
    expect((failed as Error).message).toBe('a reading thread stopped: no such evaluator');
  }, 20_000);

  it('a healthy pool reads every row (the file above is cut into ranges)', async () => {
    expect(await readWith(new ReadPool(2, 1000, WORKER))).toBe(2000);
  }, 20_000);
});
