import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { ancVisitsTemplate, ANC_VISITS_ID } from './helpers/anc-visits.js';
import { kpi, ROOT, tempDir } from './helpers/cli.js';

const PERSON = 'HOSPCODE,PID,BIRTH,DISCHARGE,TYPEAREA,D_UPDATE\n10001,1,19950315,9,1,20231001080000\n10001,2,19980720,9,3,20231001080000\n10001,3,19900101,9,1,20231001080000\n';
const HEAD = 'HOSPCODE|PID|SEQ|DATE_SERV|GRAVIDA|ANCNO|GA|ANCRESULT|ANCPLACE|PROVIDER|D_UPDATE';
const row = (pid: number, date: string, ga: string) => `10001|${pid}|${pid}|${date}|1|1|${ga}|1|10001|P1|20231105100000`;

function setUp(files: Record<string, string | Buffer>): string {
  const dir = tempDir();
  for (const [name, body] of Object.entries(files)) writeFileSync(path.join(dir, name), body);
  return dir;
}

/** Counts first ANC visits of resident women (tests/helpers/anc-visits.ts): a lost ANC or PERSON row shows in A and B. */
const TEMPLATE = ancVisitsTemplate();

function compute(dir: string, extra: string[] = []) {
  return kpi(['compute', '--data', '.', '--templates', TEMPLATE, '--fy', '2567', '--by', 'unit', '--format', 'csv', '--indicator', ANC_VISITS_ID, ...extra], { cwd: dir });
}

const noStack = (s: string) => expect(s).not.toMatch(/internal error|\n\s+at /);

describe('bad rows are skipped, counted and reported with line numbers', () => {
  // Lines: 1 header, 2 good (PID 1), 3 has 3 fields, 4 impossible date 20230231, 5 good (PID 2), 6 has 3 fields.
  const anc = [HEAD, row(1, '20231105', '10'), '10001|9|9', row(3, '20230231', '10'), row(2, '20231110', '11'), '10001|8|8', ''].join('\n');

  it('counts only the good rows and warns on stderr and in JSON', () => {
    const dir = setUp({ 'PERSON.csv': PERSON, 'ANC.txt': anc });
    const r = compute(dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('country,TH,ภาพรวมประเทศ,2,2,100.00');
    expect(r.stderr).toContain('kpi: warning: ANC.txt:3: 3 fields, header has 11 (2 rows skipped; lines 3, 6)\n');
    expect(r.stderr).toContain('kpi: warning: ANC.txt:4: impossible date in DATE_SERV (row skipped)\n');
    const json = JSON.parse(kpi(['compute', '--data', '.', '--templates', TEMPLATE, '--fy', '2567', '--format', 'json'], { cwd: dir }).stdout) as { warnings: string[]; inputs: Array<{ file: string; rows: number; skipped: number }> };
    expect(json.warnings).toContain('ANC.txt:3: 3 fields, header has 11 (2 rows skipped; lines 3, 6)');
    expect(json.warnings).toContain('ANC.txt:4: impossible date in DATE_SERV (row skipped)');
    expect(json.inputs).toContainEqual({ file: 'ANC.txt', table: 'ANC', rows: 2, skipped: 3 });
  });

  it('--strict makes them fatal: exit 3 and no output file', () => {
    const dir = setUp({ 'PERSON.csv': PERSON, 'ANC.txt': anc });
    const r = compute(dir, ['--strict', '--out', 'out.csv']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('kpi: --strict: 3 rows could not be read; nothing written\n');
    expect(existsSync(path.join(dir, 'out.csv'))).toBe(false);
  });

  it('a non-number in a summed column skips the row', () => {
    const hdc = readFileSync(path.join(ROOT, 'fixtures', 'hdc', 's_kpi_anc12.csv'), 'utf8') + '10003,51010102,2567,0,1,abc,0,0,0,0,0,0,0\n';
    const dir = setUp({ 's_kpi_anc12.csv': hdc });
    const r = kpi(['compute', '--data', '.', '--fy', '2567', '--by', 'province', '--format', 'csv', '--indicator', 'anc-first-visit-12wk-hdc'], { cwd: dir });
    expect(r.code).toBe(0);
    // Line 8 is the added row (the template sums the quarter columns since issue 13); the sums stay those of fixtures/hdc/README.md.
    expect(r.stderr).toContain('kpi: warning: s_kpi_anc12.csv:8: not a number in TARGET1 (row skipped)\n');
    expect(r.stdout).toContain('country,TH,ภาพรวมประเทศ,18,27,66.67');
  });
});

describe('unreadable files give a clear message and exit 3', () => {
  it.each([
    ['an empty file', Buffer.alloc(0), 'kpi: ANC.txt: is empty: no header line\n'],
    ['a file with only a BOM', Buffer.from([0xef, 0xbb, 0xbf]), 'kpi: ANC.txt: holds no header line (only a byte-order mark)\n'],
    ['a binary file named .txt', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0x0a, 0xff, 0x00]), 'kpi: ANC.txt:1: is not a text table (it holds NUL bytes; a binary file?)\n'],
  ])('%s', (_what, bytes, message) => {
    const r = compute(setUp({ 'PERSON.csv': PERSON, 'ANC.txt': bytes }));
    expect(r.stderr).toBe(message);
    expect(r.code).toBe(3);
    noStack(r.stderr);
  });

  it('a header-only file is a warning, not an error', () => {
    const r = compute(setUp({ 'PERSON.csv': PERSON, 'ANC.txt': `${HEAD}\r\n` }));
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      'kpi: warning: ANC.txt: header only, no rows\n' +
        'kpi: warning: FY2567 R12 (2023-10-01 – 2024-09-30): no ANC rows with a date in DATE_SERV: B is 0 in every area (anc-first-visits)\n',
    );
  });

  it('a zip with a damaged member names the zip and the member', async () => {
    const zip = new yazl.ZipFile();
    zip.addBuffer(Buffer.from(`${HEAD}\n${row(1, '20231105', '10')}\n`.repeat(50)), 'F43_10001/ANC.txt');
    zip.end();
    const chunks: Buffer[] = [];
    for await (const c of zip.outputStream) chunks.push(c as Buffer);
    const bytes = Buffer.concat(chunks);
    // The member's data starts after the 30-byte local header and its 17-byte name; flip bytes inside it.
    for (let i = 60; i < 80; i++) bytes[i] = bytes[i]! ^ 0x5a;
    const r = compute(setUp({ 'PERSON.csv': PERSON, 'F43_10001.zip': bytes }));
    expect(r.stderr).toMatch(/^kpi: F43_10001\.zip: cannot unpack F43_10001\/ANC\.txt: /);
    expect(r.code).toBe(3);
    noStack(r.stderr);
  });
});

describe('A greater than B', () => {
  it('gets a warning per area', () => {
    const tpl = JSON.parse(readFileSync(path.join(ROOT, 'templates', 'anc-first-visit-12wk-hdc.json'), 'utf8'));
    const dir = setUp({ 's_kpi_anc12.csv': 'hospcode,areacode,b_year,target,result,target1,result1,target2,result2,target3,result3,target4,result4\n10001,50010101,2567,2,3,1,1,1,1,0,1,0,0\n', 't.json': JSON.stringify(tpl) });
    const r = kpi(['compute', '--data', 's_kpi_anc12.csv', '--templates', 't.json', '--fy', '2567', '--by', 'province', '--format', 'csv'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('kpi: warning: anc-first-visit-12wk-hdc: province 50 has A (3) greater than B (2)\nkpi: warning: anc-first-visit-12wk-hdc: country TH has A (3) greater than B (2)\n');
  });
});
