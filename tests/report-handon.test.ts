import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readerWarnings } from '../src/report/reader-warnings.js';
import { kpi, tempDir } from './helpers/cli.js';
import { DEMO, DEMO_ARGS, DEMO_HOSPITALS } from './helpers/demo.js';

const UNIT = 'unit 99999 is not in fixtures/demo/hospitals.csv: its 1 counted row appears only in the national row (and at --by unit)';

describe('warnings written for the reader of a report', () => {
  it('sums unknown units into one line and leaves command-line flags out', () => {
    const other = 'unit 88888 is not in h.csv: its 36 counted rows appear only in the national row (and at --by unit)';
    expect(readerWarnings([UNIT, other], 'en')).toEqual(['2 units not in the unit reference: 37 counted rows appear only in the total row, in no area']);
    expect(readerWarnings([UNIT], 'th')).toEqual(['หน่วยบริการ 1 แห่งไม่อยู่ในแฟ้มหน่วยบริการ: นับได้ 1 รายการ ซึ่งรวมอยู่ในแถวรวมเท่านั้น ไม่อยู่ในพื้นที่ใด']);
    const lines = readerWarnings(['dm-control skipped: it needs table CHRONIC, not found in --data', 'no --hospitals file: rows placed by unit count only in the national row (and at --by unit)'], 'th');
    expect(lines).toEqual(['ไม่ได้คำนวณ dm-control เพราะข้อมูลที่ได้รับไม่มีแฟ้ม CHRONIC', expect.stringContaining('ไม่ได้ใช้แฟ้มหน่วยบริการ')]);
    expect(lines.join(' ')).not.toMatch(/--/);
  });

  it('puts them in the HTML page without a flag', () => {
    const html = kpi([...DEMO_ARGS, '--format', 'html']).stdout;
    // The demo's one unknown unit, 99999: 1 ANC row + 1 NUTRITION row + 2 DEATH rows counted (stderr says 4).
    expect(html).toContain('หน่วยบริการ 1 แห่งไม่อยู่ในแฟ้มหน่วยบริการ');
    expect(html.slice(html.indexOf('<body>'))).not.toMatch(/--[a-z]/);
  });

  it('gives an indicator with no data a line instead of an empty chart', () => {
    const html = kpi([...DEMO_ARGS, '--from', '2020-01-01', '--to', '2020-01-31', '--format', 'html'].filter((a, i, all) => !(a === '--fy' || all[i - 1] === '--fy'))).stdout;
    // January 2020: no ANC visit and no breastfeeding survey; drowning deaths keeps its
    // population denominator (children alive, counted without a date), so it keeps its chart.
    expect(html.match(/<p class="no-data">ไม่มีข้อมูลของตัวชี้วัดนี้ในช่วงเวลานี้<\/p>/g)).toHaveLength(2);
    expect(html.match(/<svg class="chart"/g)).toHaveLength(1);
  });
});

describe('the workbook for a meeting', () => {
  async function book(args: string[]): Promise<ExcelJS.Workbook> {
    const out = path.join(tempDir(), 'r.xlsx');
    const r = kpi([...args, '--format', 'xlsx', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    return wb;
  }

  it('has an index sheet linking each indicator sheet to its title', async () => {
    const wb = await book(DEMO_ARGS);
    const index = wb.getWorksheet('สารบัญ')!;
    const link = index.getCell('A3').value as ExcelJS.CellHyperlinkValue;
    expect(link).toEqual({ text: 'anc-first-visit-12wk', hyperlink: "#'anc-first-visit-12wk'!A1" });
    expect(index.getCell('B3').value).toBe('ร้อยละของหญิงตั้งครรภ์ที่ได้รับการฝากครรภ์ครั้งแรกเมื่ออายุครรภ์ ≤ 12 สัปดาห์');
    expect(index.rowCount).toBe(2 + 3);
  });

  it('has an inputs-and-warnings sheet: files with rows read, and the reader\'s warnings', async () => {
    const wb = await book(['compute', '--data', DEMO, '--hospitals', DEMO_HOSPITALS, '--fy', '2567', '--indicator', 'anc-first-visit-12wk', '--lang', 'en']);
    const ws = wb.getWorksheet('Inputs and warnings')!;
    const rows: unknown[][] = [];
    ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    // fixtures/demo: ANC.csv has 16 rows, LABOR.csv 13, PERSON.csv 28.
    expect(rows).toContainEqual(['fixtures/demo/ANC.csv', 'ANC', 16, 0]);
    expect(rows).toContainEqual(['fixtures/demo/LABOR.csv', 'LABOR', 13, 0]);
    expect(rows).toContainEqual(['fixtures/demo/PERSON.csv', 'PERSON', 28, 0]);
    // 99999-1 is counted at 99999 by each of the template's person measures, B, F and A: 3.
    expect(rows).toContainEqual(['1 unit not in the unit reference: 3 counted rows appear only in the total row, in no area']);
  });
});
