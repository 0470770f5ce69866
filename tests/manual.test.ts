import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ResultDocument } from '../src/results/schema.js';
import { kpi as run, tempDir } from './helpers/cli.js';

/** Hand counts: fixtures/manual/README.md; seed 000 lines 10, 39 and 40. */
const MANUAL = ['--data', 'fixtures/manual'];

function rows(args: string[], id: string): Array<[string, number | null, number | null, number | null, string, boolean | null, number | null]> {
  const r = run(['compute', ...MANUAL, ...args, '--format', 'json', '--indicator', id]);
  expect(r.code, r.stderr).toBe(0);
  const doc = JSON.parse(r.stdout) as ResultDocument;
  return doc.results.filter((x) => x.result !== null || x.level === 'country').map((x) => [x.area_code, x.a, x.b, x.result, x.target, x.pass, x.score]);
}

describe('seed 000, KPI 3.25: healthy cities, a count target on A, dated progress', () => {
  it('on 5 Feb 2567: 77 of 247 assessed themselves, 31.17 %, short of 156', () => {
    expect(rows(['--from', '2023-10-01', '--to', '2024-02-29'], 'healthy-cities-self-assessment')).toEqual([['TH', 77, 247, 31.17, 'A >= 156', false, null]]);
  });

  it('on 31 Mar 2567 (round 6): 218 of 403, 54.09 %, and 218 ≥ 156 passes', () => {
    expect(rows(['--fy', '2567', '--round', '6'], 'healthy-cities-self-assessment')).toEqual([['TH', 218, 403, 54.09, 'A >= 156', true, null]]);
  });

  it('before any report (round 3) there is no figure, not a zero', () => {
    expect(rows(['--fy', '2567', '--round', '3'], 'healthy-cities-self-assessment')).toEqual([['TH', null, null, null, 'A >= 156', null, null]]);
  });

  it('the Thai table words the target on A', () => {
    const r = run(['compute', ...MANUAL, '--fy', '2567', '--round', '6', '--indicator', 'healthy-cities-self-assessment']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/ภาพรวมประเทศ\s+403\s+218\s+54\.09\s+A ≥ 156\s+ผ่าน/);
  });
});

describe('region 23.2.5 and region 21 from officers\' CSVs', () => {
  it('consumer-complaints-resolved: the latest report per province, rolled up and scored on the ladder 82…98', () => {
    expect(rows(['--fy', '2567', '--round', '3', '--by', 'province'], 'consumer-complaints-resolved')).toEqual([
      ['50', 20, 20, 100, '>= 98', true, 5], ['TH', 20, 20, 100, '>= 98', true, 5],
    ]);
    expect(rows(['--fy', '2567', '--round', '6', '--by', 'province'], 'consumer-complaints-resolved')).toEqual([
      ['40', 49, 50, 98, '>= 98', true, 5], ['50', 45, 50, 90, '>= 98', false, 3], ['TH', 94, 100, 94, '>= 98', false, 4],
    ]);
  });

  it('district-disease-control: undated district rows, judged at round 12 only', () => {
    expect(rows(['--fy', '2567', '--by', 'province'], 'district-disease-control')).toEqual([
      ['40', 1, 1, 100, '>= 80', true, null], ['50', 1, 2, 50, '>= 80', false, null], ['TH', 2, 3, 66.67, '>= 80', false, null],
    ]);
    expect(rows(['--fy', '2567', '--round', '6', '--by', 'province'], 'district-disease-control').map((r) => r[4])).toEqual(['', '', '']);
  });
});

describe('a bad manual CSV is named by file, line and column (exit 3)', () => {
  const bad = (body: string) => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'MANUAL_HEALTHY_CITIES.csv'), body);
    const r = run(['compute', '--data', dir, '--fy', '2567', '--indicator', 'healthy-cities-self-assessment']);
    expect(r.code).toBe(3);
    return r.stderr.replace(/^kpi: /, '').replace(dir + path.sep, '').trim();
  };
  const cases: Array<[string, string]> = [
    ['level,area_code,date,a,b\ncountry,TH,2567-02-30,77,247\n', 'MANUAL_HEALTHY_CITIES.csv:2:12: date "2567-02-30" is not a calendar date'],
    ['level,area_code,a,b\nprovince,50,1,2\nregion,1,3,4\n', 'MANUAL_HEALTHY_CITIES.csv:3:1: level region, but'],
    ['level,area_code,a,b\nprovince,50,"1,234",2000\n', 'MANUAL_HEALTHY_CITIES.csv:2:13: A "1,234" is not a whole number of 0 or more'],
    ['level,area_code,a,b\nprovince,99,1,2\n', 'MANUAL_HEALTHY_CITIES.csv:2:10: province "99" is not a 2-digit province code'],
    ['level,area_code,dat,a,b\n', 'MANUAL_HEALTHY_CITIES.csv:1:17: unknown column "dat"'],
    ['level,area_code,a\n', 'MANUAL_HEALTHY_CITIES.csv:1:1: the header needs the columns level, area_code, a, b (and optionally date); missing b'],
    ['level,area_code,date,a,b\ncountry,TH,2024-03-31,1,2\ncountry,TH,2567-03-31,3,4\n', 'MANUAL_HEALTHY_CITIES.csv:3:1: country TH on 2024-03-31 is already reported at'],
    ['level,area_code,a,b\nstate,1,1,2\n', 'MANUAL_HEALTHY_CITIES.csv:2:1: level "state" is not one of unit, district, province, region, country'],
  ];
  for (const [body, message] of cases) it(message, () => expect(bad(body)).toContain(message));

  it('a manual template named by --indicator whose CSV is not in --data stops the run', () => {
    const r = run(['compute', '--data', 'fixtures/added', '--fy', '2567', '--indicator', 'district-disease-control']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('district-disease-control needs table MANUAL_DISTRICT_DISEASE_CONTROL');
  });
});

describe('the template format for manual input and target_of', () => {
  const validate = (json: Record<string, unknown>) => {
    const dir = tempDir();
    const file = path.join(dir, 't.json');
    writeFileSync(file, JSON.stringify({ id: 't', title: { th: 'ก', en: 't' }, reference: 'test', unit: { th: 'ร้อยละ', en: 'percent' }, formula: 'A / B * 100', better: 'higher', ...json }));
    return run(['validate', file]);
  };

  it('refuses measures in a manual template, a target_of naming no measure, and a badly named manual table', () => {
    const withMeasures = validate({ manual: 'MANUAL_X', measures: { A: { from: 'PERSON', count: 'rows' } } });
    expect(withMeasures.code).toBe(2);
    expect(withMeasures.stdout + withMeasures.stderr).toContain('a manual template has no measures');
    const noMeasure = validate({ target_of: 'A', formula: 'B', measures: { B: { from: 'PERSON', count: 'rows' } } });
    expect(noMeasure.stdout + noMeasure.stderr).toContain('$.target_of: no measure named A to judge');
    const name = validate({ manual: 'healthy' });
    expect(name.stdout + name.stderr).toContain('a manual table is named MANUAL_');
    const nullRound = validate({ manual: 'MANUAL_X', rounds: { 12: null } });
    expect(nullRound.stdout + nullRound.stderr).toContain('a round without a target (null) is judged by area_targets alone');
  });

  it('accepts a manual template with a target on A', () => {
    const ok = validate({ manual: 'MANUAL_X', target: '>= 156', target_of: 'A' });
    expect(ok.code, ok.stderr).toBe(0);
  });
});
