import { describe, expect, it } from 'vitest';
import type { Corrections } from '../src/data/corrections.js';
import { RowIssues } from '../src/data/issues.js';
import { readMerged } from '../src/data/merge.js';
import type { TableInput } from '../src/data/read.js';
import type { Value } from '../src/expr/kinds.js';

const HEAD = 'HOSPCODE|PID|TYPEAREA|D_UPDATE';

function file(name: string, ...rows: string[]): TableInput {
  return { table: 'PERSON', display: name, async *open() { yield Buffer.from([HEAD, ...rows, ''].join('\n')); } };
}

async function merged(inputs: TableInput[], corrections: Corrections = new Map()): Promise<{ rows: Value[][]; replaced: number; deleted: number }> {
  const rows: Value[][] = [];
  const r = await readMerged(inputs, [{ name: 'PID', type: 'C' }, { name: 'TYPEAREA', type: 'C' }], (v) => rows.push(v.slice(0, 2)), new RowIssues(), { encoding: 'auto', corrections });
  return { rows, replaced: r.replaced, deleted: r.deleted };
}

describe('merge rule', () => {
  it('keeps the latest D_UPDATE whichever file it is in', async () => {
    const r = await merged([file('m1', '10001|1|1|20240201000000', '10001|2|1|20240101000000'), file('m2', '10001|1|3|20240101000000', '10001|2|3|20240301000000')]);
    expect(r.rows).toEqual([['1', '1'], ['2', '3']]);
    expect(r.replaced).toBe(2);
  });

  it('on a tie keeps the row read last; an empty D_UPDATE loses to a date', async () => {
    const r = await merged([file('m1', '10001|1|1|20240101000000', '10001|2|1|20240101000000'), file('m2', '10001|1|3|20240101000000', '10001|2|4|')]);
    expect(r.rows).toEqual([['2', '1'], ['1', '3']]);
  });

  it('a single file streams as it is, repeated keys included', async () => {
    const r = await merged([file('m1', '10001|1|1|20240101000000', '10001|1|2|20240102000000')]);
    expect(r.rows).toEqual([['1', '1'], ['1', '2']]);
  });

  it('DATA_CORRECT deletes the row it names unless the row was updated after it', async () => {
    const corrections: Corrections = new Map([['PERSON', new Map([['10001\u001f1', '20240201000000'], ['10001\u001f2', '20240201000000']])]]);
    const r = await merged([file('m1', '10001|1|1|20240101000000', '10001|2|1|20240301000000', '10001|3|1|20240101000000')], corrections);
    expect(r.rows).toEqual([['2', '1'], ['3', '1']]);
    expect(r.deleted).toBe(1);
  });
});
