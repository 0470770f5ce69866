import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kpi, tempDir } from './helpers/cli.js';

const ARGS = ['check', '--data', 'fixtures/check', '--hospitals', 'fixtures/check/hospitals.csv'];

describe('kpi check names the units and writes CSV or JSON to --out', () => {
  it('lists the HOSPCODEs of a finding (fixtures/check/README.md)', () => {
    const r = kpi([...ARGS, '--format', 'json']);
    const report = JSON.parse(r.stdout) as { findings: Array<{ check: string; table: string; hospcodes: string[] }> };
    // PERSON line 7 (unit 20002) has the impossible BIRTH; ANC lines 3–5 (units 10001, 20003) have no PERSON row.
    expect(report.findings.find((f) => f.check === 'impossible-date')!.hospcodes).toEqual(['20002']);
    expect(report.findings.find((f) => f.check === 'no-person')!.hospcodes).toEqual(['10001', '20003']);
    expect(kpi(ARGS).stdout).toMatch(/^warning +ANC +no-person +3 +2 +2 +10001 20003 +rows whose HOSPCODE\+PID has no PERSON row$/m);
  });

  it('writes CSV to --out, whole, and keeps the exit code of --fail-on', () => {
    const out = path.join(tempDir(), 'check.csv');
    const r = kpi([...ARGS, '--format', 'csv', '--out', out]);
    expect(r.code).toBe(1); // two errors (README)
    expect(r.stdout).toBe('');
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('severity,table,check,rows,persons,units,hospcodes,finding,files');
    expect(lines).toContain('error,PERSON,impossible-date,1,1,1,20002,impossible date in BIRTH,fixtures/check/PERSON.txt');
    // 2 errors + 11 warnings (README's expected findings).
    expect(lines).toHaveLength(1 + 13);
  });

  it('writes JSON to --out', () => {
    const out = path.join(tempDir(), 'check.json');
    expect(kpi([...ARGS, '--format', 'json', '--out', out]).code).toBe(1);
    expect(JSON.parse(readFileSync(out, 'utf8')).tables).toMatchObject([{ table: 'PERSON', files: 1, rows: 6, skipped: 1 }, { table: 'ANC', files: 1, rows: 4, skipped: 0 }]);
  });
});
