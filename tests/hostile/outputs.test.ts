import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { kpi, tempDir } from '../helpers/cli.js';

// Unit names as a hostile or careless hospitals file may hold them (CSV-quoted).
const HOSPITALS = [
  'HOSPCODE,NAME,CHANGWAT,AMPUR',
  '10001,"<script>alert(1)</script> | *x* [l](http://e) &amp;",50,01',
  '10002,"two\nlines\r\u001b[31mred\u001b[0m\u0007",50,02',
  '10003,"\u202eevil",51,01',
  '20001,ok,40,01',
  '',
].join('\n');

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function run(format: string, extra: string[] = []) {
  const dir = tempDir('kpi-names-');
  writeFileSync(path.join(dir, 'h.csv'), HOSPITALS);
  return kpi(['compute', '--data', 'fixtures/demo', '--hospitals', path.join(dir, 'h.csv'), '--fy', '2567', '--by', 'unit', '--lang', 'en', '--indicator', 'anc-first-visit-12wk', '--format', format, ...extra]);
}

describe('Markdown escapes HTML, Markdown and line breaks in cells', () => {
  let out = '';
  let rows: string[] = [];
  beforeAll(() => {
    out = run('md').stdout;
    rows = out.split('\n').filter((l) => l.startsWith('| 1') || l.startsWith('| 2'));
  });

  it('a <script> name is text, its | does not split the row, its link is no link', () => {
    expect(rows[0]).toBe('| 10001 &lt;script&gt;alert(1)&lt;/script&gt; \\| \\*x\\* \\[l\\](http://e) &amp;amp; | 3 | 2 | 66.67 | &gt;= 60 | yes | - |');
    expect(out).not.toContain('<script>');
  });

  it('a name with line breaks stays on its row (as <br>), without control characters', () => {
    expect(rows[1]).toBe('| 10002 two<br>lines<br>\\[31mred\\[0m | 1 | 0 | 0.00 | &gt;= 60 | no | - |');
    expect(out).not.toMatch(CONTROL);
  });

  it('every table row has exactly the 7 cells of its header', () => {
    const cells = (l: string) => l.replace(/\\\|/g, '').split('|').length - 2;
    for (const l of out.split('\n').filter((x) => x.startsWith('|'))) expect(cells(l)).toBe(7);
  });
});

describe('terminal tables strip control characters from data values', () => {
  it('no ESC, CR, BEL, line break or bidi override of a name reaches stdout', () => {
    const r = run('table');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.some((l) => l.startsWith('10002 two lines [31mred[0m '))).toBe(true);
    expect(lines.some((l) => l.startsWith('10003 evil '))).toBe(true);
    expect(r.stdout).not.toMatch(CONTROL);
    // Title, source, header, rule, 5 units, rule + national, blank: the line break did not add a line.
    expect(lines.length).toBe(12);
  });

  it('and so does kpi diff, in its table and its Markdown', () => {
    const dir = tempDir('kpi-names-');
    const file = path.join(dir, 'r.json');
    expect(run('json', ['--out', file]).code).toBe(0);
    const table = kpi(['diff', file, file, '--all', '--lang', 'en']);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('10002 two lines [31mred[0m');
    expect(table.stdout).not.toMatch(CONTROL);
    const md = kpi(['diff', file, file, '--all', '--lang', 'en', '--format', 'md']);
    expect(md.stdout).toContain('| 10001 &lt;script&gt;alert(1)&lt;/script&gt; \\| \\*x\\* \\[l\\](http://e) &amp;amp; |');
    expect(md.stdout).not.toMatch(CONTROL);
  });
});

describe('--format xlsx with more areas than Excel has columns', () => {
  // 16,382 units (all in province 50, so the total row is Chiang Mai's total) + the total column = 16,383 areas: two more than the 16,384 columns hold
  // after the two naming the indicator. Unit i (code 20000 + i) has one resident woman who delivered
  // on 2024-06-01 and whose first ANC visit was at GA 10 when i is odd (A) and GA 14 when even:
  // 8,191 of 16,382 = 50.00 (no score: the template has no ladder).
  it('writes the summary long (areas down), every unit included', async () => {
    const n = 16_382;
    const dir = tempDir('kpi-wide-');
    const person = ['HOSPCODE,PID,BIRTH,DISCHARGE,TYPEAREA,D_UPDATE'];
    const anc = ['HOSPCODE,PID,SEQ,DATE_SERV,GRAVIDA,ANCNO,GA,ANCRESULT,ANCPLACE,PROVIDER,D_UPDATE'];
    const labor = ['HOSPCODE,PID,GRAVIDA,BDATE,BTYPE,D_UPDATE'];
    const hospitals = ['HOSPCODE,NAME,CHANGWAT,AMPUR'];
    for (let i = 0; i < n; i++) {
      const code = String(20000 + i);
      person.push(`${code},1,19950315,9,1,20231001080000`);
      anc.push(`${code},1,1,20231105,1,1,${i % 2 ? 10 : 14},1,${code},P1,20231105100000`);
      labor.push(`${code},1,1,20240601,1,20240602100000`);
      hospitals.push(`${code},u${i},50,01`);
    }
    writeFileSync(path.join(dir, 'PERSON.csv'), person.join('\n') + '\n');
    writeFileSync(path.join(dir, 'ANC.csv'), anc.join('\n') + '\n');
    writeFileSync(path.join(dir, 'LABOR.csv'), labor.join('\n') + '\n');
    writeFileSync(path.join(dir, 'h.csv'), hospitals.join('\n') + '\n');
    const out = path.join(dir, 'r.xlsx');
    const r = kpi(['compute', '--data', path.join(dir, 'PERSON.csv'), path.join(dir, 'ANC.csv'), path.join(dir, 'LABOR.csv'), '--hospitals', path.join(dir, 'h.csv'), '--fy', '2567', '--by', 'unit', '--indicator', 'anc-first-visit-12wk', '--format', 'xlsx', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out));
    const summary = wb.worksheets[0]!;
    expect(summary.getRow(2).values).toEqual([undefined, 'หน่วยบริการ / ตัวชี้วัด', 'anc-first-visit-12wk']);
    expect(summary.getRow(4).values).toEqual([undefined, '20000 u0', 0]);
    expect(summary.getRow(3 + n).values).toEqual([undefined, `${20000 + n - 1} u${n - 1}`, 100]);
    expect(summary.getRow(4 + n).values).toEqual([undefined, 'รวมจังหวัดเชียงใหม่', 50]);
    expect(summary.columnCount).toBe(2);
    // Sheets: summary, index, the indicator, inputs and warnings; targets read as Thai text (≥).
    const sheet = wb.worksheets[2]!;
    expect(sheet.getRow(sheet.rowCount).values).toEqual([undefined, 'TH', 'รวมจังหวัดเชียงใหม่', 16_382, 8_191, 50, '≥ 60', 'ไม่ผ่าน']);
  }, 300_000);
});
