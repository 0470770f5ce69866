/**
 * The ANC figures of fixtures/demo at `--fy 2567 --by province` (2023-10-01 … 2024-09-30),
 * counted by hand in fixtures/demo/README.md. B: women who delivered in the year (LABOR.BDATE),
 * each once, at her home unit; A: of those, the first ANC of the pregnancy at GA ≤ 12.
 *   10001 (Chiang Mai 50): PID 1 (first ANC GA 10) B A; PID 2 (GA 14) B; PID 3 (GA 12, no home
 *         unit: placed here) B A; PIDs 4, 6 deliver no child in the year, PID 5 on 2023-09-30 ✗ → B 3, A 2
 *   10002 (Chiang Mai 50): PID 1 (her one visit has no GA) B; PID 2 an abortion ✗ → B 1, A 0
 *   10003 (Lamphun 51): PID 1 on 2024-09-30 (GA 12) B A; PID 2 on 2024-10-01, after ✗ → B 1, A 1
 *   20001 (Khon Kaen 40): PID 1 (first ANC GA 11, at 99999) B A; PID 2 (no ANC) B → B 2, A 1
 *   99999 (not in hospitals.csv): PID 1 (GA 7) B A                 → national only, B 1, A 1
 * Khon Kaen 1/2 = 50.00; Chiang Mai 2/4 = 50.00; Lamphun 1/1 = 100.00;
 * national 5/8 = 62.50; target ≥ 60, no score (the book sets no ladder).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { sheetNames } from '../src/report/sheet-names.js';
import { kpi, tempDir } from './helpers/cli.js';
import { DEMO, DEMO_ARGS, hospitalsNamed } from './helpers/demo.js';

async function workbook(args: readonly string[]): Promise<ExcelJS.Workbook> {
  const out = path.join(tempDir(), 'r.xlsx');
  const r = kpi([...args, '--format', 'xlsx', '--out', out]);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toBe('');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(out));
  return wb;
}

const values = (ws: ExcelJS.Worksheet, row: number) => (ws.getRow(row).values as unknown[]).slice(1);

describe('--format xlsx', () => {
  it('has a summary sheet first, then one sheet per indicator', async () => {
    const wb = await workbook(DEMO_ARGS);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['สรุป', 'สารบัญ', 'anc-first-visit-12wk', 'breastfeeding-exclusive-6mo', 'drowning-deaths-under-15', 'ข้อมูลนำเข้าและคำเตือน']);
  });

  it('lays out an indicator sheet like the Ministry table, numbers as numbers, national last and bold', async () => {
    const ws = (await workbook(DEMO_ARGS)).getWorksheet('anc-first-visit-12wk')!;
    expect(String(ws.getCell('A1').value)).toContain('anc-first-visit-12wk');
    expect(values(ws, 2)).toEqual(['รหัส', 'จังหวัด', 'เป้าหมาย (B)', 'ผลงาน (A)', 'ร้อยละ', 'เกณฑ์', 'ผ่าน', 'คะแนน']);
    // No score: the score cells are empty.
    expect(values(ws, 3)).toEqual(['40', 'ขอนแก่น', 2, 1, 50, '≥ 60', 'ไม่ผ่าน']);
    expect(values(ws, 4)).toEqual(['50', 'เชียงใหม่', 4, 2, 50, '≥ 60', 'ไม่ผ่าน']);
    expect(values(ws, 5)).toEqual(['51', 'ลำพูน', 1, 1, 100, '≥ 60', 'ผ่าน']);
    expect(values(ws, 6)).toEqual(['TH', 'ภาพรวมประเทศ', 8, 5, 62.5, '≥ 60', 'ผ่าน']);
    expect(ws.rowCount).toBe(6);
    for (const col of ['C', 'D', 'E']) expect(ws.getCell(`${col}6`).type).toBe(ExcelJS.ValueType.Number);
    expect(ws.getCell('H6').type).toBe(ExcelJS.ValueType.Null);
    expect(ws.getCell('C3').numFmt).toBe('#,##0');
    expect(ws.getCell('E3').numFmt).toBe('#,##0.00');
    expect(ws.getCell('B6').font?.bold).toBe(true);
    expect(ws.getCell('E6').font?.bold).toBe(true);
    expect(ws.getCell('B5').font?.bold).toBeFalsy();
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    // Thai names set the width: "ภาพรวมประเทศ" shows 12 columns wide (its marks take none).
    expect(ws.getColumn(2).width).toBeGreaterThanOrEqual(12);
    expect(ws.columns.map((c) => c.width ?? 0).every((w) => w >= 10)).toBe(true);
  });

  it('leaves `-` cells empty (regions without data)', async () => {
    const wb = await workbook([...DEMO_ARGS.slice(0, -2), '--by', 'region', '--indicator', 'anc-first-visit-12wk']);
    const summary = wb.getWorksheet('สรุป')!;
    expect(values(summary, 2).slice(2)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13', 'ภาพรวมประเทศ', 'เกณฑ์', 'ผ่าน (ภาพรวมประเทศ)']);
    // Region 1 = Chiang Mai + Lamphun: 3/5 = 60.00; region 2: no value, an empty grey cell.
    expect(summary.getCell('C3').value).toBe(60);
    expect(summary.getCell('D3').type).toBe(ExcelJS.ValueType.Null);
    expect((summary.getCell('D3').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFD9D9D9');
    const ws = wb.getWorksheet('anc-first-visit-12wk')!;
    // Region 2 has no ANC rows in the demo: B 0, so B, A, result, pass and score show `-`.
    const region2 = ws.getRow(4);
    expect(region2.getCell(1).value).toBe('2');
    for (const col of [3, 4, 5, 7, 8]) expect(region2.getCell(col).type).toBe(ExcelJS.ValueType.Null);
    expect(region2.getCell(6).value).toBe('≥ 60');
    expect(ws.rowCount).toBe(2 + 13 + 1);
  });

  it('fills the summary grid with results coloured by score band, and has a colour key', async () => {
    const ws = (await workbook(DEMO_ARGS)).getWorksheet('สรุป')!;
    expect(values(ws, 2)).toEqual(['ตัวชี้วัด / จังหวัด', '', 'ขอนแก่น', 'เชียงใหม่', 'ลำพูน', 'ภาพรวมประเทศ', 'เกณฑ์', 'ผ่าน (ภาพรวมประเทศ)']);
    expect(values(ws, 3).slice(0, 1).concat(values(ws, 3).slice(2))).toEqual(['anc-first-visit-12wk', 50, 50, 100, 62.5, '≥ 60', 'ผ่าน']);
    const argb = (ref: string) => (ws.getCell(ref).fill as ExcelJS.FillPattern).fgColor?.argb;
    // ANC has no score: its cells are coloured by pass (Lamphun 100.00) and fail (Khon Kaen 50.00).
    expect(argb('C3')).toBe('FFD7B5D8'); // fail
    expect(argb('E3')).toBe('FFABD9E9'); // pass
    // Drowning (row 5, fixtures/demo/README.md): Khon Kaen 100,000.00 scores 1, Lamphun 0.00 scores 5.
    expect(argb('C5')).toBe('FFF46D43'); // score 1
    expect(argb('E5')).toBe('FF66BD63'); // score 5
    expect(ws.getCell('C3').numFmt).toBe('#,##0.00');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    const texts: string[] = [];
    ws.eachRow((row) => texts.push(row.getCell(2).text));
    expect(texts).toContain('คะแนน 5');
    expect(texts).toContain('คะแนน 0–1');
  });

  it('is the same workbook twice, once unzipped', async () => {
    const dir = tempDir();
    const files = ['a.xlsx', 'b.xlsx'].map((f) => path.join(dir, f));
    for (const f of files) expect(kpi([...DEMO_ARGS, '--format', 'xlsx', '--out', f]).code).toBe(0);
    const [a, b] = await Promise.all(files.map(async (f) => {
      const zip = await JSZip.loadAsync(readFileSync(f));
      const entries = await Promise.all(Object.keys(zip.files).sort().map(async (n) => [n, await zip.file(n)?.async('string')] as const));
      return entries;
    }));
    expect(a).toEqual(b);
    expect(a!.find(([n]) => n === 'docProps/core.xml')![1]).toContain('2000-01-01T00:00:00Z');
  });

  it('stores a hostile unit name as text, never as a formula', async () => {
    const hospitals = hospitalsNamed({ '10001': '=HYPERLINK("http://evil.example","click")' });
    const wb = await workbook(['compute', '--data', DEMO, '--hospitals', hospitals, '--fy', '2567', '--by', 'unit', '--indicator', 'anc-first-visit-12wk']);
    const cell = wb.getWorksheet('anc-first-visit-12wk')!.getCell('B3');
    expect(wb.getWorksheet('anc-first-visit-12wk')!.getCell('A3').value).toBe('10001');
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe('=HYPERLINK("http://evil.example","click")');
  });

  it('needs --out: a binary workbook never goes to the terminal', () => {
    const r = kpi([...DEMO_ARGS, '--format', 'xlsx']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('--format xlsx writes a binary workbook: give --out FILE');
  });
});

describe('sheetNames', () => {
  it('cuts names to 31 characters, replaces what Excel forbids, and keeps them unique without case', () => {
    const long = 'a-very-long-indicator-identifier-of-forty';
    expect(sheetNames('Summary', [long, long + '-2', 'SUMMARY', 'x/y:z'])).toEqual([
      'Summary',
      'a-very-long-indicator-identifie',
      'a-very-long-indicator-identif~2',
      'SUMMARY~2',
      'x_y_z',
    ]);
  });
});
