import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { ancVisitsTemplate, ANC_VISITS_ID } from './helpers/anc-visits.js';
import { kpi, ROOT, tempDir } from './helpers/cli.js';

/**
 * Issue 11, "Reading: never lose data silently, never blow up": each hostile input through
 * the real CLI. The cases and their messages are listed in tests/hostile/README.md.
 *
 * The base data (counted by hand): PERSON holds PIDs 1, 2, 3 of unit 10001, all TYPEAREA 1 or
 * 3 and DISCHARGE 9; ANC holds a first visit (ANCNO 1) in FY2567 for each, at GA 10, 14 and 8.
 * The counting template, tests/helpers/anc-visits.ts, counts resident women with a first visit in the period
 * (B) and those at GA ≤ 12 (A), one row per unit and PID, so that a lost row of either file shows
 * in the numbers: B = 3 (all three) and A = 2 (PIDs 1 and 3): 66.67. (The bundled
 * anc-first-visit-12wk counts deliveries, from LABOR: a reading test needs no delivery.)
 */
const TEMPLATE = ancVisitsTemplate();
const PERSON_HEAD = 'HOSPCODE,PID,NAME,BIRTH,DISCHARGE,TYPEAREA,D_UPDATE';
const person = (pid: number, name = 'NAME') => `10001,${pid},${name},19950315,9,${pid === 2 ? 3 : 1},20231001080000`;
const PERSON = [PERSON_HEAD, person(1), person(2), person(3), ''].join('\n');
const ANC_HEAD = 'HOSPCODE|PID|SEQ|DATE_SERV|GRAVIDA|ANCNO|GA|ANCRESULT|ANCPLACE|PROVIDER|D_UPDATE';
const anc = (pid: number, ga: number, date = '20231105', hosp = '10001') => `${hosp}|${pid}|${pid}|${date}|1|1|${ga}|1|10001|P1|20231105100000`;
const ANC = [ANC_HEAD, anc(1, 10), anc(2, 14), anc(3, 8), ''].join('\n');
const ALL_THREE = 'country,TH,ภาพรวมประเทศ,2,3,66.67';

function setUp(files: Record<string, string | Buffer>): string {
  const dir = tempDir();
  for (const [name, body] of Object.entries(files)) writeFileSync(path.join(dir, name), body);
  return dir;
}

function compute(dir: string, extra: string[] = []) {
  return kpi(['compute', '--data', '.', '--templates', TEMPLATE, '--fy', '2567', '--by', 'unit', '--format', 'csv', '--indicator', ANC_VISITS_ID, ...extra], { cwd: dir });
}

function check(dir: string) {
  const r = kpi(['check', '--data', '.', '--format', 'json'], { cwd: dir });
  return { ...r, findings: (JSON.parse(r.stdout) as { findings: Array<{ severity: string; check: string; message: string; rows: number }> }).findings };
}

async function zipOf(entries: Array<[string, Buffer | string]>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, body] of entries) zip.addBuffer(Buffer.from(body), name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

const noStack = (s: string) => expect(s).not.toMatch(/internal error|\n\s+at /);

describe('stray quotes in comma files', () => {
  it('a quote inside an unquoted name is a plain character: every row is read', () => {
    const dir = setUp({ 'PERSON.csv': [PERSON_HEAD, person(1), person(2, 'ANAN "TOM'), person(3), ''].join('\n'), 'ANC.txt': ANC });
    const r = compute(dir);
    expect(r.stdout).toContain(ALL_THREE);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('a quote opening a field and never closed costs its line only: reported, and reading goes on', () => {
    // Line 3 opens a quote that no later line closes; 150 more persons (PIDs 100-249, no ANC) follow it.
    const filler = Array.from({ length: 150 }, (_, i) => person(100 + i));
    const dir = setUp({ 'PERSON.csv': [PERSON_HEAD, person(1), person(2, '"ANAN TOM'), ...filler, person(3), ''].join('\n'), 'ANC.txt': ANC });
    const r = compute(dir);
    // PID 2 is lost (its line), so B = 2 (PIDs 1, 3) and A = 2: 100.00.
    expect(r.stdout).toContain('country,TH,ภาพรวมประเทศ,2,2,100.00');
    expect(r.stderr).toBe('kpi: warning: PERSON.csv:3: a quote opened in NAME is not closed on its line or the next 99 (row skipped)\n');
    expect(r.code).toBe(0);
  });

  it('--strict makes the lost line fatal', () => {
    const dir = setUp({ 'PERSON.csv': [PERSON_HEAD, person(1), person(2, '"ANAN TOM'), person(3), ''].join('\n'), 'ANC.txt': ANC });
    expect(compute(dir, ['--strict']).code).toBe(3);
  });
});

describe('line ends', () => {
  it('reads a CR-only file (old Mac/Excel export) and says so', () => {
    const dir = setUp({ 'PERSON.csv': PERSON.replace(/\n/g, '\r'), 'ANC.txt': ANC });
    const r = compute(dir);
    expect(r.stdout).toContain(ALL_THREE);
    expect(r.stderr).toBe('kpi: warning: PERSON.csv:1: lines end with CR only (old Mac/Excel export): read as lines\n');
    expect(r.code).toBe(0);
  });

  it('reads rows that all end with a delimiter the header lacks, with a warning', () => {
    const dir = setUp({ 'PERSON.csv': PERSON, 'ANC.txt': [ANC_HEAD, anc(1, 10) + '|', anc(2, 14) + '|', anc(3, 8) + '|', ''].join('\n') });
    const r = compute(dir);
    expect(r.stdout).toContain(ALL_THREE);
    expect(r.stderr).toBe('kpi: warning: ANC.txt:2: rows end with a delimiter the header lacks: read without the empty last field\n');
    expect(r.code).toBe(0);
  });
});

describe('members that are no table', () => {
  it('a zip member of zeros is refused from its first bytes (exit 3)', async () => {
    const dir = setUp({ 'PERSON.csv': PERSON, 'F43_10001.zip': await zipOf([['ANC.txt', Buffer.alloc(4 << 20)]]) });
    const r = compute(dir);
    expect(r.stderr).toBe('kpi: F43_10001.zip/ANC.txt:1: is not a text table (it holds NUL bytes; a binary file?)\n');
    expect(r.code).toBe(3);
  });

  it('a member without line ends is refused after one sample (exit 3)', async () => {
    const dir = setUp({ 'PERSON.csv': PERSON, 'F43_10001.zip': await zipOf([['ANC.txt', Buffer.alloc(4 << 20, 'a')]]) });
    const r = compute(dir);
    expect(r.stderr).toBe('kpi: F43_10001.zip/ANC.txt:1: has no line end in its first 64 KB: not a table file\n');
    expect(r.code).toBe(3);
  });

  it('a data line longer than 1 MB is refused with its line number (exit 3)', () => {
    const dir = setUp({ 'PERSON.csv': PERSON, 'ANC.txt': `${ANC_HEAD}\n${anc(1, 10)}\n${'x'.repeat(2 << 20)}\n` });
    const r = compute(dir);
    expect(r.stderr).toBe('kpi: ANC.txt:3: line longer than 1 MB without a line end: not a table file (binary, or damaged?)\n');
    expect(r.code).toBe(3);
  });
});

describe('encodings are decided per file, once', () => {
  // A free-form table compared with Thai text: 20 rows 'ปกติ' of unit 10001; line 2 also has a byte 0xFF in its note.
  const template = {
    id: 'thai-status', reference: 'issue 11', title: { th: 'สถานะ', en: 'status' }, unit: { th: 'ราย', en: 'rows' }, formula: 'A', decimals: 0, better: 'higher',
    measures: { A: { from: 's_status', where: ["status = 'ปกติ'"], count: 'rows' } },
  };
  const rows = Array.from({ length: 20 }, (_, i) => Buffer.from(`10001,ปกติ,note ${i}${i === 0 ? '' : ' ไทย'}`));
  rows[0] = Buffer.concat([rows[0]!, Buffer.from([0xff])]);
  const file = Buffer.concat([Buffer.from('hospcode,status,note\n'), ...rows.flatMap((r) => [r, Buffer.from('\n')])]);

  it('one bad byte in a UTF-8 file becomes U+FFFD, reported with file and line; the Thai rows still match', () => {
    const dir = setUp({ 's_status.csv': file, 't.json': JSON.stringify(template) });
    const r = kpi(['compute', '--data', 's_status.csv', '--templates', 't.json', '--fy', '2567', '--format', 'csv'], { cwd: dir });
    expect(r.stdout).toContain('thai-status,FY2567 R12,country,TH,ภาพรวมประเทศ,20,,20');
    expect(r.stderr).toContain('kpi: warning: s_status.csv:2: bytes that are not UTF-8, read as U+FFFD (�) (row read)\n');
    expect(r.code).toBe(0);
  });

  it('check reports it as an error with its line', () => {
    const dir = setUp({ 's_status.csv': file });
    const r = check(dir);
    expect(r.findings).toContainEqual(expect.objectContaining({ severity: 'error', check: 'invalid-bytes', message: 's_status.csv:2: bytes that are not UTF-8, read as U+FFFD (�) (row read)', rows: 1 }));
    expect(r.code).toBe(1);
  });

  it('the same rule for --hospitals: other names stay Thai, the bad line is reported', () => {
    const hospitals = Buffer.concat([
      Buffer.from('HOSPCODE,NAME,CHANGWAT,AMPUR\n10001,โรงพยาบาลส่งเสริมสุขภาพตำบลบ้านหนึ่ง,50,01\n10002,รพ.สต.สอง'),
      Buffer.from([0xff]),
      Buffer.from(',50,01\n'),
    ]);
    const dir = setUp({ 'PERSON.csv': PERSON, 'ANC.txt': ANC, 'hospitals.csv': hospitals });
    const r = compute(dir, ['--hospitals', 'hospitals.csv']);
    expect(r.stdout).toContain('unit,10001,โรงพยาบาลส่งเสริมสุขภาพตำบลบ้านหนึ่ง,2,3,66.67');
    expect(r.stderr).toBe('kpi: warning: hospitals.csv:3: bytes that are not UTF-8, read as U+FFFD (�)\n');
    expect(r.code).toBe(0);
  });
});

describe('headers and zips', () => {
  it('the same column name twice in a header (any case) is an error naming file and column', () => {
    const dir = setUp({ 'PERSON.csv': PERSON.replace('NAME,BIRTH', 'pid,BIRTH'), 'ANC.txt': ANC });
    const r = compute(dir);
    expect(r.stderr).toBe('kpi: PERSON.csv:1:3: the header names column PID twice (columns 2 and 3): which one is meant is unknown\n');
    expect(r.code).toBe(3);
  });

  it('two zip members with the same name are each read once, and reported', async () => {
    // ANC.txt twice: the first entry holds PIDs 1 and 2, the second PID 3; together the three visits.
    const zip = await zipOf([['ANC.txt', [ANC_HEAD, anc(1, 10), anc(2, 14), ''].join('\n')], ['ANC.txt', [ANC_HEAD, anc(3, 8), ''].join('\n')]]);
    const dir = setUp({ 'PERSON.csv': PERSON, 'F43_10001.zip': zip });
    const r = compute(dir);
    expect(r.stdout).toContain(ALL_THREE);
    expect(r.stderr).toBe('kpi: warning: F43_10001.zip/ANC.txt: the zip holds this name more than once: every entry is read\n');
    expect(r.code).toBe(0);
  });

  it('a zip inside a zip is warned about and named when its tables are missing', async () => {
    const inner = await zipOf([['ANC.txt', ANC]]);
    const dir = setUp({ 'PERSON.csv': PERSON, 'F43_10001.zip': await zipOf([['F43_10001_inner.zip', inner]]) });
    const r = compute(dir);
    expect(r.stderr).toBe('kpi: anc-first-visits needs table ANC, not found in --data (zips inside zips are not read: F43_10001.zip/F43_10001_inner.zip)\n');
    expect(r.code).toBe(3);
    const all = kpi(['compute', '--data', '.', '--fy', '2567', '--format', 'csv'], { cwd: dir });
    expect(all.stderr).toContain('kpi: warning: F43_10001.zip/F43_10001_inner.zip: a zip inside a zip is not read (unpack it and give it to --data)\n');
  });

  it('an encrypted member gets a plain message (exit 3)', async () => {
    const bytes = await zipOf([['ANC.txt', ANC]]);
    // Set the "encrypted" bit (general purpose flag bit 0) in the local and the central header.
    bytes[6] = bytes[6]! | 1;
    const central = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bytes[central + 8] = bytes[central + 8]! | 1;
    const r = compute(setUp({ 'PERSON.csv': PERSON, 'F43_10001.zip': bytes }));
    expect(r.stderr).toBe('kpi: F43_10001.zip: ANC.txt: encrypted zip members are not supported (unpack the zip with its password and give the folder to --data)\n');
    expect(r.code).toBe(3);
    noStack(r.stderr);
  });
});

describe('values', () => {
  it('an 8-digit Buddhist Era date is a bad date with file and line, and check counts it', () => {
    const dir = setUp({ 'PERSON.csv': PERSON, 'ANC.txt': [ANC_HEAD, anc(1, 10), anc(2, 14, '25661201'), anc(3, 8), ''].join('\n') });
    const r = compute(dir);
    // PID 2 is skipped: B = 2 (PIDs 1, 3), A = 2.
    expect(r.stdout).toContain('country,TH,ภาพรวมประเทศ,2,2,100.00');
    expect(r.stderr).toBe('kpi: warning: ANC.txt:3: Buddhist Era year in DATE_SERV (the 43 files use Christian Era years) (row skipped)\n');
    const c = check(dir);
    expect(c.findings).toContainEqual(expect.objectContaining({ severity: 'error', check: 'be-date', message: 'Buddhist Era year in DATE_SERV (the 43 files use Christian Era years) (first: ANC.txt:3)', rows: 1 }));
  });

  it('check reports codes with spaces, +, exponents or Thai digits by column, with counts and a first line', () => {
    // PIDs ' 5' (line 2), '+11' (line 3), '1e2' (line 4), '๑๒' (line 5), and a plain 7 (line 6).
    const text = [PERSON_HEAD, person(1).replace(',1,', ', 5,'), person(1).replace(',1,', ',+11,'), person(1).replace(',1,', ',1e2,'), person(1).replace(',1,', ',๑๒,'), person(7), ''].join('\n');
    const c = check(setUp({ 'PERSON.csv': text }));
    expect(c.findings).toContainEqual(expect.objectContaining({ severity: 'warning', check: 'odd-code', message: 'PID values with spaces, a + sign, an exponent or Thai digits (never match a plain code) (first: PERSON.csv:2)', rows: 4 }));
  });

  it('a row whose HOSPCODE is not 5 digits is a bad row, reported and never printed', () => {
    const cid = '1234567890121';
    const dir = setUp({ 'PERSON.csv': PERSON, 'ANC.txt': [ANC_HEAD, anc(1, 10), anc(2, 14), anc(3, 8, '20231105', cid), ''].join('\n') });
    const r = compute(dir);
    // PID 3's visit is skipped: B = 2 (PIDs 1, 2), A = 1 (PID 1): 50.00.
    expect(r.stdout).toContain('country,TH,ภาพรวมประเทศ,1,2,50.00');
    expect(r.stderr).toBe('kpi: warning: ANC.txt:4: HOSPCODE not 5 digits (row skipped)\n');
    expect(r.stdout + r.stderr).not.toContain(cid);
    const json = kpi(['compute', '--data', '.', '--templates', TEMPLATE, '--fy', '2567', '--format', 'json'], { cwd: dir });
    expect(json.stdout).not.toContain(cid);
  });

  it('a DATA_CORRECT TABLENAME that is no table name is never echoed', () => {
    const hostile = '<script>alert(1)</script>';
    const dc = `HOSPCODE|TABLENAME|DATA_CORRECT|D_UPDATE\n10001|${hostile}|{'HOSPCODE':'10001','PID':'1'}|20231201000000\n10001|HOME|{'HOSPCODE':'10001','HID':'1'}|20231201000000\n`;
    const dir = setUp({ 'PERSON.csv': PERSON, 'ANC.txt': ANC, 'DATA_CORRECT.txt': dc });
    for (const format of ['csv', 'json', 'html']) {
      const r = compute(dir, ['--format', format]);
      expect(r.stdout + r.stderr).not.toContain('script>');
      expect(r.code).toBe(0);
    }
    expect(compute(dir).stderr).toContain('kpi: warning: DATA_CORRECT.txt: DATA_CORRECT rows whose TABLENAME is not a 43-file table: 1 row ignored\n');
  });
});

describe("a template's own file", () => {
  it.each(['/etc/passwd', '../../etc/passwd'])('"%s" leaves the template folder: a template error (exit 2)', (file) => {
    const tpl = JSON.parse(readFileSync(path.join(ROOT, 'templates', 'road-traffic-deaths-reduction.json'), 'utf8')) as { measures: Record<string, { file?: string }> };
    for (const m of Object.values(tpl.measures)) if (m.file) m.file = file;
    const dir = setUp({ 't.json': JSON.stringify(tpl) });
    const r = kpi(['validate', 't.json'], { cwd: dir });
    expect(r.stdout + r.stderr).toContain(`t.json: $.measures.BD.file: "${file}"`);
    expect(r.code).toBe(2);
    const run = kpi(['compute', '--templates', 't.json', '--data', '.', '--fy', '2567'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stdout).not.toContain('root:');
  });
});
