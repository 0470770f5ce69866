import { describe, expect, it } from 'vitest';
import type { ResultDocument } from '../src/results/schema.js';
import { kpi } from './helpers/cli.js';

/** Every expectation is counted by hand in fixtures/book/README.md (persons shared across units). */
const BOOK = ['--data', 'fixtures/book', '--hospitals', 'fixtures/book/hospitals.csv', '--fy', '2567', '--by', 'province', '--format', 'json'];
const IDS = ['maternal-deaths-per-100k-births', 'ht-new-cases', 'road-traffic-deaths', 'child-development-screening-18-30mo', 'breastfeeding-exclusive-6mo'];

type Cells = [number | null, number | null, number | null, string, boolean | null, number | null];

function compute(extra: string[] = []): ResultDocument {
  const r = kpi(['compute', ...BOOK, ...extra, '--indicator', ...IDS]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as ResultDocument;
}

function pick(doc: ResultDocument, id: string): Record<string, Cells> {
  const rows = doc.results.filter((r) => r.indicator === id);
  return Object.fromEntries(rows.map((r) => [r.area_code, [r.a, r.b, r.result, r.target, r.pass, r.score]]));
}

describe('the issue-13 templates on fixtures/book, round 12', () => {
  const doc = compute();
  it('maternal deaths: each mother once however many units report her death, Thai, not accidents; each delivery once', () => {
    expect(pick(doc, 'maternal-deaths-per-100k-births')).toEqual({ 50: [1, 3, 33333.33, '<= 15', false, null], 51: [0, 1, 0, '<= 15', true, null], TH: [1, 4, 25000, '<= 15', false, null] });
  });
  it('ht-new-cases: the first diagnosis ever, over every unit, once per person', () => {
    expect(pick(doc, 'ht-new-cases')).toEqual({ 50: [1, 7, 14285.71, '', null, null], 51: [1, 5, 20000, '', null, null], TH: [2, 12, 16666.67, '', null, null] });
  });
  it('road-traffic-deaths: Thai deaths once per person over the Thai registered population, points read one way', () => {
    expect(pick(doc, 'road-traffic-deaths')).toEqual({ 50: [1, 7, 14285.71, '<= 18', false, 1], 51: [1, 4, 25000, '<= 18', false, 1], TH: [2, 11, 18181.82, '<= 18', false, 1] });
  });
  it('child development screening: B over the whole fiscal year, screened at any unit', () => {
    expect(pick(doc, 'child-development-screening-18-30mo')).toEqual({ 50: [2, 3, 66.67, '>= 100', false, null], 51: [1, 1, 100, '>= 100', true, null], TH: [3, 4, 75, '>= 100', false, null] });
  });
  it('breastfeeding: B is the infants whose carer was asked (FOOD recorded)', () => {
    expect(pick(doc, 'breastfeeding-exclusive-6mo')).toEqual({ 50: [1, 1, 100, '>= 50', true, null], 51: [0, 1, 0, '>= 50', false, null], TH: [1, 2, 50, '>= 50', true, null] });
  });
});

describe('round 6', () => {
  const doc = compute(['--round', '6']);
  it('a rate over a population judged once a year shows round 6 without target, pass or score', () => {
    expect(pick(doc, 'road-traffic-deaths')).toEqual({ 50: [0, 7, 0, '', null, null], 51: [0, 4, 0, '', null, null], TH: [0, 11, 0, '', null, null] });
  });
  it('child screening keeps the whole year\'s B, so the cumulative round target is not met trivially', () => {
    expect(pick(doc, 'child-development-screening-18-30mo')).toEqual({ 50: [1, 3, 33.33, '>= 50', false, null], 51: [0, 1, 0, '>= 50', false, null], TH: [1, 4, 25, '>= 50', false, null] });
  });
});
