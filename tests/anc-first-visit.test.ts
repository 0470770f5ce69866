import { describe, expect, it } from 'vitest';
import type { ResultDocument } from '../src/results/schema.js';
import { kpi } from './helpers/cli.js';

/**
 * anc-first-visit-12wk as rebuilt in issue 13 (seed 003, lines 2483–2498): B = women who delivered
 * in the period, residents or not, each once across units; A = those whose first ANC of that
 * pregnancy, from any unit, was at GA ≤ 12. Every number is counted by hand in the READMEs of
 * fixtures/demo and fixtures/anc-window.
 */
const ID = 'anc-first-visit-12wk';
const DEMO = ['--data', 'fixtures/demo', '--hospitals', 'fixtures/demo/hospitals.csv', '--fy', '2567', '--lang', 'en'];
const WINDOW = ['--data', 'fixtures/anc-window', '--hospitals', 'fixtures/anc-window/hospitals.csv', '--fy', '2567', '--lang', 'en'];

/** `level code` → [b, a, result, pass, score] of one compute run. */
function results(args: string[]): Record<string, unknown[]> {
  const r = kpi(['compute', ...args, '--indicator', ID, '--format', 'json']);
  expect(r.code, r.stderr).toBe(0);
  const doc = JSON.parse(r.stdout) as ResultDocument;
  return Object.fromEntries(doc.results.map((x) => [`${x.level} ${x.area_code}`, [x.b, x.a, x.result, x.pass, x.score]]));
}

/** `unit-pid reason` of every woman of B in an area (`counted in A` for those in A). */
function group(args: string[]): string[] {
  const r = kpi(['cases', ID, ...args, '--which', 'group', '--format', 'json']);
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { cases: Array<Record<string, string>> }).cases.map((c) => `${c.unit}-${c.pid} ${c.reason}`);
}

describe('anc-first-visit-12wk on fixtures/demo', () => {
  it('counts each woman who delivered once, at her home unit, with no score', () => {
    // 10001: 10001-1 (A), 10001-2 (first ANC GA 14), 10001-3 (not resident, registered nowhere: A);
    // 10002: 10002-1 (her one visit has no GA); 10003: 10003-1 (A, delivered on the last day);
    // 20001: 20001-1 (A: her first visit was at 99999; her delivery reported by 20001 and 99999,
    // counted once), 20001-2 (no ANC at all); 99999: 99999-1 (A). Counted per unit row, not per
    // person, 20001-1 would be in B twice: B would be 9.
    expect(results([...DEMO, '--by', 'unit'])).toEqual({
      'unit 10001': [3, 2, 66.67, true, null],
      'unit 10002': [1, 0, 0, false, null],
      'unit 10003': [1, 1, 100, true, null],
      'unit 20001': [2, 1, 50, false, null],
      'unit 99999': [1, 1, 100, true, null],
      'country TH': [8, 5, 62.5, true, null],
    });
  });

  it('leaves out an abortion, deliveries outside the fiscal year and women who did not deliver', () => {
    // Not in B: 10002-2 (BTYPE 6), 10001-5 (2023-09-30, FY2566), 10003-2 (2024-10-01, FY2568),
    // 10001-4 and 10001-6 (ANC visits, no delivery).
    const b = group([...DEMO, '--area', 'TH']).map((x) => x.split(' ')[0]);
    expect(b).toEqual(['10001-3', '10001-1', '10001-2', '10002-1', '10003-1', '20001-1', '20001-2', '99999-1']);
  });

  it('gives each woman of B her reason, by unit then delivery date', () => {
    expect(group([...DEMO, '--area', 'TH'])).toEqual([
      '10001-3 counted in A',
      '10001-1 counted in A',
      // Her GA 8 visit of 2022-01-05 began a pregnancy on 2021-11-10, before 2022-11-27: not this one.
      '10001-2 first ANC at GA 14 weeks (2023-07-17)',
      '10002-1 no ANC visit with a recorded GA found for this pregnancy',
      '10003-1 counted in A',
      '20001-1 counted in A',
      '20001-2 no ANC visit with a recorded GA found for this pregnancy',
      '99999-1 counted in A',
    ]);
  });

  it('takes the first visit from any unit: 20001-1 at 99999 (GA 11), not her home unit\'s GA 20', () => {
    const r = kpi(['cases', ID, ...DEMO, '--area', '20001', '--which', 'achieved', '--format', 'csv']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('unit,unit_name,pid,sex,age,home_unit,record_unit,bdate,first_anc,ga\n20001,รพ.สต.บ้านสี่,1,female,26,20001,99999,2023-11-20,2023-05-01,11\n');
  });

  it('counts by delivery date per round and year', () => {
    // Round 3 (to 2023-12-31): 10001-3 (2023-10-01), 10001-1 (2023-11-05), 20001-1 (2023-11-20), all in A.
    expect(results([...DEMO, '--round', '3'])['country TH']).toEqual([3, 3, 100, true, null]);
    // Round 6 (to 2024-03-31): 10003-1 (2024-09-30) drops out: 7 / 4 = 57.14, judged by the round's ≥ 30.
    expect(results([...DEMO, '--round', '6'])['country TH']).toEqual([7, 4, 57.14, true, null]);
    // FY2566: 10001-5 only, delivered 2023-09-30 after a first visit at GA 11.
    const fy2566 = ['--data', 'fixtures/demo', '--hospitals', 'fixtures/demo/hospitals.csv', '--fy', '2566', '--by', 'unit'];
    expect(results(fy2566)).toEqual({ 'unit 10001': [1, 1, 100, true, null], 'country TH': [1, 1, 100, true, null] });
  });

  it('explains a unit measure by measure: 20001 has B 2, F 1 (20001-2 has no visit), A 1', () => {
    const r = kpi(['explain', ID, ...DEMO, '--area', '20001']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/B = 2\n\s+F = 1\n\s+A = 1\n/);
    expect(r.stdout).not.toContain('Scoring');
  });
});

describe('anc-first-visit-12wk on fixtures/anc-window', () => {
  it('round 6: the pregnancy window starts on 2022-11-27, a visit without GA is never the first', () => {
    expect(results([...WINDOW, '--round', '6', '--by', 'unit'])).toEqual({
      'unit 10001': [4, 2, 50, true, null],
      'country TH': [4, 2, 50, true, null],
    });
    expect(group([...WINDOW, '--round', '6', '--area', '10001'])).toEqual([
      '10001-1 counted in A',
      '10001-2 first ANC at GA 20 weeks (2023-05-10)',
      '10001-3 counted in A',
      '10001-4 no ANC visit with a recorded GA found for this pregnancy',
    ]);
  });

  it('round 12: woman 5 (BTYPE empty) joins, and woman 4\'s next pregnancy\'s visit counts (the declared leak)', () => {
    expect(results([...WINDOW, '--round', '12', '--by', 'unit'])).toEqual({
      'unit 10001': [5, 4, 80, true, null],
      'country TH': [5, 4, 80, true, null],
    });
  });
});
