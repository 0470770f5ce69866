import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isValidCid } from '../src/check/cid.js';
import { kpi, ROOT, tempDir } from './helpers/cli.js';

describe('CID check digit', () => {
  it('accepts 1234567890121 (sum 352, 352 mod 11 = 0, (11 - 0) mod 10 = 1)', () => {
    expect(isValidCid('1234567890121')).toBe(true);
  });
  it.each(['1234567890122', '123', '123456789012a', ''])('rejects %s', (cid) => {
    expect(isValidCid(cid)).toBe(false);
  });
});

interface Report {
  tables: Array<{ table: string; files: number; rows: number; skipped: number }>;
  findings: Array<{ severity: string; table: string; check: string; message: string; rows: number; persons: number | null; units: number | null }>;
}

// Every expected count is worked out line by line in fixtures/check/README.md.
describe('kpi check on fixtures/check', () => {
  const dir = path.join(ROOT, 'fixtures', 'check');
  const args = ['check', '--data', '.', '--hospitals', 'hospitals.csv'];
  const cwd = { cwd: dir };

  it('finds each planted problem with its rows, persons and units', () => {
    const r = kpi([...args, '--format', 'json'], cwd);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    // Dates by hand: valid BIRTHs 1899-01-01 (FY2442), 1980-01-01 (2523), 1985-01-01 (2528), 1990-01-01 (2533),
    // 2099-12-31 (2643; 1990-02-30 is no date); D_UPDATE 2023-10-01/02 and ANC 2023-11-05…08 all in FY2567.
    expect(report.tables).toEqual([
      { table: 'PERSON', files: 1, rows: 6, skipped: 1, dates: [
        { field: 'BIRTH', first: '18990101', last: '20991231', fiscal_years: [2442, 2523, 2528, 2533, 2643] },
        { field: 'D_UPDATE', first: '20231001', last: '20231002', fiscal_years: [2567] },
      ] },
      { table: 'ANC', files: 1, rows: 4, skipped: 0, dates: [
        { field: 'DATE_SERV', first: '20231105', last: '20231108', fiscal_years: [2567] },
        { field: 'D_UPDATE', first: '20231105', last: '20231108', fiscal_years: [2567] },
      ] },
    ]);
    const got = report.findings.map((f) => [f.severity, f.table, f.check, f.rows, f.persons, f.units, f.message]);
    expect(got).toEqual([
      ['error', 'PERSON', 'impossible-date', 1, 1, 1, 'impossible date in BIRTH'],
      ['error', 'PERSON', 'unreadable-row', 1, null, null, 'PERSON.txt:8: 3 fields, header has 11 (row skipped)'],
      ['warning', 'ANC', 'no-person', 3, 2, 2, 'rows whose HOSPCODE+PID has no PERSON row'],
      ['warning', 'ANC', 'unknown-unit', 1, 1, 1, 'units not in the hospitals file hospitals.csv'],
      ['warning', 'PERSON', 'cid', 2, 2, 1, 'CID not 13 digits or its check digit is wrong (values not shown)'],
      ['warning', 'PERSON', 'duplicate-key', 1, 1, 1, 'rows repeating a primary key (HOSPCODE, PID) within one file'],
      ['warning', 'PERSON', 'future-date', 1, 1, 1, 'BIRTH in the future'],
      ['warning', 'PERSON', 'invalid-code', 1, 1, 1, 'DISCHARGE not 1, 2, 3 or 9'],
      ['warning', 'PERSON', 'invalid-code', 1, 1, 1, 'NATION not three digits'],
      ['warning', 'PERSON', 'invalid-code', 1, 1, 1, 'SEX not 1 or 2'],
      ['warning', 'PERSON', 'invalid-code', 1, 1, 1, 'TYPEAREA not 1 to 5'],
      ['warning', 'PERSON', 'old-date', 1, 1, 1, 'BIRTH before 1900'],
      ['warning', 'PERSON', 'unknown-unit', 1, 1, 1, 'units not in the hospitals file hospitals.csv'],
    ]);
  });

  it('never prints CIDs or names', () => {
    for (const format of ['table', 'json']) {
      const out = kpi([...args, '--format', format], cwd).stdout;
      expect(out).not.toMatch(/1234567890121|1234567890122|สมชาย|สมหญิง|มาลี/);
    }
  });

  it('prints a table with a summary line', () => {
    const r = kpi(args, cwd);
    expect(r.stdout).toContain('Findings: 2 error(s), 11 warning(s), 0 note(s)');
    expect(r.stdout).toMatch(/PERSON\s+1\s+6\s+1\n/);
  });
});

describe('kpi check on unreadable files', () => {
  it('lists an empty file and a binary file as errors instead of stopping', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'ANC.txt'), '');
    writeFileSync(path.join(dir, 'DEATH.txt'), Buffer.from([0x00, 0x01, 0x02, 0x0a]));
    writeFileSync(path.join(dir, 'PERSON.txt'), 'HOSPCODE|PID|D_UPDATE\r\n');
    const r = kpi(['check', '--data', '.', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    const findings = (JSON.parse(r.stdout) as Report).findings;
    // The header-only PERSON.txt also lacks columns the bundled templates use (issue 10): reported, not the point here.
    expect(findings.some((f) => f.check === 'missing-column' && f.message.startsWith('PERSON.txt has no column BIRTH, needed by'))).toBe(true);
    const got = findings.filter((f) => f.check !== 'missing-column').map((f) => [f.severity, f.table, f.check, f.message]);
    expect(got).toEqual([
      ['error', 'ANC', 'unreadable-file', 'ANC.txt: is empty: no header line'],
      ['error', 'DEATH', 'unreadable-file', 'DEATH.txt:1: is not a text table (it holds NUL bytes; a binary file?)'],
      ['info', 'PERSON', 'header-only', 'files with a header and no rows'],
    ]);
  });
});

describe('kpi check exit codes', () => {
  const demo = path.join(ROOT, 'fixtures', 'demo');
  const args = ['check', '--data', demo, '--hospitals', path.join(demo, 'hospitals.csv'), '--format', 'json'];
  it('exits 0 when only warnings are found and --fail-on is error (the default)', () => {
    const r = kpi(args);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as Report).findings.every((f) => f.severity === 'warning')).toBe(true);
  });
  it('exits 1 with --fail-on warning', () => {
    expect(kpi([...args, '--fail-on', 'warning']).code).toBe(1);
  });
  it('exits 3 when --data does not exist, 2 on a bad option', () => {
    expect(kpi(['check', '--data', path.join(ROOT, 'no-such-folder')])).toMatchObject({ code: 3 });
    expect(kpi(['check', '--data', demo, '--fail-on', 'never']).code).toBe(2);
  });
});
