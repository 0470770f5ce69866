import { copyFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ResultDocument } from '../../src/results/schema.js';
import { computeJson, pick, type Cells } from '../helpers/results.js';
import { kpi as run, tempDir } from '../helpers/cli.js';

/** Every expectation here is counted by hand in fixtures/added/README.md. */
const ADDED = ['--data', 'fixtures/added', '--hospitals', 'fixtures/added/hospitals.csv', '--fy', '2567'];

const compute = computeJson;

const PROVINCES = ['province 50', 'province 40', 'country TH'];

describe('the templates added in issue 13, on fixtures/added by province', () => {
  const doc = compute([...ADDED, '--by', 'province']);
  const cases: Record<string, Record<string, Cells>> = {
    'lbw-newborn-deaths-28d': { 'province 50': [1, 3, 33.33, null, null], 'province 40': [1, 1, 100, null, null], 'country TH': [2, 4, 50, null, null] },
    'vaccine-preventable-under-5': { 'province 50': [1, 1, 100000, null, null], 'province 40': [1, 1, 100000, null, null], 'country TH': [2, 2, 100000, null, null] },
    'stemi-reperfusion': { 'province 50': [1, 2, 50, false, null], 'country TH': [1, 2, 50, false, null] },
    'copd-admissions-per-100k': { 'province 50': [3, 7, 42857.14, false, null], 'province 40': [0, 1, 0, true, null], 'country TH': [3, 8, 37500, false, null] },
    'tbi-fatality': { 'province 50': [1, 2, 50, null, null], 'country TH': [1, 2, 50, null, null] },
    'oral-health-access': { 'province 50': [1, 8, 12.5, false, null], 'province 40': [1, 2, 50, true, null], 'country TH': [2, 10, 20, true, null] },
    'drowning-change-under-15': { 'province 50': [1, 1, 0, null, null], 'province 40': [2, 1, -50, true, null], 'country TH': [3, 2, -33.33, null, null] },
    'primary-care-opd-share': { 'province 50': [1, 4, 25, false, null], 'province 40': [1, 2, 50, false, null], 'country TH': [2, 6, 33.33, false, null] },
    'ht-dm-visits-primary-care': { 'province 50': [2, 2, 100, null, null], 'country TH': [2, 2, 100, null, null] },
  };
  for (const [id, expected] of Object.entries(cases)) {
    it(id, () => expect(pick(doc, id, PROVINCES)).toEqual(expected));
  }

  it('drowning-change-under-15 judges the high-risk province by its own target and leaves the low-risk one unjudged', () => {
    const rows = doc.results.filter((r) => r.indicator === 'drowning-change-under-15');
    expect(rows.map((r) => [r.area_code, r.target])).toEqual([['40', '<= -20'], ['50', ''], ['TH', '']]);
  });
});

describe('drowning-deaths-under-15-count: per-region counts from the book (lines 851-864)', () => {
  it('judges each region by its score-5 count and shows no result where the data has no child', () => {
    const doc = compute([...ADDED, '--indicator', 'drowning-deaths-under-15-count']);
    expect(pick(doc, 'drowning-deaths-under-15-count', ['region 1', 'region 2', 'region 7', 'region 13', 'country TH'])).toEqual({
      'region 1': [1, 1, 1, true, null],
      'region 2': [0, 0, null, null, null],
      'region 7': [1, 1, 1, true, null],
      'region 13': [0, 0, null, null, null],
      'country TH': [2, 2, 2, null, null],
    });
    const targets = Object.fromEntries(doc.results.map((r) => [r.area_code, r.target]));
    expect([targets['1'], targets['7'], targets['12'], targets['13']]).toEqual(['<= 33', '<= 49', '<= 56', '']);
  });

  it('a round-3 rate of drowning-change-under-15 is not judged (round 12 only)', () => {
    const doc = compute([...ADDED, '--round', '3', '--by', 'province', '--indicator', 'drowning-change-under-15']);
    expect(doc.results.every((r) => r.target === '' && r.pass === null)).toBe(true);
  });
});

describe('the unit type of the hospitals file', () => {
  const untyped = () => {
    const dir = tempDir();
    for (const f of readdirSync('fixtures/added')) if (f.endsWith('.csv')) copyFileSync(path.join('fixtures/added', f), path.join(dir, f));
    writeFileSync(path.join(dir, 'hospitals.csv'), 'HOSPCODE,NAME,CHANGWAT,AMPUR\n20001,a,50,01\n20002,b,50,01\n20003,c,40,01\n20004,d,50,01\n');
    return dir;
  };

  it('is read from HOSTYPE too, DHDC\'s name for it', () => {
    const dir = untyped();
    writeFileSync(path.join(dir, 'hospitals.csv'), 'hoscode,hosname,provcode,distcode,hostype\n20001,a,50,01,18\n20002,b,50,01,07\n20003,c,40,01,18\n20004,d,50,01,06\n');
    const doc = compute(['--data', dir, '--hospitals', path.join(dir, 'hospitals.csv'), '--fy', '2567', '--by', 'province', '--indicator', 'primary-care-opd-share']);
    expect(pick(doc, 'primary-care-opd-share', ['country TH'])).toEqual({ 'country TH': [2, 6, 33.33, false, null] });
  });

  it('missing, the templates that need it are skipped with a warning, and named they stop the run (exit 3)', () => {
    const dir = untyped();
    const all = run(['compute', '--data', dir, '--hospitals', path.join(dir, 'hospitals.csv'), '--fy', '2567', '--format', 'json']);
    expect(all.code, all.stderr).toBe(0);
    expect(all.stderr).toContain('primary-care-opd-share skipped: it counts some types of unit only');
    expect((JSON.parse(all.stdout) as ResultDocument).results.some((r) => r.indicator === 'primary-care-opd-share')).toBe(false);
    const named = run(['compute', '--data', dir, '--hospitals', path.join(dir, 'hospitals.csv'), '--fy', '2567', '--indicator', 'ht-dm-visits-primary-care']);
    expect(named.code).toBe(3);
    expect(named.stderr).toContain('give a --hospitals file with a UNIT_TYPE column');
  });
});
