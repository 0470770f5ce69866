import { describe, expect, it } from 'vitest';
import type { ResultDocument } from '../src/results/schema.js';
import { kpi } from './helpers/cli.js';

const ARGS = ['compute', '--templates', 'fixtures/seed002/community-health.json', '--data', 'fixtures/seed002', '--fy', '2567'];

// Every figure of the seed 002 table (regions 1–13 and the national row), as the seed prints it.
const SEED: Array<[string, string, string, string]> = [
  ['1', '8,202', '5,446', '66.40'], ['2', '4,506', '3,693', '81.96'], ['3', '4,433', '3,431', '77.40'],
  ['4', '5,662', '4,104', '72.48'], ['5', '5,582', '4,485', '80.35'], ['6', '4,850', '3,401', '70.12'],
  ['7', '8,309', '6,007', '72.30'], ['8', '7,454', '6,686', '89.70'], ['9', '10,053', '7,741', '77.00'],
  ['10', '7,355', '6,343', '86.24'], ['11', '4,363', '3,470', '79.53'], ['12', '4,317', '3,077', '71.28'],
  ['13', '-', '-', '-'], ['ภาพรวมประเทศ', '75,086', '57,884', '77.09'],
];

describe('the seed 002 regional table, reproduced exactly', () => {
  it('prints every number of the seed in its table', () => {
    const r = kpi(ARGS);
    expect(r.code, r.stderr).toBe(0);
    const rows = r.stdout.split('\n').filter((l) => /^(\d+|ภาพรวมประเทศ) /.test(l)).map((l) => l.split(/ {2,}/).slice(0, 4).map((c) => c.trim()));
    expect(rows).toEqual(SEED.map(([region, b, a, pct]) => [region, b, a, pct]));
  });

  it('gives the same figures as numbers in JSON', () => {
    const doc = JSON.parse(kpi([...ARGS, '--format', 'json']).stdout) as ResultDocument;
    const national = doc.results.find((r) => r.level === 'country')!;
    expect([national.b, national.a, national.result, national.pass]).toEqual([75086, 57884, 77.09, true]);
    expect(doc.results.find((r) => r.area_code === '13')).toMatchObject({ a: 0, b: 0, result: null, pass: null });
    expect(doc.results.find((r) => r.area_code === '1')).toMatchObject({ result: 66.4, pass: false });
  });
});
