import { writeFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeWhole, FileEncoding } from '../src/data/decode.js';
import { RowIssues } from '../src/data/issues.js';
import { readTable, type TableInput } from '../src/data/read.js';
import { tableForFileName } from '../src/data/tables.js';
import { ancVisitsTemplate, ANC_VISITS_ID } from './helpers/anc-visits.js';
import { kpi, tempDir } from './helpers/cli.js';

describe('table names from file names with exporter suffixes', () => {
  it.each([
    ['accident_07487_20251001085344', 'ACCIDENT'],
    ['drug_opd_07487_20251001085344', 'DRUG_OPD'],
    ['drugallergy_07487_20251001085344', 'DRUGALLERGY'],
    ['DIAGNOSIS_OPD_07487', 'DIAGNOSIS_OPD'],
  ])('%s is %s', (name, table) => {
    expect(tableForFileName(name)).toBe(table);
  });
});

/** A table input whose bytes arrive in the given chunks. */
function chunked(chunks: Buffer[]): TableInput {
  return { table: 'T', display: 'T.txt', async *open() { yield* chunks; } };
}

/** Through the reader, which decides the encoding once per file; the second column of each row. */
async function decodeAll(chunks: Buffer[]): Promise<{ text: string; encoding: string }> {
  const rows: string[] = [];
  await readTable(chunked(chunks), [{ name: 'B', type: 'C' }], (v) => rows.push(String(v[0])), new RowIssues());
  const whole = new FileEncoding('auto');
  whole.see(Buffer.concat(chunks), true);
  return { text: rows.join('\n'), encoding: whole.name };
}

describe('--encoding auto, per file', () => {
  const thai = 'สมหญิง';
  it('reads TIS-620 (Windows-874) bytes', async () => {
    expect(await decodeAll([Buffer.from('A|B\n'), iconv.encode(`1|${thai}\n`, 'windows874')])).toEqual({ text: thai, encoding: 'tis620' });
  });
  it('keeps UTF-8 even when a chunk cuts a Thai letter in two', async () => {
    const bytes = Buffer.from(`A|B\n1|${thai}\n`, 'utf8');
    const r = await decodeAll([bytes.subarray(0, 7), bytes.subarray(7)]);
    expect(r).toEqual({ text: thai, encoding: 'utf8' });
  });
  it('decodes whole small files (hospitals) either way, without a BOM', () => {
    expect(decodeWhole(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(thai)]), 'auto').text).toBe(thai);
    expect(decodeWhole(iconv.encode(thai, 'windows874'), 'auto').text).toBe(thai);
    expect(decodeWhole(iconv.encode(thai, 'windows874'), 'tis620').text).toBe(thai);
  });
});

const ANC_HEAD = 'HOSPCODE|PID|SEQ|DATE_SERV|GRAVIDA|ANCNO|GA|ANCRESULT|ANCPLACE|PROVIDER|D_UPDATE';
const PERSON = 'HOSPCODE,PID,BIRTH,DISCHARGE,TYPEAREA,D_UPDATE\r\n10001,1,19950315,9,1,20231001080000\r\n10001,2,19980720,9,3,20231001080000\r\n';

/** Counts first ANC visits of resident women (tests/helpers/anc-visits.ts): ANC and PERSON are enough. */
const TEMPLATE = ancVisitsTemplate();

function run(files: Record<string, string | Buffer>, extra: string[] = []) {
  const dir = tempDir();
  for (const [name, body] of Object.entries(files)) writeFileSync(path.join(dir, name), body);
  return kpi(['compute', '--data', '.', '--templates', TEMPLATE, '--fy', '2567', '--by', 'unit', '--format', 'csv', '--indicator', ANC_VISITS_ID, ...extra], { cwd: dir });
}

describe('columns by header name', () => {
  it('ignores extra columns and columns in another order, with a BOM and CRLF', () => {
    const r = run({
      'PERSON.csv': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(PERSON)]),
      'anc_10001_20240131235959.TXT': 'HOSPCODE9|GA|ANCNO|DATE_SERV|PID|HOSPCODE|EXTRA\r\n000100010|10|1|20231105|1|10001|x\r\n000100010|14|1|20231106|2|10001|y\r\n',
    });
    // B: PID 1 and 2 (ANCNO 1, in FY2567, TYPEAREA 1/3, DISCHARGE 9); A: PID 1 (GA 10 ≤ 12).
    expect(r.stdout).toContain('country,TH,ภาพรวมประเทศ,1,2,50.00');
    expect(r.code).toBe(0);
  });

  it('never reads a missing column a template uses as empty: the indicator is not computed (issue 10)', () => {
    const r = run({ 'PERSON.csv': PERSON, 'ANC.txt': 'HOSPCODE|PID|DATE_SERV|ANCNO\n10001|1|20231105|1\n' });
    // Read as empty, GA would make num(GA) <= 12 false everywhere: A = 0 that looks real.
    expect(r.stderr).toContain('kpi: warning: anc-first-visits not computed: ANC.txt has no column GA\n');
    expect(r.stdout).toBe('');
    expect(r.code).toBe(3);
  });

  it('a missing primary-key column is a data error naming table and template', () => {
    const r = run({ 'PERSON.csv': PERSON, 'ANC.txt': 'HOSPCODE|DATE_SERV|ANCNO|GA\n10001|20231105|1|10\n' });
    expect(r.stderr).toBe('kpi: ANC.txt:1: ANC has no column PID (needed by anc-first-visits)\n');
    expect(r.code).toBe(3);
  });

  it('--encoding tis620 is accepted', () => {
    const r = run({ 'PERSON.csv': PERSON, 'ANC.txt': `${ANC_HEAD}\n10001|1|1|20231105|1|1|10|1|10001|P1|20231105100000\n` }, ['--encoding', 'tis620']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('country,TH,ภาพรวมประเทศ,1,1,100.00');
  });
});

describe('zips', () => {
  it('a file named .zip that is not a zip is a data error naming it', () => {
    const r = run({ 'PERSON.csv': PERSON, 'F43_10001_20240131235959.zip': 'this is not a zip file at all, just text long enough' });
    expect(r.stderr).toMatch(/^kpi: F43_10001_20240131235959\.zip: not a readable zip: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(3);
  });
});

describe('--data paths', () => {
  it('a file that is not .txt, .csv or .zip is a data error', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'PERSON.xlsx'), 'x');
    const r = kpi(['compute', '--data', 'PERSON.xlsx', '--fy', '2567'], { cwd: dir });
    expect(r.stderr).toBe('kpi: PERSON.xlsx: is not a table file: --data takes folders, .txt, .csv and .zip files\n');
    expect(r.code).toBe(3);
  });
});
