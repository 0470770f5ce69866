import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { prng } from '../bench/prng.mjs';
import { parseCorrectionKeys } from '../src/data/corrections.js';
import type { Key } from '../src/data/key.js';
import { PrimaryKeys } from '../src/data/merge.js';
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

  it('gives primary keys of 3 and 4 fields one key per tuple of values (number keys where the values are digits)', () => {
    const rnd = prng(11);
    const vals = [null, '', '0', '00', '1', '01', '10', '12345', '20231115', '020231115', '123456789', '99999999', 'A1', 'ไทย', 7, 1.5];
    // (A value holding U+001F, the separator of text keys, is left out: `keyOf` itself cannot tell it apart.)
    const pick = () => vals[Math.floor(rnd() * vals.length)]!;
    for (const width of [3, 4]) {
      const keys = new PrimaryKeys(Array.from({ length: width }, (_, i) => i));
      const seen = new Map<Key, string>();
      let numbers = 0;
      for (let n = 0; n < 20000; n++) {
        const tuple = Array.from({ length: width }, pick);
        const k = keys.of(tuple);
        if (typeof k === 'number') numbers++;
        // The tuple as the merge compares it: null and empty are the same, a number is its text.
        const text = JSON.stringify(tuple.map((v) => String(v ?? '')));
        if (seen.has(k)) expect(seen.get(k), JSON.stringify(tuple)).toBe(text);
        else seen.set(k, text);
      }
      // And every distinct tuple got its own key.
      expect(new Set(seen.values()).size).toBe(seen.size);
      expect(numbers).toBeGreaterThan(1000);
    }
    // A number key holds a prefix and a digit code below 2^31 exactly (8 digits always); a larger value makes a text key.
    const keys = new PrimaryKeys([0, 1, 2]);
    expect(typeof keys.of(['10001', '1', '20231115'])).toBe('number');
    expect(typeof keys.of(['10001', '1', '999999999'])).toBe('string');
    expect(typeof keys.of(['10001', '1', '1234567890123'])).toBe('string');
  });
});
