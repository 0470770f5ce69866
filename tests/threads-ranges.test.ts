import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findInputs } from '../src/data/inputs.js';
import { RowIssues } from '../src/data/issues.js';
import { readRange } from '../src/data/range.js';
import { readTable, type ColumnRequest, type TableInput } from '../src/data/read.js';
import type { Value } from '../src/expr/kinds.js';
import type { IssueEntry } from '../src/parallel/messages.js';
import type { RangeRunner } from '../src/parallel/pool.js';
import { rangeReader } from '../src/parallel/read-ranges.js';
import { BatchWriter } from '../src/parallel/wire.js';
import { VARIANTS, writeTables } from './helpers/threads-data.js';

/** The workers' job done on this thread, ranges interleaved at every await, so that the order of applying is what is tested. */
function localRunner(rangeBytes: number): RangeRunner & { jobs: number } {
  return {
    threads: 3,
    rangeBytes,
    jobs: 0,
    broadcast() {
      throw new Error('nothing is evaluated on these threads');
    },
    cancel() {},
    read(job, listener) {
      this.jobs++;
      const issues: IssueEntry[] = [];
      // Two batches out at most: reading waits for the batches before to be applied and given back.
      const writer = new BatchWriter(2);
      writer.start(job.columns.length, (b) => listener.batch(b, () => writer.recycle(b)));
      readRange(job, (v, line) => writer.add(v, line), { add: (_f, line, reason, opts = {}) => { issues.push({ line, reason, opts }); } }, () => writer.room())
        .then((end) => { writer.flush(); listener.done(end, issues); }, (e: unknown) => listener.failed({ message: String(e) }));
    },
  };
}

const COLUMNS: Record<string, ColumnRequest[]> = {
  PERSON: [{ name: 'PID', type: 'C' }, { name: 'NAME', type: 'C' }, { name: 'LNAME', type: 'C' }, { name: 'BIRTH', type: 'D' }, { name: 'HOSPCODE', type: 'C' }, { name: 'D_UPDATE', type: 'DT' }],
  NUTRITION: [{ name: 'HOSPCODE', type: 'C' }, { name: 'PID', type: 'C' }, { name: 'DATE_SERV', type: 'D' }, { name: 'WEIGHT', type: 'N' }, { name: 'PROVIDER', type: 'C' }, { name: 'HEIGHT', type: 'N', summed: true }],
};

async function rows(input: TableInput, columns: ColumnRequest[], read: typeof readTable) {
  const out: Array<[Value[], number]> = [];
  const issues = new RowIssues();
  const stats = await read(input, columns, (v, line) => out.push([v.slice(), line]), issues, 'auto');
  return { out, issues: issues.list(), stats };
}

describe('reading a file in byte ranges gives the rows of reading it whole', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kpi-ranges-'));
  for (const v of VARIANTS) {
    for (const table of ['PERSON', 'NUTRITION']) {
      it(`${table}, ${v.name}: the same rows, lines, values and issues at every range size`, async () => {
        writeTables(path.join(dir, v.name), v);
        const input = (await findInputs([path.join(dir, v.name, `${table}.csv`)])).get(table)![0]!;
        const whole = await rows(input, COLUMNS[table]!, readTable);
        // Not a vacuous comparison: rows, multi-line quoted values and issues are there to be compared.
        expect(whole.out.length).toBeGreaterThan(250);
        expect(whole.out.some(([values]) => values.some((x) => typeof x === 'string' && /[\n\r]/.test(x)))).toBe(true);
        expect(whole.issues.length).toBeGreaterThan(0);
        for (const size of [1, 3, 64, 1000, 5000]) {
          const runner = localRunner(size);
          const ranged = await rows(input, COLUMNS[table]!, rangeReader(runner));
          expect(runner.jobs, `range size ${size}`).toBeGreaterThan(1);
          expect(ranged, `range size ${size}`).toEqual(whole);
        }
      });
    }
  }
});
