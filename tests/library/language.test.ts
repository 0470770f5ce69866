import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Row } from '../../src/engine/row.js';
import type { KeptRow } from '../../src/engine/plan.js';
import { keepEarliest, keepLatest } from '../../src/engine/pass.js';
import { TemplateError } from '../../src/errors.js';
import { loadTemplates } from '../../src/template/load.js';
import { kpi as run } from '../helpers/cli.js';

const base = { id: 't', title: { th: 'ก', en: 'x' }, reference: 'test', unit: { th: 'ร้อยละ', en: 'percent' }, formula: 'A / B * 100', better: 'higher', target: '>= 1' };

async function problems(template: Record<string, unknown>): Promise<string[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kpi-lang-'));
  await writeFile(path.join(dir, 't.json'), JSON.stringify({ ...base, ...template }));
  const err = await loadTemplates([dir]).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(TemplateError);
  return (err as TemplateError).problems.map((p) => `${p.path}: ${p.message}`);
}

const person = { from: 'PERSON', count: 'distinct HOSPCODE, PID' };

describe('exists / not_exists', () => {
  it('rejects a test on the measure\'s own table, unknown key columns and bad conditions, with their JSON paths', async () => {
    expect(await problems({ measures: { B: person, A: { ...person, exists: [{ table: 'PERSON', on: ['PID'] }] } } }))
      .toEqual(['$.measures.A.exists[0].table: a measure cannot test for rows of its own table']);
    expect(await problems({ measures: { B: person, A: { ...person, not_exists: [{ table: 'CHRONIC', on: ['HID'], where: ['icd10(CHRONIC, \'E10-E14\')'] }] } } }))
      .toEqual(['$.measures.A.not_exists[0].on[0]: CHRONIC has no field HID']);
    expect(await problems({ measures: { B: person, A: { ...person, exists: [{ table: 'CHRONIC', on: ['HOSPCODE', 'PID'], where: ['CHRONICX = 1'] }] } } }))
      .toEqual(['$.measures.A.exists[0].where[0]: CHRONIC has no field CHRONICX (did you mean CHRONIC?)']);
  });
});

describe('weighted composites and optional fields', () => {
  it('refuses a formula or measures on a composite', async () => {
    const msgs = await problems({ scoring: { weighted: [{ indicator: 'x', weight: 1 }], ladder: [1, 2, 3, 4, 5] }, measures: { A: person } });
    expect(msgs).toContain('$.formula: a weighted composite has no formula: its result is the weighted sum of the scores');
    expect(msgs).toContain('$.measures: a weighted composite has no measures: it reads the scores of its indicators');
  });

  it('needs a formula on any other template', async () => {
    const { formula: _drop, ...noFormula } = base;
    const dir = await mkdtemp(path.join(tmpdir(), 'kpi-lang-'));
    await writeFile(path.join(dir, 't.json'), JSON.stringify({ ...noFormula, measures: { A: person } }));
    const err = (await loadTemplates([dir]).catch((e: unknown) => e)) as TemplateError;
    expect(err.problems.map((p) => `${p.path}: ${p.message}`)).toEqual(['$.formula: missing field (string): only a weighted composite goes without a formula']);
  });

  it('checks level and notes like any field', async () => {
    expect(await problems({ level: 'district', measures: { A: person, B: person } })).toEqual(['$.level: Invalid option: expected one of "ministry"|"region"|"province"']);
  });
});

describe('sum_of', () => {
  it('adds up counted measures only', async () => {
    expect(await problems({ measures: { A1: person, A: { sum_of: ['A1', 'A9'] }, C: { sum_of: ['A', 'A1'] }, B: { of: 'A' } } })).toEqual([
      "$.measures.B.of: 'A' is a sum_of: take the rows of a counted measure",
      "$.measures.A.sum_of[1]: no measure named 'A9'",
      "$.measures.C.sum_of[0]: 'A' is itself a sum_of: add up counted measures",
    ]);
  });
});

describe('latest keep and every', () => {
  it('keeps the N greatest rows, oldest first, the later row winning a tie', () => {
    const kept: KeptRow[] = [];
    const row = (n: number): Row => ({ values: [n], joined: [] });
    keepLatest(kept, { by: '20240301', row: row(1) }, 2);
    keepLatest(kept, { by: '20240101', row: row(2) }, 2);
    keepLatest(kept, { by: '20231201', row: row(3) }, 2);
    expect(kept.map((k) => k.row.values[0])).toEqual([2, 1]);
    keepLatest(kept, { by: '20240301', row: row(4) }, 2);
    expect(kept.map((k) => k.row.values[0])).toEqual([1, 4]);
    const one: typeof kept = [];
    keepLatest(one, { by: '20240301', row: row(5) }, 1);
    keepLatest(one, { by: null, row: row(6) }, 1);
    expect(one.map((k) => k.row.values[0])).toEqual([5]);
  });

  it('earliest keeps, per period of the mask, the least row: the first read on a tie, a row without one never replacing one', () => {
    const kept: KeptRow[] = [];
    const row = (n: number): Row => ({ values: [n], joined: [] });
    keepEarliest(kept, { by: '20240301', row: row(1) }, 0b011);
    keepEarliest(kept, { by: '20240101', row: row(2) }, 0b001);
    keepEarliest(kept, { by: null, row: row(3) }, 0b110);
    keepEarliest(kept, { by: '20240101', row: row(4) }, 0b001);
    // Period 0: row 2 (earlier than 1; row 4 ties and comes later). Period 1: row 1 (row 3 has no date). Period 2: row 3, alone.
    expect(kept.map((k) => [k.row.values[0], k.mask])).toEqual([[1, 0b010], [2, 0b001], [3, 0b100]]);
  });

  it('refuses "every" on a measure without latest or distinct keys', async () => {
    expect(await problems({ measures: { B: person, A: { of: 'B', where: ['SEX = \'1\''], every: true } } }))
      .toEqual(['$.measures.A.every: "every" judges the rows kept per key: the measure it is of needs "latest" and "count": "distinct …"']);
  });
});

describe('a measure\'s own file', () => {
  it('fails with exit 3 and the path when the file is missing', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'kpi-lang-'));
    await writeFile(path.join(dir, 't.json'), JSON.stringify({ ...base, formula: 'A', measures: { A: { from: 'BASE', file: 'nope.csv', area: { region: 'REGION' }, sum: 'V' } } }));
    const r = run(['compute', '--templates', dir, '--data', 'fixtures/library', '--format', 'csv']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('nope.csv: no such file (named by t, measure A)');
  });
});
