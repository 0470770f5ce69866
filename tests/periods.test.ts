import { describe, expect, it } from 'vitest';
import type { ResultDocument, ResultRow } from '../src/results/schema.js';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { kpi as run, ROOT } from './helpers/cli.js';

/** Hand counts: fixtures/periods/README.md. */
const PERIODS = ['--data', 'fixtures/periods', '--hospitals', 'fixtures/periods/hospitals.csv', '--fy', '2567', '--by', 'province', '--indicator', 'anc-first-visit-12wk'];

function json(args: string[]): ResultDocument {
  const r = run(['compute', ...args, '--format', 'json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as ResultDocument;
}

type Cells = [number | null, number | null, number | null, string, boolean | null, number | null];

/** `period level code` → [b, a, result, target, pass, score]. */
function cells(doc: ResultDocument): Record<string, Cells> {
  return Object.fromEntries(doc.results.map((r) => [`${r.period} ${r.level} ${r.area_code}`, [r.b, r.a, r.result, r.target, r.pass, r.score]]));
}

describe('--rounds all on fixtures/periods', () => {
  const doc = json([...PERIODS, '--rounds', 'all']);
  it('counts each round against its own target', () => {
    expect(cells(doc)).toEqual({
      'FY2567 R3 province 40': [1, 1, 100, '>= 15', true, null],
      'FY2567 R3 province 50': [1, 1, 100, '>= 15', true, null],
      'FY2567 R3 country TH': [2, 2, 100, '>= 15', true, null],
      'FY2567 R6 province 40': [1, 1, 100, '>= 30', true, null],
      'FY2567 R6 province 50': [3, 2, 66.67, '>= 30', true, null],
      'FY2567 R6 country TH': [4, 3, 75, '>= 30', true, null],
      'FY2567 R9 province 40': [2, 2, 100, '>= 45', true, null],
      'FY2567 R9 province 50': [4, 2, 50, '>= 45', true, null],
      'FY2567 R9 country TH': [6, 4, 66.67, '>= 45', true, null],
      'FY2567 R12 province 40': [2, 2, 100, '>= 60', true, null],
      'FY2567 R12 province 50': [5, 3, 60, '>= 60', true, null],
      'FY2567 R12 country TH': [7, 5, 71.43, '>= 60', true, null],
    });
  });
  it('lists the periods in the document, rows in period order', () => {
    expect(doc.periods).toEqual(['FY2567 R3', 'FY2567 R6', 'FY2567 R9', 'FY2567 R12']);
    expect([...new Set(doc.results.map((r) => r.period))]).toEqual(doc.periods);
  });
  it('takes a list of rounds', () => {
    expect(json([...PERIODS, '--rounds', '6,3']).periods).toEqual(['FY2567 R3', 'FY2567 R6']);
  });
});

describe('--months on fixtures/periods', () => {
  it('gives the cumulative result at the end of each month, judged by the round the month is in', () => {
    const c = cells(json([...PERIODS, '--months']));
    expect(Object.keys(c).filter((k) => k.endsWith('TH'))).toHaveLength(12);
    expect(c['FY2567 M02 province 50']).toEqual([1, 1, 100, '>= 15', true, null]);
    expect(c['FY2567 M02 province 40']).toBeUndefined();
    expect(c['FY2567 M02 country TH']).toEqual([1, 1, 100, '>= 15', true, null]);
    expect(c['FY2567 M04 province 50']).toEqual([2, 1, 50, '>= 30', true, null]);
    expect(c['FY2567 M04 province 40']).toEqual([1, 1, 100, '>= 30', true, null]);
    expect(c['FY2567 M04 country TH']).toEqual([3, 2, 66.67, '>= 30', true, null]);
    expect(c['FY2567 M06 province 50']).toEqual([3, 2, 66.67, '>= 30', true, null]);
    expect(c['FY2567 M06 country TH']).toEqual([4, 3, 75, '>= 30', true, null]);
  });
  it('--monthly computes each month on its own, an empty month included', () => {
    const c = cells(json([...PERIODS, '--months', '--monthly']));
    expect(c['2023-10 province 50']).toEqual([1, 1, 100, '>= 60', true, null]);
    expect(c['2023-10 country TH']).toEqual([1, 1, 100, '>= 60', true, null]);
    expect(c['2024-01 province 50']).toEqual([1, 0, 0, '>= 60', false, null]);
    expect(c['2024-01 country TH']).toEqual([1, 0, 0, '>= 60', false, null]);
    expect(c['2024-03 country TH']).toEqual([0, 0, null, '>= 60', null, null]);
    expect(Object.keys(c).filter((k) => k.startsWith('2024-03'))).toEqual(['2024-03 country TH']);
  });
});

describe('--compare-fy on fixtures/periods', () => {
  it('computes the same period of the other year from the same data', () => {
    const doc = json([...PERIODS, '--compare-fy', '2566']);
    expect(doc.periods).toEqual(['FY2567 R12', 'FY2566 R12']);
    const c = cells(doc);
    expect(c['FY2566 R12 province 40']).toEqual([1, 1, 100, '>= 60', true, null]);
    expect(c['FY2566 R12 country TH']).toEqual([1, 1, 100, '>= 60', true, null]);
    expect(c['FY2566 R12 province 50']).toBeUndefined();
    expect(c['FY2567 R12 country TH']).toEqual([7, 5, 71.43, '>= 60', true, null]);
  });
});

describe('period options that do not fit together', () => {
  it.each([
    [['--rounds', '4']],
    [['--rounds', 'all', '--round', '6']],
    [['--rounds', 'all', '--months']],
    [['--monthly']],
    [['--months', '--quarter', '2']],
    [['--compare-fy', '2567']],
  ])('%j is a usage error', (extra) => {
    const r = run(['compute', ...PERIODS, ...extra]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
  });
});

/** Every bundled template runs on one of these (fixtures/library has all but the ANC ones; fixtures/persons* count persons). */
const FIXTURES = [
  ['--data', 'fixtures/library', '--hospitals', 'fixtures/library/hospitals.csv'],
  ['--data', 'fixtures/demo', '--hospitals', 'fixtures/demo/hospitals.csv'],
  ['--data', 'fixtures/hdc'],
  ['--data', 'fixtures/manual'],
  ['--data', 'fixtures/persons', '--hospitals', 'fixtures/persons/hospitals.csv'],
  ['--data', 'fixtures/persons-rounds', '--hospitals', 'fixtures/persons-rounds/hospitals.csv'],
  // The tables of the person templates added in issue 13, and unit types.
  ['--data', 'fixtures/library', 'fixtures/added', '--hospitals', 'fixtures/added/hospitals.csv'],
];

/** A period's rows, "not computed: …" rows included: every period carries its own. */
const rowsOf = (doc: ResultDocument, period: string): ResultRow[] => doc.results.filter((r) => r.period === period);

/** The bundled templates that count persons, read from the files (a measure with `person`), not from the tool. */
const PERSON_TEMPLATES = readdirSync(path.join(ROOT, 'templates'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(path.join(ROOT, 'templates', f), 'utf8')) as { id: string; measures?: Record<string, { person?: string }> })
  .filter((t) => Object.values(t.measures ?? {}).some((m) => m.person !== undefined))
  .map((t) => t.id);

describe('all rounds in one pass equal four single-period runs', () => {
  const seen = new Set<string>();
  for (const data of FIXTURES) {
    for (const by of ['unit', 'region']) {
      const base = [...data, '--fy', '2567', '--by', by];
      it(`${data[1]} by ${by}`, () => {
        const all = json([...base, '--rounds', 'all']);
        for (const round of ['3', '6', '9', '12']) {
          const single = json([...base, '--round', round]);
          expect(single.results.length).toBeGreaterThan(0);
          expect(rowsOf(all, `FY2567 R${round}`)).toEqual(single.results);
          single.results.forEach((r) => seen.add(r.indicator));
        }
      }, 120_000);
    }
  }
  it('covered every bundled template, those counting persons too', () => {
    const list = run(['list', '--format', 'json']);
    const ids = (JSON.parse(list.stdout) as Array<{ id: string }>).map((t) => t.id);
    expect(ids.length).toBeGreaterThan(20);
    expect(PERSON_TEMPLATES.length).toBeGreaterThanOrEqual(4);
    expect(ids.filter((id) => !seen.has(id))).toEqual([]);
  });
});

/**
 * A, B and result per indicator and area: a free window has no round, so no round target to
 * compare, nor a weighted indicator's result (A and B empty), which sums its parts' scores.
 */
const numbers = (rows: ResultRow[]) => rows.map((r) => [r.indicator, r.level, r.area_code, r.a, r.b, r.a === null && r.b === null ? 'weighted' : r.result]);

const withoutPeriod = (rows: ResultRow[]) => rows.map(({ period: _, ...rest }) => rest);

/** The last day of month `m` of FY2567 (1 = October 2023). */
function monthEnd(m: number): string {
  const year = m <= 3 ? 2023 : 2024;
  const month = ((m + 8) % 12) + 1;
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

describe('twelve cumulative months in one pass equal each window run alone', () => {
  it('monthEnd: month 5 ends 2024-02-29, month 12 2024-09-30', () => {
    expect([monthEnd(1), monthEnd(3), monthEnd(5), monthEnd(12)]).toEqual(['2023-10-31', '2023-12-31', '2024-02-29', '2024-09-30']);
  });
  const seen = new Set<string>();
  for (const data of FIXTURES) {
    it(`${data[1]} by unit`, () => {
      const base = [...data, '--by', 'unit'];
      const months = json([...base, '--fy', '2567', '--months']);
      const month = (m: number) => rowsOf(months, `FY2567 M${String(m).padStart(2, '0')}`);
      // Months 3, 6, 9 and 12 are compared with the rounds below (which equal single runs above);
      // of the others, five run alone (each window is one more process: the suite's time).
      for (const m of [1, 2, 5, 8, 11]) {
        const single = json([...base, '--from', '2023-10-01', '--to', monthEnd(m)]);
        expect(numbers(month(m))).toEqual(numbers(single.results));
        single.results.forEach((r) => seen.add(r.indicator));
      }
      // The months that end a round are that round, targets, scores and weighted results too.
      const rounds = json([...base, '--fy', '2567', '--rounds', 'all']);
      for (const r of [3, 6, 9, 12]) expect(withoutPeriod(month(r))).toEqual(withoutPeriod(rowsOf(rounds, `FY2567 R${r}`)));
    }, 180_000);
  }
  it('covered the templates counting persons', () => {
    expect(PERSON_TEMPLATES.filter((id) => !seen.has(id))).toEqual([]);
  });
  it('--months --monthly: month 8 is May 2024 alone', () => {
    const base = ['--data', 'fixtures/library', '--hospitals', 'fixtures/library/hospitals.csv', '--by', 'province'];
    const monthly = json([...base, '--fy', '2567', '--months', '--monthly']);
    expect(numbers(rowsOf(monthly, '2024-05'))).toEqual(numbers(json([...base, '--from', '2024-05-01', '--to', '2024-05-31']).results));
  }, 60_000);
});

describe('--compare-fy with templates counting persons', () => {
  it.each([
    ['fixtures/persons', ['ht-control', 'dm-control', 'dm-new-cases', 'drowning-deaths-under-15']],
    ['fixtures/persons-rounds', ['ht-control', 'dm-new-cases']],
  ])('last year from %s equals a run of that year alone', (data, ids) => {
    const base = ['--data', data, '--hospitals', `${data}/hospitals.csv`, '--by', 'unit', '--indicator', ...ids];
    const both = json([...base, '--fy', '2567', '--compare-fy', '2566']);
    expect(rowsOf(both, 'FY2567 R12')).toEqual(json([...base, '--fy', '2567']).results);
    expect(numbers(rowsOf(both, 'FY2566 R12'))).toEqual(numbers(json([...base, '--fy', '2566']).results));
  }, 60_000);
});

/** Hand counts: fixtures/persons-rounds/README.md. */
describe('persons shared across units, round by round (fixtures/persons-rounds)', () => {
  const base = ['--data', 'fixtures/persons-rounds', '--hospitals', 'fixtures/persons-rounds/hospitals.csv', '--fy', '2567', '--rounds', 'all'];
  it('ht-control per unit: A in R3, out in R6 and R9, in again in R12; B from R6, out of A in R12 once diabetic; E found by a CID with a leading 0, a CID written 123.0 links nobody', () => {
    const c = cells(json([...base, '--by', 'unit', '--indicator', 'ht-control']));
    expect(c).toEqual({
      'FY2567 R3 unit 10001': [2, 1, 50, '', null, null],
      'FY2567 R3 unit 20001': [1, 0, 0, '', null, null],
      'FY2567 R3 country TH': [3, 1, 33.33, '', null, null],
      'FY2567 R6 unit 10001': [2, 1, 50, '', null, null],
      'FY2567 R6 unit 10002': [1, 1, 100, '', null, null],
      'FY2567 R6 unit 20001': [1, 0, 0, '', null, null],
      'FY2567 R6 country TH': [4, 2, 50, '', null, null],
      'FY2567 R9 unit 10001': [2, 1, 50, '', null, null],
      'FY2567 R9 unit 10002': [1, 1, 100, '', null, null],
      'FY2567 R9 unit 20001': [1, 1, 100, '', null, null],
      'FY2567 R9 country TH': [4, 3, 75, '', null, null],
      'FY2567 R12 unit 10001': [2, 2, 100, '', null, null],
      'FY2567 R12 unit 10002': [1, 0, 0, '', null, null],
      'FY2567 R12 unit 20001': [1, 1, 100, '', null, null],
      'FY2567 R12 country TH': [4, 3, 75, '', null, null],
    });
  });
  it('ht-control and dm-new-cases per province: dm-new-cases has its new case in R12 only', () => {
    const doc = json([...base, '--by', 'province', '--indicator', 'ht-control', 'dm-new-cases']);
    const ab = Object.fromEntries(doc.results.map((r) => [`${r.indicator} ${r.period} ${r.area_code}`, [r.b, r.a, r.result]]));
    expect(ab).toEqual({
      'ht-control FY2567 R3 50': [2, 1, 50], 'ht-control FY2567 R3 51': [1, 0, 0], 'ht-control FY2567 R3 TH': [3, 1, 33.33],
      'ht-control FY2567 R6 50': [3, 2, 66.67], 'ht-control FY2567 R6 51': [1, 0, 0], 'ht-control FY2567 R6 TH': [4, 2, 50],
      'ht-control FY2567 R9 50': [3, 2, 66.67], 'ht-control FY2567 R9 51': [1, 1, 100], 'ht-control FY2567 R9 TH': [4, 3, 75],
      'ht-control FY2567 R12 50': [3, 2, 66.67], 'ht-control FY2567 R12 51': [1, 1, 100], 'ht-control FY2567 R12 TH': [4, 3, 75],
      'dm-new-cases FY2567 R3 50': [4, 0, 0], 'dm-new-cases FY2567 R3 51': [1, 0, 0], 'dm-new-cases FY2567 R3 TH': [5, 0, 0],
      'dm-new-cases FY2567 R6 50': [4, 0, 0], 'dm-new-cases FY2567 R6 51': [1, 0, 0], 'dm-new-cases FY2567 R6 TH': [5, 0, 0],
      'dm-new-cases FY2567 R9 50': [4, 0, 0], 'dm-new-cases FY2567 R9 51': [1, 0, 0], 'dm-new-cases FY2567 R9 TH': [5, 0, 0],
      'dm-new-cases FY2567 R12 50': [4, 1, 25000], 'dm-new-cases FY2567 R12 51': [1, 0, 0], 'dm-new-cases FY2567 R12 TH': [5, 1, 20000],
    });
  });
});
