import { writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { findArea } from '../src/area/lookup.js';
import { periodText, targetText } from '../src/report/labels.js';
import { kpi, tempDir } from './helpers/cli.js';
import { DEMO, DEMO_HOSPITALS } from './helpers/demo.js';

const ANC = 'anc-first-visit-12wk';
const base = ['compute', '--data', DEMO, '--fy', '2567', '--indicator', ANC];

/** A unit list as DHDC's chospital table has it (lower-case headers, extra columns, a BOM). */
function chospital(rows: string[]): string {
  const file = path.join(tempDir(), 'chospital.csv');
  writeFileSync(file, '\uFEFFhoscode,hosname,hostype,provcode,distcode,subdistcode\n' + rows.join('\n') + '\n');
  return file;
}

describe('district names (reference/districts.csv)', () => {
  // fixtures/demo/README.md: per unit B/A = 10001 3/2, 10002 1/0, 10003 1/1, 20001 2/1;
  // hospitals.csv puts them in 5001, 5002, 5101 and 4001.
  it('names the demo districts in Thai and English', () => {
    const th = kpi([...base, '--hospitals', DEMO_HOSPITALS, '--by', 'district', '--format', 'csv']).stdout.split('\n');
    expect(th.slice(1, 5).map((l) => l.split(',').slice(3, 7).join(','))).toEqual([
      '4001,อำเภอเมืองขอนแก่น,1,2', '5001,อำเภอเมืองเชียงใหม่,2,3', '5002,อำเภอจอมทอง,0,1', '5101,อำเภอเมืองลำพูน,1,1',
    ]);
    const en = kpi([...base, '--hospitals', DEMO_HOSPITALS, '--by', 'district', '--format', 'csv', '--lang', 'en']).stdout;
    expect(en).toContain(',district,5001,Mueang Chiang Mai,2,3,66.67,');
  });

  it('reads a DHDC chospital export by its header aliases (hoscode, hosname, provcode, distcode)', () => {
    const file = chospital(['10001,A,18,50,01,01', '10002,B,18,50,5002,01', '10003,C,18,51,01,01', '20001,D,18,40,01,01']);
    const r = kpi([...base, '--hospitals', file, '--by', 'district', '--format', 'csv']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(',district,5002,อำเภอจอมทอง,0,1,');
  });

  it('names the columns and their aliases when the file has neither', () => {
    const file = path.join(tempDir(), 'h.csv');
    writeFileSync(file, 'code,name\n10001,A\n');
    const r = kpi([...base, '--hospitals', file]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('missing HOSPCODE (or hoscode, off_id, hcode)');
  });
});

describe('the total row is named for what the data covers', () => {
  it('is a province\'s total when every placed unit is in that province; the JSON says so', () => {
    // All four units in Chiang Mai: B = 3 + 1 + 1 + 2 plus 99999's 1 = 8, A = 2 + 0 + 1 + 1 + 1 = 5.
    const file = chospital(['10001,A,18,50,01,01', '10002,B,18,50,02,01', '10003,C,18,50,03,01', '20001,D,18,50,04,01']);
    const doc = JSON.parse(kpi([...base, '--hospitals', file, '--by', 'province', '--format', 'json']).stdout);
    expect(doc.total).toEqual({ area_code: 'TH', covers: 'province', code: '50', name: 'รวมจังหวัดเชียงใหม่' });
    expect(doc.results.at(-1)).toMatchObject({ level: 'country', area_code: 'TH', area_name: 'รวมจังหวัดเชียงใหม่', a: 5, b: 8 });
  });

  it('is a health region\'s total when the provinces are all in one region', () => {
    const file = chospital(['10001,A,18,50,01,01', '10002,B,18,50,02,01', '10003,C,18,51,01,01', '20001,D,18,51,02,01']);
    const r = kpi([...base, '--hospitals', file, '--by', 'province', '--lang', 'en', '--format', 'csv']);
    expect(r.stdout.trim().split('\n').at(-1)).toMatch(/,country,TH,Health region 1 total,5,8,62.50,/);
  });

  it('stays the national row for the demo, whose provinces are in two regions', () => {
    const doc = JSON.parse(kpi([...base, '--hospitals', DEMO_HOSPITALS, '--format', 'json']).stdout);
    expect(doc.total).toEqual({ area_code: 'TH', covers: 'country', code: 'TH', name: 'ภาพรวมประเทศ' });
  });
});

describe('Thai period and target labels', () => {
  it('words each kind of period and target', () => {
    expect(periodText('FY2567 R12', 'th')).toBe('ปีงบประมาณ 2567 รอบ 12 เดือน');
    expect(periodText('FY2567 Q2', 'th')).toBe('ปีงบประมาณ 2567 ไตรมาส 2');
    expect(periodText('2024-01-05..2024-03-31', 'th')).toBe('5 มกราคม 2567 ถึง 31 มีนาคม 2567');
    expect(periodText('FY2567 R12', 'en')).toBe('FY2567 R12');
    expect(targetText('>= 60', 'th')).toBe('≥ 60');
    expect(targetText('<= 6.5', 'th')).toBe('≤ 6.5');
  });

  const demo = [...base, '--hospitals', DEMO_HOSPITALS, '--by', 'province', '--quarter', '2'];
  it('shows them in the table, Markdown and HTML', () => {
    for (const format of ['table', 'md', 'html']) {
      const out = kpi([...demo, '--format', format]).stdout;
      expect(out, format).toContain('ปีงบประมาณ 2567 ไตรมาส 2');
      expect(out, format).toContain('≥ 60');
      expect(out, format).not.toContain('FY2567');
      expect(out, format).not.toContain('>= 60');
    }
  });

  it('shows them in the workbook', async () => {
    const out = path.join(tempDir(), 'r.xlsx');
    expect(kpi([...demo, '--format', 'xlsx', '--out', out]).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const texts: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => { if (typeof c.value === 'string') texts.push(c.value); })));
    expect(texts.some((t) => t.includes('ปีงบประมาณ 2567 ไตรมาส 2'))).toBe(true);
    expect(texts).toContain('≥ 60');
    expect(texts.filter((t) => t.includes('FY2567') || t.includes('>= 60'))).toEqual([]);
  });

  it('keeps the codes in CSV and JSON, for programs and kpi diff', () => {
    expect(kpi([...demo, '--format', 'csv']).stdout).toContain(`${ANC},FY2567 Q2,province,`);
  });
});

describe('--sort result', () => {
  it('ranks the districts best first by the template\'s better, the total last, in every format', () => {
    // Districts (README counts): 5101 1/1 = 100, 5001 3/2 = 66.67, 4001 2/1 = 50, 5002 1/0 = 0.
    const csv = kpi([...base, '--hospitals', DEMO_HOSPITALS, '--by', 'district', '--format', 'csv', '--sort', 'result']).stdout;
    expect(csv.trim().split('\n').slice(1).map((l) => l.split(',')[3])).toEqual(['5101', '5001', '4001', '5002', 'TH']);
    const md = kpi([...base, '--hospitals', DEMO_HOSPITALS, '--by', 'district', '--format', 'md', '--sort', 'result']).stdout;
    expect(md.indexOf('5101')).toBeLessThan(md.indexOf('5002'));
  });

  it('puts the lowest first where lower is better (drowning deaths)', () => {
    // fixtures/demo/README.md: 51 Lamphun 0/1 = 0, 50 Chiang Mai 2/3, 40 Khon Kaen 1/1.
    const csv = kpi(['compute', '--data', DEMO, '--hospitals', DEMO_HOSPITALS, '--fy', '2567', '--indicator', 'drowning-deaths-under-15',
      '--by', 'province', '--format', 'csv', '--sort', 'result']).stdout;
    expect(csv.trim().split('\n').slice(1).map((l) => l.split(',')[3])).toEqual(['51', '50', '40', 'TH']);
  });
});

describe('--area by name', () => {
  it('finds provinces and districts by Thai or English name, with or without their prefix', () => {
    expect(findArea('เชียงใหม่', undefined, 'th')).toEqual({ level: 'province', code: '50' });
    expect(findArea('จังหวัดเชียงใหม่', undefined, 'th')).toEqual({ level: 'province', code: '50' });
    expect(findArea('อำเภอเมืองเชียงใหม่', undefined, 'th')).toEqual({ level: 'district', code: '5001' });
    expect(findArea('Mueang Chiang Mai', undefined, 'en')).toEqual({ level: 'district', code: '5001' });
    expect(findArea('พระนคร', undefined, 'th')).toEqual({ level: 'district', code: '1001' });
    expect(findArea('12', 'region', 'th')).toEqual({ level: 'region', code: '12' });
  });
  it('says what is wrong in the chosen language', () => {
    expect(() => findArea('99', undefined, 'th')).toThrow('99 ไม่ใช่รหัสจังหวัด');
    expect(() => findArea('99', undefined, 'en')).toThrow('99 is not a province code');
    expect(() => findArea('เชียงใหมา', undefined, 'th')).toThrow('หมายถึง เชียงใหม่ หรือไม่?');
    expect(() => findArea('เฉลิมพระเกียรติ', undefined, 'en')).toThrow('1913');
  });
  it('explains an area given by its Thai name', () => {
    const r = kpi(['explain', ANC, '--data', DEMO, '--hospitals', DEMO_HOSPITALS, '--fy', '2567', '--area', 'เชียงใหม่']);
    expect(r.code, r.stderr).toBe(0);
    // Chiang Mai: B = 4, A = 2 (fixtures/demo/README.md); F, a first ANC with a GA: 10001-1, -2, -3 (not 10002-1).
    expect(r.stdout).toMatch(/B = 4\n\s+F = 3\n\s+A = 2/);
    const bad = kpi(['explain', ANC, '--data', DEMO, '--fy', '2567', '--area', '99', '--lang', 'en']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('99 is not a province code');
  });
});
