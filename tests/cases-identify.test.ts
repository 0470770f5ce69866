import { readFileSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { kpi, ROOT, tempDir } from './helpers/cli.js';

const DEMO = ['--data', 'fixtures/demo', '--hospitals', 'fixtures/demo/hospitals.csv', '--fy', '2567'];

/** Every CID, NAME and LNAME of the demo PERSON file, read from the file itself. */
function identifiers(): string[] {
  const [head, ...lines] = readFileSync(path.join(ROOT, 'fixtures/demo/PERSON.csv'), 'utf8').trim().split('\n');
  const cols = head!.split(',');
  const at = ['CID', 'NAME', 'LNAME'].map((c) => cols.indexOf(c));
  expect(at.every((i) => i >= 0)).toBe(true);
  const values = lines.flatMap((l) => at.map((i) => l.split(',')[i]!.trim()));
  expect(values.length).toBe(28 * 3);
  return [...new Set(values)];
}

async function xlsxText(file: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => { out.push(String(c.value ?? '')); })));
  return out.join('\n');
}

describe('kpi cases --identify', () => {
  it('refuses stdout, in every format, before reading anything', () => {
    for (const format of ['table', 'csv', 'json']) {
      const r = kpi(['cases', 'anc-first-visit-12wk', ...DEMO, '--area', 'TH', '--identify', '--format', format]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('--identify writes CIDs and names only to a file: give --out FILE');
    }
    // /dev/stdout is stdout too.
    const dev = kpi(['cases', 'anc-first-visit-12wk', ...DEMO, '--area', 'TH', '--identify', '--out', '/dev/stdout']);
    expect(dev.code).toBe(2);
    expect(dev.stdout).toBe('');
    expect(dev.stderr).toContain('only to a regular file');
  });

  it('writes CID and names to a file of mode 0600 and says so once on stderr', () => {
    const dir = tempDir();
    const out = path.join(dir, 'anc.csv');
    // An existing readable file is replaced, not reused with its mode.
    writeFileSync(out, 'old');
    chmodSync(out, 0o644);
    const r = kpi(['cases', 'anc-first-visit-12wk', ...DEMO, '--lang', 'en', '--area', 'TH', '--identify', '--format', 'csv', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(statSync(out).mode & 0o777).toBe(0o600);
    // The demo PERSON file has no PRENAME column: said once, then the one PDPA line.
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      'kpi: warning: fixtures/demo/PERSON.csv: no column PRENAME: left empty in the list',
      expect.stringMatching(/^kpi: PDPA: .*Personal Data Protection Act.*: .*anc\.csv$/),
    ]);
    // The three women of the follow-up list (fixtures/demo/PERSON.csv rows of 10001-2, 10002-1, 20001-2).
    expect(readFileSync(out, 'utf8')).toBe([
      'unit,unit_name,pid,cid,prename,name,lname,sex,age,home_unit,record_unit,bdate,first_anc,ga,reason',
      '10001,รพ.สต.บ้านหนึ่ง,2,1100000000012,,สมใจ,ทดสอบสอง,female,26,10001,10001,2024-01-15,2023-07-17,14,first ANC at GA 14 weeks (2023-07-17)',
      '10002,รพ.สต.บ้านสอง,1,1100000000021,,มาลี,ทดสอบ,female,25,10002,10002,2024-03-01,,,no ANC visit with a recorded GA found for this pregnancy',
      '20001,รพ.สต.บ้านสี่,2,1100000000042,,บุษกร,ทดสอบ,female,27,20001,20001,2024-02-10,,,no ANC visit with a recorded GA found for this pregnancy',
      '',
    ].join('\n'));
  });

  it('writes a workbook of mode 0600 with the names in it', async () => {
    const out = path.join(tempDir(), 'drowning.xlsx');
    const r = kpi(['cases', 'drowning-deaths-under-15', ...DEMO, '--area', '50', '--identify', '--format', 'xlsx', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const text = await xlsxText(out);
    // The two drowning deaths of province 50: 10001-9 and 10002-6.
    for (const s of ['1100000000019', 'เด็กชายเก้า', '1100000000026', 'เด็กหญิงหก']) expect(text).toContain(s);
  });
});

describe('kpi cases without --identify shows no CID or name, in any format or list', () => {
  const secrets = identifiers();
  const runs = [
    ['anc-first-visit-12wk', 'missing'], ['anc-first-visit-12wk', 'group'], ['breastfeeding-exclusive-6mo', 'group'],
    ['drowning-deaths-under-15', 'achieved'], ['drowning-deaths-under-15', 'group'],
  ] as const;

  for (const [id, which] of runs) {
    it(`${id} --which ${which}: table, csv (also --excel) and json, stdout and stderr`, () => {
      for (const format of [['table'], ['csv'], ['csv', '--excel'], ['json']]) {
        const r = kpi(['cases', id, ...DEMO, '--area', 'TH', '--which', which, '--format', ...format]);
        expect(r.code, r.stderr).toBe(0);
        expect(r.stdout.length).toBeGreaterThan(0);
        for (const s of secrets) {
          expect(r.stdout, `${id} ${which} ${format.join(' ')}`).not.toContain(s);
          expect(r.stderr).not.toContain(s);
        }
      }
    });

    it(`${id} --which ${which}: xlsx, with no PDPA notice`, async () => {
      const out = path.join(tempDir(), `${id}-${which}.xlsx`);
      const r = kpi(['cases', id, ...DEMO, '--area', 'TH', '--which', which, '--format', 'xlsx', '--out', out]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).not.toContain('PDPA');
      const text = await xlsxText(out);
      expect(text).toContain('PID');
      for (const s of secrets) expect(text, `${id} ${which}`).not.toContain(s);
    });
  }
});
