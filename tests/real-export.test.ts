import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error the fixture script is plain JavaScript
import { makeRealExport } from '../fixtures/real-export/make.mjs';
import { kpi, ROOT, tempDir } from './helpers/cli.js';

const demo = path.join(ROOT, 'fixtures', 'demo');
let dir = '';

beforeAll(async () => {
  dir = tempDir();
  await makeRealExport(dir);
});

function json(args: string[]): { results: unknown; indicators: unknown; warnings: string[]; inputs: Array<{ file: string; rows: number }> } {
  const r = kpi(['compute', '--fy', '2567', '--format', 'json', ...args]);
  expect(r.stderr).not.toMatch(/internal error/);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

describe('demo data re-exported as two monthly TIS-620 pipe exports (month 2 zipped)', () => {
  for (const by of ['province', 'unit', 'region']) {
    it(`gives byte-identical results and indicators to the clean CSVs at --by ${by}`, () => {
      const clean = json(['--data', demo, '--hospitals', path.join(demo, 'hospitals.csv'), '--by', by]);
      const real = json(['--data', path.join(dir, 'month-1'), path.join(dir, 'month-2.zip'), '--hospitals', path.join(dir, 'hospitals-tis620.csv'), '--by', by]);
      expect(JSON.stringify(real.results)).toBe(JSON.stringify(clean.results));
      expect(JSON.stringify(real.indicators)).toBe(JSON.stringify(clean.indicators));
    });
  }

  it('reads the zip members in their sub-folder and says how the months merged', () => {
    const real = json(['--data', path.join(dir, 'month-1'), path.join(dir, 'month-2.zip')]);
    expect(real.inputs.map((i) => path.basename(i.file))).toContain('PERSON.TXT');
    expect(real.inputs.some((i) => i.file.endsWith('month-2.zip/F43_ALL_20240229235959/PERSON.TXT'))).toBe(true);
    // PERSON has 28 demo rows: rows 0,1 mod 3 (10 + 9) + 9 stale copies of rows 2 mod 3 in month 1 = 28;
    // month 2 holds rows 1,2 mod 3 = 18; 46 read, 28 distinct keys kept, 18 merged away.
    expect(real.warnings).toContain('PERSON: 46 rows from 2 files merged into 28 (18 repeated a primary key; the latest D_UPDATE is kept)');
  });

  it('finds the zip inside a data folder too', () => {
    const clean = json(['--data', demo]);
    const real = json(['--data', dir]);
    expect(JSON.stringify(real.results)).toBe(JSON.stringify(clean.results));
    expect(real.inputs.some((i) => i.file.endsWith('month-2.zip/F43_ALL_20240229235959/ANC.TXT'))).toBe(true);
  });

  it('shows Thai unit names from the TIS-620 hospitals file', () => {
    const r = kpi(['compute', '--fy', '2567', '--by', 'unit', '--format', 'csv', '--data', path.join(dir, 'month-1'), path.join(dir, 'month-2.zip'), '--hospitals', path.join(dir, 'hospitals-tis620.csv')]);
    expect(r.stdout).toContain('รพ.สต.บ้านหนึ่ง');
  });
});
