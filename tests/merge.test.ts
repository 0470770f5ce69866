import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCorrectionKeys } from '../src/data/corrections.js';
import { kpi, ROOT } from './helpers/cli.js';

// Expected values counted by hand in fixtures/merge/README.md.
const dir = path.join(ROOT, 'fixtures', 'merge');

function national(data: string[]): { a: number; b: number; result: number; stderr: string } {
  const r = kpi(['compute', '--fy', '2567', '--by', 'unit', '--format', 'json', '--indicator', 'anc-first-visit-12wk', '--data', ...data.map((d) => path.join(dir, d))]);
  expect(r.code).toBe(0);
  const doc = JSON.parse(r.stdout) as { results: Array<{ level: string; a: number; b: number; result: number }> };
  const th = doc.results.find((row) => row.level === 'country')!;
  return { a: th.a, b: th.b, result: th.result, stderr: r.stderr };
}

describe('merging monthly exports', () => {
  it('month 1 alone counts its three persons', () => {
    expect(national(['month-1'])).toMatchObject({ a: 2, b: 3, result: 66.67 });
  });

  it('month 2 updates a row with a later D_UPDATE, keeps the later of month 1, and DATA_CORRECT deletes a row', () => {
    const r = national(['month-1', 'month-2']);
    expect(r).toMatchObject({ a: 2, b: 2, result: 100 });
    expect(r.stderr).toContain('kpi: warning: ANC: 5 rows from 2 files merged into 3 (2 repeated a primary key; the latest D_UPDATE is kept)');
    expect(r.stderr).toContain('kpi: warning: ANC: 1 row deleted by DATA_CORRECT');
    expect(r.stderr).toContain('kpi: warning: LABOR: 1 row deleted by DATA_CORRECT');
  });

  it('without the DATA_CORRECT file the third person stays', () => {
    expect(national(['month-1', 'month-2/ANC.txt'])).toMatchObject({ a: 3, b: 3, result: 100 });
  });

  it('reads the single-quoted object of DATA_CORRECT', () => {
    expect([...parseCorrectionKeys("{'HOSPCODE':'10001','PID':'3', 'date_serv' : '20231115'}")]).toEqual([['HOSPCODE', '10001'], ['PID', '3'], ['DATE_SERV', '20231115']]);
  });
});
