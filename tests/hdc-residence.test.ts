import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kpi, ROOT } from './helpers/cli.js';

interface Doc { results: Array<{ level: string; area_code: string; a: number; b: number; result: number | null }> }

function rows(args: string[]): Array<[string, number, number, number | null]> {
  const r = kpi(['compute', '--format', 'json', ...args]);
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as Doc).results.map((x) => [x.area_code, x.a, x.b, x.result]);
}

describe('HDC summary export (fixtures/hdc, counted in its README)', () => {
  const base = ['--data', path.join(ROOT, 'fixtures', 'hdc'), '--indicator', 'anc-first-visit-12wk-hdc'];
  it('sums target and result of the fiscal year by areacode, per province', () => {
    expect(rows([...base, '--fy', '2567', '--by', 'province'])).toEqual([['40', 0, 0, null], ['50', 17, 23, 73.91], ['51', 1, 4, 25], ['TH', 18, 27, 66.67]]);
  });
  it('per district', () => {
    expect(rows([...base, '--fy', '2567', '--by', 'district'])).toEqual([['4001', 0, 0, null], ['5001', 9, 15, 60], ['5002', 8, 8, 100], ['5101', 1, 4, 25], ['TH', 18, 27, 66.67]]);
  });
  it('per region', () => {
    const r = rows([...base, '--fy', '2567']);
    expect(r.find((x) => x[0] === '1')).toEqual(['1', 18, 27, 66.67]);
    expect(r.find((x) => x[0] === '7')).toEqual(['7', 0, 0, null]);
  });
  it('rounds and quarters sum the quarter columns target1..4 / result1..4 of the quarters in the period', () => {
    expect(rows([...base, '--fy', '2567', '--by', 'province', '--round', '6'])).toEqual([['40', 0, 0, null], ['50', 9, 13, 69.23], ['51', 1, 2, 50], ['TH', 10, 15, 66.67]]);
    expect(rows([...base, '--fy', '2567', '--by', 'province', '--round', '3'])).toEqual([['40', 0, 0, null], ['50', 4, 6, 66.67], ['51', 0, 1, 0], ['TH', 4, 7, 57.14]]);
    expect(rows([...base, '--fy', '2567', '--by', 'province', '--quarter', '2'])).toEqual([['40', 0, 0, null], ['50', 5, 7, 71.43], ['51', 1, 1, 100], ['TH', 6, 8, 75]]);
  });
  it('b_year follows --fy through fy.year', () => {
    expect(rows([...base, '--fy', '2566', '--by', 'province'])).toEqual([['50', 9, 9, 100], ['TH', 9, 9, 100]]);
  });
});

describe('area "residence" (fixtures/residence, counted in its README)', () => {
  const dir = path.join(ROOT, 'fixtures', 'residence');
  const base = ['--data', dir, '--templates', path.join(dir, 'children-drowning-by-residence.json'), '--hospitals', path.join(dir, 'hospitals.csv'), '--fy', '2567'];
  it('places persons by their house, not by the unit', () => {
    expect(rows([...base, '--by', 'province'])).toEqual([['50', 0, 1, 0], ['51', 1, 2, 50000], ['TH', 1, 4, 25000]]);
    expect(rows([...base, '--by', 'district'])).toEqual([['5002', 0, 1, 0], ['5101', 1, 2, 50000], ['TH', 1, 4, 25000]]);
  });
  it('warns about a person whose house is not in HOME', () => {
    const r = kpi(['compute', ...base, '--by', 'province', '--format', 'csv']);
    expect(r.stderr).toBe('kpi: warning: children-drowning-by-residence: 1 counted row found no PERSON → HOME address (area "residence"): counted only in the national row\n');
  });
});
