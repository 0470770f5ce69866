import { describe, expect, it } from 'vitest';
import type { ResultDocument } from '../../src/results/schema.js';
import { computeJson, pick, type Cells } from '../helpers/results.js';
import { kpi as run } from '../helpers/cli.js';

/** Every expectation here is counted by hand in fixtures/library/README.md. */
const LIB = ['--data', 'fixtures/library', '--hospitals', 'fixtures/library/hospitals.csv', '--fy', '2567'];

function compute(by: string, ids?: string[]): ResultDocument {
  return computeJson([...LIB, '--by', by, ...(ids ? ['--indicator', ...ids] : [])]);
}

const PROVINCES = ['province 50', 'province 40', 'country TH'];

describe('the library against fixtures/library, by province', () => {
  const doc = compute('province');
  const cases: Record<string, Record<string, Cells>> = {
    'maternal-deaths-per-100k-births': { 'province 50': [1, 5, 20000, false, null], 'province 40': [0, 1, 0, true, null], 'country TH': [1, 6, 16666.67, false, null] },
    'child-development-on-track': { 'province 50': [1, 2, 50, false, null], 'province 40': [1, 1, 100, true, null], 'country TH': [2, 3, 66.67, false, null] },
    'births-women-15-19-per-1000': { 'province 50': [2, 2, 1000, false, null], 'province 40': [0, 1, 0, true, null], 'country TH': [2, 3, 666.67, false, null] },
    'road-traffic-deaths': { 'province 50': [1, 11, 9090.91, false, 1], 'province 40': [1, 6, 16666.67, false, 1], 'country TH': [2, 17, 11764.71, false, 1] },
    'ihd-deaths': { 'province 50': [0, 11, 0, true, 5], 'province 40': [1, 6, 16666.67, false, 1], 'country TH': [1, 17, 5882.35, false, 1] },
    'teen-repeat-pregnancy': { 'province 50': [1, 2, 50, false, 1], 'province 40': [1, 1, 100, false, 1], 'country TH': [2, 3, 66.7, false, 1] },
    'dm-control': { 'province 50': [1, 2, 50, null, null], 'province 40': [1, 2, 50, null, null], 'country TH': [2, 4, 50, null, null] },
    'ht-control': { 'province 50': [2, 3, 66.67, null, null], 'province 40': [0, 2, 0, null, null], 'country TH': [2, 5, 40, null, null] },
    'dm-new-cases': { 'province 50': [1, 12, 8333.33, null, null], 'province 40': [1, 6, 16666.67, null, null], 'country TH': [2, 18, 11111.11, null, null] },
    'ht-new-cases': { 'province 50': [1, 12, 8333.33, null, null], 'province 40': [0, 6, 0, null, null], 'country TH': [1, 18, 5555.56, null, null] },
    'child-development-screening-18-30mo': { 'province 50': [2, 3, 66.67, false, null], 'province 40': [1, 1, 100, true, null], 'country TH': [3, 4, 75, false, null] },
    'adult-obesity-ncdscreen': { 'province 50': [2, 4, 50, null, null], 'province 40': [1, 2, 50, null, null], 'country TH': [3, 6, 50, null, null] },
    'elderly-screening': { 'province 50': [1, 2, 50, false, null], 'province 40': [1, 1, 100, true, null], 'country TH': [2, 3, 66.67, true, null] },
    'caries-age-3': { 'province 50': [1, 1, 100, false, null], 'province 40': [1, 2, 50, true, null], 'country TH': [2, 3, 66.67, true, null] },
    'drowning-deaths-under-15': { 'province 50': [0, 5, 0, true, 5], 'province 40': [0, 2, 0, true, 5], 'country TH': [0, 7, 0, true, 5] },
  };
  for (const [id, expected] of Object.entries(cases)) {
    it(id, () => expect(pick(doc, id, PROVINCES)).toEqual(expected));
  }
});

describe('the round rule: a rate over a population the book judges once a year', () => {
  it('shows drowning at round 3 without target, pass or score (B as at round 12: registered living under 15 at the FY start)', () => {
    const r = run(['compute', ...LIB, '--by', 'province', '--format', 'json', '--round', '3', '--indicator', 'drowning-deaths-under-15']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as ResultDocument;
    expect(doc.results.filter((x) => x.indicator === 'drowning-deaths-under-15').map((x) => [x.area_code, x.a, x.b, x.result, x.target, x.pass, x.score])).toEqual([
      ['40', 0, 2, 0, '', null, null], ['50', 0, 5, 0, '', null, null], ['TH', 0, 7, 0, '', null, null],
    ]);
  });
});

describe('region-level templates', () => {
  const doc = compute('region');

  it('road-traffic-deaths-reduction compares with the book\'s baseline per region (a CSV shipped with the template)', () => {
    expect(pick(doc, 'road-traffic-deaths-reduction', ['region 1', 'region 2', 'region 7', 'country TH'])).toEqual({
      'region 1': [1, 11, -37893.13, false, 1],
      'region 2': [0, 0, null, null, null],
      'region 7': [1, 6, -96998.86, false, 1],
      'country TH': [2, 17, -54906.92, false, 1],
    });
  });

  it('community-health-management reproduces seed 002 region by region', () => {
    const rows = doc.results.filter((r) => r.indicator === 'community-health-management');
    expect(rows.map((r) => [r.area_code, r.b, r.a, r.result])).toEqual([
      ['1', 8202, 5446, 66.4], ['2', 4506, 3693, 81.96], ['3', 4433, 3431, 77.4], ['4', 5662, 4104, 72.48],
      ['5', 5582, 4485, 80.35], ['6', 4850, 3401, 70.12], ['7', 8309, 6007, 72.3], ['8', 7454, 6686, 89.7],
      ['9', 10053, 7741, 77], ['10', 7355, 6343, 86.24], ['11', 4363, 3470, 79.53], ['12', 4317, 3077, 71.28],
      ['13', 0, 0, null], ['TH', 75086, 57884, 77.09],
    ]);
  });

  it('grades the consumer-protection parts and weighs them: region 1 is the book\'s worked example, 4.5 → level 4', () => {
    const codes = ['region 1', 'region 2', 'country TH'];
    expect(pick(doc, 'consumer-protection-management-level', codes)).toEqual({ 'region 1': [null, null, 5, true, 5], 'region 2': [null, null, 3, false, 3], 'country TH': [null, null, 4, false, 4] });
    expect(pick(doc, 'consumer-protection-clinics-beauty', codes)).toEqual({ 'region 1': [47, 50, 94, true, 4], 'region 2': [41, 50, 82, false, 1], 'country TH': [88, 100, 88, false, 2] });
    expect(pick(doc, 'consumer-protection-clinics-unlicensed', codes)).toEqual({ 'region 1': [19, 20, 95, true, 4], 'region 2': [16, 20, 80, false, 0], 'country TH': [35, 40, 87.5, false, 2] });
    expect(pick(doc, 'consumer-protection-food', codes)).toEqual({ 'region 1': [null, null, 3, null, 3], 'region 2': [null, null, 1.2, null, 1.2], 'country TH': [null, null, 2.1, null, 2.1] });
    expect(pick(doc, 'consumer-protection-ads', codes)).toEqual({ 'region 1': [12, 12, 100, true, 5], 'region 2': [9, 10, 90, false, 1], 'country TH': [21, 22, 95.45, false, 3] });
    expect(pick(doc, 'consumer-protection-weighted', [...codes, 'region 7'])).toEqual({
      'region 1': [null, null, 4.5, null, 4],
      'region 2': [null, null, 1.93, null, null],
      'region 7': [null, null, null, null, null],
      'country TH': [null, null, 3.17, null, 2],
    });
  });

  it('brings a named composite\'s parts along', () => {
    const doc = compute('region', ['consumer-protection-weighted']);
    expect([...new Set(doc.results.map((r) => r.indicator))]).toEqual(['consumer-protection-ads', 'consumer-protection-clinics-beauty', 'consumer-protection-clinics-unlicensed', 'consumer-protection-food', 'consumer-protection-management-level', 'consumer-protection-weighted']);
    expect(pick(doc, 'consumer-protection-weighted', ['region 1'])).toEqual({ 'region 1': [null, null, 4.5, null, 4] });
  });

  it('skips a composite whose parts are not computed, and says why', () => {
    const r = run(['compute', '--data', 'fixtures/demo', '--fy', '2567', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('consumer-protection-weighted skipped: its weighted parts consumer-protection-management-level, consumer-protection-clinics-beauty, consumer-protection-clinics-unlicensed, consumer-protection-food, consumer-protection-ads were not computed');
  });
});

describe('the bundled library', () => {
  it('passes kpi validate, at least 20 templates', () => {
    const r = run(['validate', 'templates']);
    expect(r.code, r.stderr).toBe(0);
    const n = Number(/^(\d+) templates valid/.exec(r.stdout)?.[1]);
    expect(n).toBeGreaterThanOrEqual(20);
  });

  it('still runs on the demo data, skipping templates whose tables are absent', () => {
    const r = run(['compute', '--data', 'fixtures/demo', '--hospitals', 'fixtures/demo/hospitals.csv', '--fy', '2567', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    // One line per group of indicators skipped for the same missing tables (issue 10, rule 7).
    expect(r.stderr).toContain('kpi: warning: dm-control skipped: it needs tables CHRONIC, LABFU, not found in --data\n');
    expect(r.stderr).toMatch(/kpi: warning: \d+ indicators skipped in all, their tables not found in --data\n/);
  });

  it('never prints a person id of the fixtures', () => {
    const r = run(['compute', ...LIB, '--by', 'unit', '--format', 'csv']);
    expect(r.stdout + r.stderr).not.toMatch(/\b[PQ]\d\d\b/);
  });
});
