import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../src/report/width.js';
import { kpi as run, tempDir } from './helpers/cli.js';

/** Figures: fixtures/periods/README.md. */
const PERIODS = ['--data', 'fixtures/periods', '--hospitals', 'fixtures/periods/hospitals.csv', '--by', 'province', '--indicator', 'anc-first-visit-12wk', '--lang', 'en'];

function compute(args: string[], env: Record<string, string> = {}): string {
  const r = run(['compute', ...PERIODS, ...args], { env });
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

describe('CSV of several periods', () => {
  it('is the long format: one row per area × period, the period field as a single run labels it', () => {
    const lines = compute(['--fy', '2567', '--rounds', '3,12', '--format', 'csv']).trim().split('\n');
    expect(lines[0]).toBe('indicator,period,level,area_code,area_name,a,b,result,target,pass,score');
    expect(lines.slice(1)).toEqual([
      'anc-first-visit-12wk,FY2567 R3,province,40,Khon Kaen,1,1,100.00,>= 15,true,',
      'anc-first-visit-12wk,FY2567 R3,province,50,Chiang Mai,1,1,100.00,>= 15,true,',
      'anc-first-visit-12wk,FY2567 R3,country,TH,Thailand,2,2,100.00,>= 15,true,',
      'anc-first-visit-12wk,FY2567 R12,province,40,Khon Kaen,2,2,100.00,>= 60,true,',
      'anc-first-visit-12wk,FY2567 R12,province,50,Chiang Mai,3,5,60.00,>= 60,true,',
      'anc-first-visit-12wk,FY2567 R12,country,TH,Thailand,5,7,71.43,>= 60,true,',
    ]);
  });
});

describe('terminal table of several periods', () => {
  it('puts the periods side by side on a wide screen: one row per area', () => {
    const out = compute(['--fy', '2567', '--rounds', 'all'], { COLUMNS: '400' });
    const lines = out.split('\n');
    expect(lines.filter((l) => l.startsWith('Thailand'))).toHaveLength(1);
    // B, A, result, pass of R3 … R12 on the national row (fixtures/periods/README.md); the template has no
    // scoring (the book sets no ladder), so the groups have no score column.
    expect(lines.find((l) => l.startsWith('Thailand'))!.trim().split(/\s+/).slice(1)).toEqual([
      '2', '2', '100.00', 'yes', '4', '3', '75.00', 'yes', '6', '4', '66.67', 'yes', '7', '5', '71.43', 'yes',
    ]);
    expect(lines.find((l) => l.startsWith('Province'))).not.toContain('Score');
  });

  it('cuts between period groups, never inside one, to fit the screen', () => {
    const out = compute(['--fy', '2567', '--months'], { COLUMNS: '120' });
    const lines = out.split('\n');
    // The indicator's title line is as long as its title; every line of the table fits.
    expect(Math.max(...lines.slice(1).map(displayWidth))).toBeLessThanOrEqual(120);
    // Each part repeats the area column and holds whole groups: every national line has 4 figures per group
    // (B, A, result, pass: no score column, the template has no scoring).
    const national = lines.filter((l) => l.startsWith('Thailand')).map((l) => l.trim().split(/\s+/).length - 1);
    expect(national.length).toBeGreaterThan(1);
    expect(national.every((n) => n % 4 === 0)).toBe(true);
    expect(national.reduce((a, b) => a + b, 0)).toBe(12 * 4);
  });

  it('shows last year\'s result and the change with --compare-fy', () => {
    const out = compute(['--fy', '2567', '--compare-fy', '2566'], { COLUMNS: '400' });
    // R12: Khon Kaen 100.00 both years (change 0.00), Thailand 71.43 against 100.00 (−28.57).
    expect(out.split('\n').find((l) => l.startsWith('40 Khon Kaen'))!.trim().split(/\s+/).slice(-2)).toEqual(['100.00', '0.00']);
    expect(out.split('\n').find((l) => l.startsWith('Thailand'))!.trim().split(/\s+/).slice(-2)).toEqual(['100.00', '-28.57']);
    expect(out.split('\n').find((l) => l.startsWith('50 Chiang Mai'))!.trim().split(/\s+/).slice(-2)).toEqual(['-', '-']);
  });
});

describe('xlsx of several periods', () => {
  it('has one sheet per indicator with a column group per period', async () => {
    const file = path.join(tempDir(), 'r.xlsx');
    compute(['--fy', '2567', '--rounds', 'all', '--format', 'xlsx', '--out', file]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    const ws = wb.worksheets[1]!;
    // Row 2: period titles over 6 columns each (B, A, result, target, pass, score).
    expect([3, 9, 15, 21].map((c) => ws.getRow(2).getCell(c).value)).toEqual(['FY2567 R3', 'FY2567 R6', 'FY2567 R9', 'FY2567 R12']);
    expect(ws.getCell('D2').isMerged).toBe(true);
    const national = ws.getRow(6);
    expect(national.getCell(2).value).toBe('Thailand');
    expect([3, 4, 5, 6, 7, 8].map((c) => national.getCell(c).value)).toEqual([2, 2, 100, '>= 15', 'yes', null]);
    expect([21, 22, 23, 24].map((c) => national.getCell(c).value)).toEqual([7, 5, 71.43, '>= 60']);
  });
});

describe('kpi diff of several periods', () => {
  const write = (args: string[]) => {
    const file = path.join(tempDir(), 'r.json');
    compute([...args, '--format', 'json', '--out', file]);
    return file;
  };

  it('compares last year with this year round by round', () => {
    const r = run(['diff', write(['--fy', '2566', '--rounds', 'all']), write(['--fy', '2567', '--rounds', 'all']), '--format', 'json']);
    expect(r.code).toBe(1);
    const rows = (JSON.parse(r.stdout) as { rows: Array<{ level: string; area_code: string; status: string; old: { period: string; result: number | null } | null; new: { period: string; result: number | null } | null }> }).rows;
    const th = rows.filter((x) => x.area_code === 'TH').map((x) => [x.old?.period, x.new?.period, x.old?.result ?? null, x.new?.result ?? null, x.status]);
    expect(th).toEqual([
      ['FY2566 R3', 'FY2567 R3', null, 100, 'changed'],
      ['FY2566 R6', 'FY2567 R6', null, 75, 'changed'],
      ['FY2566 R9', 'FY2567 R9', null, 66.67, 'changed'],
      ['FY2566 R12', 'FY2567 R12', 100, 71.43, 'worsened'],
    ]);
  });

  it('a file of all rounds against itself is all the same; one round finds its own in all rounds', () => {
    const all = write(['--fy', '2567', '--rounds', 'all']);
    expect(run(['diff', all, all]).code).toBe(0);
    expect(run(['diff', write(['--fy', '2567', '--round', '6']), all]).code).toBe(0);
  });

  it('a round that the other file does not hold is an error', () => {
    const r = run(['diff', write(['--fy', '2567', '--round', '6']), write(['--fy', '2567', '--months'])]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('FY2567 R6');
  });
});
