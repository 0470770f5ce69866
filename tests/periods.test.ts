import { describe, expect, it } from 'vitest';
import type { ResultDocument, ResultRow } from '../src/results/schema.js';
import { cpSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { kpi as run, ROOT, tempDir } from './helpers/cli.js';

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
      'FY2567 R3 province 40': [1, 1, 100, '>= 15', true, 5],
      'FY2567 R3 province 50': [2, 1, 50, '>= 15', true, 3],
      'FY2567 R3 country TH': [3, 2, 66.67, '>= 15', true, 5],
      'FY2567 R6 province 40': [1, 1, 100, '>= 30', true, 5],
      'FY2567 R6 province 50': [3, 2, 66.67, '>= 30', true, 5],
      'FY2567 R6 country TH': [4, 3, 75, '>= 30', true, 5],
      'FY2567 R9 province 40': [2, 2, 100, '>= 45', true, 5],
      'FY2567 R9 province 50': [4, 2, 50, '>= 45', true, 3],
      'FY2567 R9 country TH': [6, 4, 66.67, '>= 45', true, 5],
      'FY2567 R12 province 40': [2, 2, 100, '>= 60', true, 5],
      'FY2567 R12 province 50': [5, 3, 60, '>= 60', true, 5],
      'FY2567 R12 country TH': [7, 5, 71.43, '>= 60', true, 5],
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
    expect(c['FY2567 M02 province 50']).toEqual([2, 1, 50, '>= 15', true, 3]);
    expect(c['FY2567 M02 province 40']).toBeUndefined();
    expect(c['FY2567 M02 country TH']).toEqual([2, 1, 50, '>= 15', true, 3]);
    expect(c['FY2567 M04 province 50']).toEqual([2, 1, 50, '>= 30', true, 3]);
    expect(c['FY2567 M04 province 40']).toEqual([1, 1, 100, '>= 30', true, 5]);
    expect(c['FY2567 M04 country TH']).toEqual([3, 2, 66.67, '>= 30', true, 5]);
    expect(c['FY2567 M06 province 50']).toEqual([3, 2, 66.67, '>= 30', true, 5]);
    expect(c['FY2567 M06 country TH']).toEqual([4, 3, 75, '>= 30', true, 5]);
  });
  it('--monthly computes each month on its own, an empty month included', () => {
    const c = cells(json([...PERIODS, '--months', '--monthly']));
    expect(c['2023-10 province 50']).toEqual([1, 1, 100, '>= 60', true, 5]);
    expect(c['2023-10 country TH']).toEqual([1, 1, 100, '>= 60', true, 5]);
    expect(c['2024-01 province 50']).toEqual([1, 0, 0, '>= 60', false, 0]);
    expect(c['2024-01 country TH']).toEqual([1, 0, 0, '>= 60', false, 0]);
    expect(c['2024-03 country TH']).toEqual([0, 0, null, '>= 60', null, null]);
    expect(Object.keys(c).filter((k) => k.startsWith('2024-03'))).toEqual(['2024-03 country TH']);
  });
});

describe('--compare-fy on fixtures/periods', () => {
  it('computes the same period of the other year from the same data', () => {
    const doc = json([...PERIODS, '--compare-fy', '2566']);
    expect(doc.periods).toEqual(['FY2567 R12', 'FY2566 R12']);
    const c = cells(doc);
    expect(c['FY2566 R12 province 40']).toEqual([1, 1, 100, '>= 60', true, 5]);
    expect(c['FY2566 R12 country TH']).toEqual([1, 1, 100, '>= 60', true, 5]);
    expect(c['FY2566 R12 province 50']).toBeUndefined();
    expect(c['FY2567 R12 country TH']).toEqual([7, 5, 71.43, '>= 60', true, 5]);
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

/** Every bundled template runs on one of these (fixtures/library has all but the ANC ones). */
const FIXTURES = [
  ['--data', 'fixtures/library', '--hospitals', 'fixtures/library/hospitals.csv'],
  ['--data', 'fixtures/demo', '--hospitals', 'fixtures/demo/hospitals.csv'],
  ['--data', 'fixtures/hdc'],
  ['--data', 'fixtures/manual'],
];

const rowsOf = (doc: ResultDocument, period: string): ResultRow[] => doc.results.filter((r) => r.period === period);

/** The bundled templates that count persons, read from the files (a measure with `person`), not from the tool. */
const PERSON_TEMPLATES = readdirSync(path.join(ROOT, 'templates'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(path.join(ROOT, 'templates', f), 'utf8')) as { id: string; measures?: Record<string, { person?: string }> })
  .filter((t) => Object.values(t.measures ?? {}).some((m) => m.person !== undefined))
  .map((t) => t.id);

/** The bundled templates without those that count persons, which several periods do not cover yet. */
function templatesWithoutPersons(): string {
  const dir = tempDir();
  cpSync(path.join(ROOT, 'templates'), dir, { recursive: true });
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const t = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as { id: string };
    if (PERSON_TEMPLATES.includes(t.id)) rmSync(path.join(dir, f));
  }
  return dir;
}

const REFUSAL = 'several periods in one run do not cover the person model yet: run one --round at a time';

describe('all rounds in one pass equal four single-period runs', () => {
  const seen = new Set<string>();
  const templates = templatesWithoutPersons();
  for (const data of FIXTURES) {
    for (const by of ['unit', 'region']) {
      const base = [...data, '--templates', templates, '--fy', '2567', '--by', by];
      it(`${data[1]} by ${by}`, () => {
        const all = json([...base, '--rounds', 'all']);
        for (const round of ['3', '6', '9', '12']) {
          const single = json([...base, '--round', round]);
          expect(single.results.length).toBeGreaterThan(0);
          expect(rowsOf(all, `FY2567 R${round}`)).toEqual(single.results);
          single.results.forEach((r) => seen.add(r.indicator));
        }
      }, 60_000);
    }
  }
  describe.each([{ periods: ['--rounds', 'all'] }, { periods: ['--months'] }, { periods: ['--months', '--monthly'] }, { periods: ['--compare-fy', '2566'] }])('$periods with a template counting persons', ({ periods }) => {
    it.each(['fixtures/persons', 'fixtures/library'])('is refused on %s before any row is read (exit 2), naming the template', (data) => {
      const r = run(['compute', '--data', data, '--hospitals', `${data}/hospitals.csv`, '--fy', '2567', '--indicator', 'dm-control', ...periods]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`dm-control counts persons; ${REFUSAL}`);
    });
  });
  it('refuses every bundled template that counts persons, with all templates at once', () => {
    expect(PERSON_TEMPLATES.length).toBeGreaterThan(0);
    // fixtures/added holds the tables of the person templates added in issue 13, and unit types.
    const r = run(['compute', '--data', 'fixtures/library', 'fixtures/added', '--hospitals', 'fixtures/added/hospitals.csv', '--fy', '2567', '--rounds', 'all']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(REFUSAL);
    for (const id of PERSON_TEMPLATES) expect(r.stderr).toContain(id);
  });
  it('covered every bundled template: equal, or refused for counting persons', () => {
    const list = run(['list', '--format', 'json']);
    const ids = (JSON.parse(list.stdout) as Array<{ id: string }>).map((t) => t.id);
    expect(ids.length).toBeGreaterThan(20);
    // ht-dm-visits-primary-care needs unit types (fixtures/added): there a round counting nothing names
    // the total row differently alone (ภาพรวมประเทศ) than among several periods, a difference left to its own issue.
    expect(ids.filter((id) => !seen.has(id) && !PERSON_TEMPLATES.includes(id))).toEqual(['ht-dm-visits-primary-care']);
  });
});

describe('months in one pass equal the same windows run alone', () => {
  const templates = templatesWithoutPersons();
  const base = ['--data', 'fixtures/library', '--hospitals', 'fixtures/library/hospitals.csv', '--templates', templates, '--fy', '2567', '--by', 'province'];
  const numbers = (rows: ResultRow[]) => rows.map((r) => [r.indicator, r.level, r.area_code, r.a, r.b, r.result]);
  it('cumulative month 5 is 2023-10-01..2024-02-29, month 8 of --monthly is May 2024 alone', () => {
    const months = json([...base, '--months']);
    const monthly = json([...base, '--months', '--monthly']);
    const window = (from: string, to: string) => json(['--data', 'fixtures/library', '--hospitals', 'fixtures/library/hospitals.csv', '--templates', templates, '--by', 'province', '--from', from, '--to', to]).results;
    expect(numbers(rowsOf(months, 'FY2567 M05'))).toEqual(numbers(window('2023-10-01', '2024-02-29')));
    expect(numbers(rowsOf(monthly, '2024-05'))).toEqual(numbers(window('2024-05-01', '2024-05-31')));
  }, 60_000);
});
