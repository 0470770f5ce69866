import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { neutralise, renderCsv } from '../src/report/csv.js';
import type { IndicatorInfo, ResultRow } from '../src/results/schema.js';
import { kpi, tempDir } from './helpers/cli.js';
import { DEMO, DEMO_ARGS, hospitalsNamed } from './helpers/demo.js';

const BOM = [0xef, 0xbb, 0xbf];

describe('--excel CSV', () => {
  it('starts with the UTF-8 BOM, ends records with CRLF and keeps Thai intact', () => {
    const out = path.join(tempDir(), 'r.csv');
    const r = kpi([...DEMO_ARGS, '--format', 'csv', '--excel', '--indicator', 'anc-first-visit-12wk', '--out', out]);
    expect(r.code).toBe(0);
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual(BOM);
    const text = bytes.subarray(3).toString('utf8');
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('indicator,period,level,area_code,area_name,a,b,result,target,pass,score');
    // ANC, Khon Kaen: B=2, A=1 → 50.00 (counted by hand in report-xlsx.test.ts).
    expect(lines[1]).toBe('anc-first-visit-12wk,FY2567 R12,province,40,ขอนแก่น,1,2,50.00,>= 60,false,');
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('without --excel stays plain: no BOM, LF', () => {
    const r = kpi([...DEMO_ARGS, '--format', 'csv', '--indicator', 'anc-first-visit-12wk']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('indicator,')).toBe(true);
    expect(r.stdout).not.toContain('\r');
  });

  it('neutralises a hostile unit name from the hospitals file', () => {
    const hospitals = hospitalsNamed({ '10001': '=HYPERLINK("http://evil.example","click")', '10002': '@SUM(1)' });
    const out = path.join(tempDir(), 'r.csv');
    const r = kpi(['compute', '--data', DEMO, '--hospitals', hospitals, '--fy', '2567', '--by', 'unit', '--format', 'csv', '--excel', '--out', out, '--indicator', 'anc-first-visit-12wk']);
    expect(r.code).toBe(0);
    const text = readFileSync(out).subarray(3).toString('utf8');
    expect(text).toContain(`,10001,"'=HYPERLINK(""http://evil.example"",""click"")",`);
    expect(text).toContain(`,10002,'@SUM(1),`);
    expect(text).not.toMatch(/,"?=HYPERLINK/);
  });

  it('a bare --excel with another format is a usage error', () => {
    const r = kpi([...DEMO_ARGS, '--format', 'json', '--excel']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--excel applies to --format csv');
  });
});

describe('neutralise', () => {
  it('prefixes text that Excel would run as a formula', () => {
    expect(['=1+1', '+1', '-1+1', '@A1', '\tx', 'ok', '>= 60'].map(neutralise)).toEqual(["'=1+1", "'+1", "'-1+1", "'@A1", "'\tx", 'ok', '>= 60']);
  });

  it('leaves a negative number in a numeric column a number', () => {
    const row: ResultRow = { indicator: 'x', period: 'FY2567 R12', level: 'country', area_code: 'TH', area_name: '-TH', a: -7, b: 2, result: -3.5, target: '>= 0', pass: false, score: null };
    const info: IndicatorInfo = { id: 'x', title: { th: 'x', en: 'x' }, unit: { th: '', en: '' }, better: 'higher', decimals: 2 };
    const csv = renderCsv([row], new Map([['x', info]]), { excel: true });
    expect(csv.split('\r\n')[1]).toBe("x,FY2567 R12,country,TH,'-TH,-7,2,-3.50,>= 0,false,");
  });
});
