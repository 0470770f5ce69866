import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { planRanges, type RangeJob } from '../src/data/range.js';
import { ReadPool, type RangeListener } from '../src/parallel/pool.js';
import { tempDir } from './helpers/cli.js';

/** Ranges of one small file, each `from` its own (the test's evaluator reads nothing). */
async function jobs(n: number): Promise<RangeJob[]> {
  const file = path.join(tempDir('kpi-pool-'), 'ANC.csv');
  writeFileSync(file, 'HOSPCODE|PID\n10001|1\n');
  const plan = await planRanges({ table: 'ANC', display: 'ANC.csv', path: file, open: () => { throw new Error('not streamed'); } }, [], { add: () => undefined }, 'auto', 1 << 20);
  return Array.from({ length: n }, (_, i) => ({ table: 'ANC', display: 'ANC.csv', path: file, size: plan.size, columns: [], header: plan.header, layout: plan.layout, encoding: plan.encoding, from: i, to: i + 1 }));
}

describe('a setup goes with the ranges queued after it', () => {
  it("ranges of the next table queued behind this table's are each counted with their own table's setup", async () => {
    const pool = new ReadPool(2, 1 << 20, new URL('./helpers/setup-worker.mjs', import.meta.url));
    const seen: Array<{ setup: unknown; from: number }> = [];
    const done: Array<Promise<void>> = [];
    const listener = (): RangeListener => {
      let settle: () => void = () => undefined;
      done.push(new Promise<void>((resolve) => { settle = resolve; }));
      return {
        batch: () => { throw new Error('an evaluated range posts no rows'); },
        done: (_end, _issues, partial) => { seen.push(partial as { setup: unknown; from: number }); settle(); },
        failed: (f) => { throw new Error(f.message); },
      };
    };
    try {
      const all = await jobs(10);
      // Two threads, ten ranges queued at once: table B's setup is given while A's last ranges still wait for a thread.
      pool.setup('A');
      for (const job of all.slice(0, 5)) pool.read(job, listener(), true);
      pool.setup('B');
      for (const job of all.slice(5)) pool.read(job, listener(), true);
      await Promise.all(done);
    } finally {
      await pool.close();
    }
    expect(seen.sort((a, b) => a.from - b.from).map((s) => s.setup)).toEqual(['A', 'A', 'A', 'A', 'A', 'B', 'B', 'B', 'B', 'B']);
  });

  it('an evaluated range without a setup is refused', () => {
    const pool = new ReadPool(2, 1 << 20);
    expect(() => pool.read({} as RangeJob, { batch: () => undefined, done: () => undefined, failed: () => undefined }, true)).toThrow(/setup first/);
  });
});
