import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ResultDocument, ResultRow } from '../src/results/schema.js';
import { kpi } from './helpers/cli.js';
import { DEMO_TEMPLATES } from './helpers/demo.js';

const DEMO = [...DEMO_TEMPLATES, '--data', 'fixtures/demo', '--hospitals', 'fixtures/demo/hospitals.csv', '--fy', '2567'];

function json(args: string[]): ResultDocument {
  const r = kpi(['compute', ...DEMO, '--format', 'json', ...args]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as ResultDocument;
}

/** `indicator level code` → [a, b, result, pass, score], the numbers of fixtures/demo/README.md. */
function pick(doc: ResultDocument, indicator: string): Record<string, [number | null, number | null, number | null, boolean | null, number | null]> {
  const rows = doc.results.filter((r: ResultRow) => r.indicator === indicator);
  return Object.fromEntries(rows.map((r) => [`${r.level} ${r.area_code}`, [r.a, r.b, r.result, r.pass, r.score]]));
}

describe('kpi compute on the demo data (hand-counted in fixtures/demo/README.md)', () => {
  const byProvince = json(['--by', 'province']);

  it('counts first ANC visits per province, with the national row last', () => {
    expect(pick(byProvince, 'anc-first-visit-12wk')).toEqual({
      'province 40': [1, 2, 50, false, null],
      'province 50': [2, 4, 50, false, null],
      'province 51': [1, 1, 100, true, null],
      'country TH': [5, 8, 62.5, true, null],
    });
  });

  it('keeps the latest visit per infant after the conditions', () => {
    expect(pick(byProvince, 'breastfeeding-exclusive-6mo')).toEqual({
      'province 40': [1, 1, 100, true, null],
      'province 50': [1, 2, 50, true, null],
      'province 51': [1, 1, 100, true, null],
      'country TH': [3, 4, 75, true, null],
    });
  });

  it('rates drowning deaths per 100,000 with the ministry bands', () => {
    expect(pick(byProvince, 'drowning-deaths-under-15')).toEqual({
      'province 40': [1, 1, 100000, false, 1],
      'province 50': [2, 3, 66666.67, false, 1],
      'province 51': [0, 1, 0, true, 5],
      'country TH': [3, 5, 60000, false, 1],
    });
  });

  it('lists all 13 regions, region 1 passing at exactly the target', () => {
    const doc = json([]);
    const anc = pick(doc, 'anc-first-visit-12wk');
    expect(Object.keys(anc)).toEqual([...Array.from({ length: 13 }, (_, i) => `region ${i + 1}`), 'country TH']);
    expect(anc['region 1']).toEqual([3, 5, 60, true, null]);
    expect(anc['region 7']).toEqual([1, 2, 50, false, null]);
    expect(anc['region 13']).toEqual([0, 0, null, null, null]);
    expect(pick(doc, 'breastfeeding-exclusive-6mo')['region 1']).toEqual([2, 3, 66.67, true, null]);
    expect(pick(doc, 'drowning-deaths-under-15')['region 1']).toEqual([2, 4, 50000, false, 1]);
  });

  it('shows the unknown unit only at unit level and in the national row', () => {
    const anc = pick(json(['--by', 'unit']), 'anc-first-visit-12wk');
    expect(anc).toEqual({
      'unit 10001': [2, 3, 66.67, true, null],
      'unit 10002': [0, 1, 0, false, null],
      'unit 10003': [1, 1, 100, true, null],
      'unit 20001': [1, 2, 50, false, null],
      'unit 99999': [1, 1, 100, true, null],
      'country TH': [5, 8, 62.5, true, null],
    });
    expect(pick(json(['--by', 'district']), 'anc-first-visit-12wk')).toMatchObject({ 'district 4001': [1, 2, 50, false, null], 'district 5002': [0, 1, 0, false, null] });
  });

  it('judges round 6 by its own target and window', () => {
    const doc = json(['--round', '6']);
    expect(doc.period).toBe('FY2567 R6');
    expect(pick(doc, 'anc-first-visit-12wk')['country TH']).toEqual([4, 7, 57.14, true, null]);
    expect(doc.results.find((r) => r.indicator === 'anc-first-visit-12wk')!.target).toBe('>= 30');
    expect(pick(doc, 'breastfeeding-exclusive-6mo')['country TH']).toEqual([2, 3, 66.67, true, null]);
    // The book judges drowning once a year (lines 135, 140): round 6 is shown, not judged (issue 13).
    expect(pick(doc, 'drowning-deaths-under-15')['country TH']).toEqual([1, 5, 20000, null, null]);
  });

  it('labels quarters and windows; judges a round\'s window by its round, others by the plain target unless the template leaves rounds unjudged', () => {
    const target = (d: ResultDocument, id: string) => d.results.find((r) => r.indicator === id && r.level === 'country')!;
    // Quarter 1 is 1 October to 31 December: round 3's own window, so round 3's target (≥ 15, book line 2498).
    const q = json(['--quarter', '1']);
    expect(q.period).toBe('FY2567 Q1');
    expect(target(q, 'anc-first-visit-12wk').target).toBe('>= 15');
    // Quarter 2 is no round: ANC judges every round, so the plain target; drowning judges round 12 only, so nothing.
    const q2 = json(['--quarter', '2']);
    expect(target(q2, 'anc-first-visit-12wk').target).toBe('>= 60');
    expect(target(q2, 'drowning-deaths-under-15')).toMatchObject({ target: '', pass: null, score: null });
    const windowed = (from: string, to: string) => JSON.parse(kpi(['compute', '--data', 'fixtures/demo', '--hospitals', 'fixtures/demo/hospitals.csv', '--from', from, '--to', to, '--format', 'json']).stdout) as ResultDocument;
    // 1 October to 31 March is round 6's window: drowning is not judged there (book lines 135, 140) ...
    expect(target(windowed('2023-10-01', '2024-03-31'), 'drowning-deaths-under-15')).toMatchObject({ target: '', pass: null });
    // ... and the whole fiscal year is round 12: judged, national 3/5 = 60,000.00 fails ≤ 6.5 (fixtures/demo/README.md).
    expect(target(windowed('2023-10-01', '2024-09-30'), 'drowning-deaths-under-15')).toMatchObject({ result: 60000, target: '<= 6.5', pass: false });
    const r = kpi(['compute', '--data', 'fixtures/demo', '--hospitals', 'fixtures/demo/hospitals.csv', '--from', '2023-10-01', '--to', '2023-10-31', '--format', 'json']);
    expect((JSON.parse(r.stdout) as ResultDocument).period).toBe('2023-10-01..2023-10-31');
  });

  it('gives byte-identical JSON on the same input', () => {
    const a = kpi(['compute', ...DEMO, '--format', 'json']);
    const b = kpi(['compute', ...DEMO, '--format', 'json']);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout.length).toBeGreaterThan(100);
  });

  it('says which unit is missing from the hospitals file', () => {
    const r = kpi(['compute', ...DEMO, '--indicator', 'anc-first-visit-12wk']);
    expect(r.stderr).toContain('unit 99999 is not in fixtures/demo/hospitals.csv');
    const doc = json(['--indicator', 'anc-first-visit-12wk']);
    expect(doc.warnings.some((w) => w.includes('unit 99999'))).toBe(true);
  });

  it('never prints a CID or a name', () => {
    for (const format of ['table', 'csv', 'json', 'md']) {
      const r = kpi(['compute', ...DEMO, '--by', 'unit', '--format', format]);
      expect(r.stdout + r.stderr).not.toMatch(/11000000000|สมหญิง|ทดสอบ/);
    }
  });
});

describe('output formats', () => {
  it('prints the table grouped per indicator, numbers right-aligned', () => {
    const r = kpi(['compute', ...DEMO, '--by', 'province', '--indicator', 'anc-first-visit-12wk']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('anc-first-visit-12wk  ร้อยละของหญิงตั้งครรภ์ที่ได้รับการฝากครรภ์ครั้งแรกเมื่ออายุครรภ์ ≤ 12 สัปดาห์  (ปีงบประมาณ 2567 รอบ 12 เดือน)');
    expect(r.stdout).toMatch(/^50 เชียงใหม่ +4 +2 +50\.00 +≥ 60 +ไม่ผ่าน +-$/m);
    expect(r.stdout).toMatch(/^ภาพรวมประเทศ +8 +5 +62\.50 +≥ 60 +ผ่าน +-$/m);
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });

  it('aligns Thai text by display columns, not code points', () => {
    const r = kpi(['compute', ...DEMO, '--by', 'province', '--indicator', 'anc-first-visit-12wk']);
    const row = (name: string) => r.stdout.split('\n').find((l) => l.includes(name))!;
    // Thai vowel and tone marks (U+0E31, U+0E34–U+0E3A, U+0E47–U+0E4E) sit on their consonant and take no column.
    const columns = (line: string) => [...line.replace(/[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]/g, '')].length;
    expect(columns(row('เชียงใหม่'))).toBe(columns(row('ขอนแก่น')));
    expect(columns(row('เชียงใหม่'))).toBe(columns(row('ภาพรวมประเทศ')));
    expect(row('เชียงใหม่').length).not.toBe(row('ขอนแก่น').length);
  });

  it('writes English labels with --lang en', () => {
    const r = kpi(['compute', ...DEMO, '--lang', 'en', '--by', 'province', '--indicator', 'anc-first-visit-12wk']);
    expect(r.stdout).toMatch(/^Province +Target group \(B\) +Achieved \(A\) +percent +Target +Pass +Score$/m);
    expect(r.stdout).toMatch(/^50 Chiang Mai +4 +2 +50\.00 +>= 60 +no +-$/m);
    expect(r.stdout).toMatch(/^Thailand +8 +5 +62\.50/m);
  });

  it('writes CSV with the DESIGN columns and empty cells for no value', () => {
    const r = kpi(['compute', ...DEMO, '--format', 'csv', '--indicator', 'anc-first-visit-12wk']);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('indicator,period,level,area_code,area_name,a,b,result,target,pass,score');
    expect(lines[1]).toBe('anc-first-visit-12wk,FY2567 R12,region,1,เขตสุขภาพที่ 1,3,5,60.00,>= 60,true,');
    expect(lines[2]).toBe('anc-first-visit-12wk,FY2567 R12,region,2,เขตสุขภาพที่ 2,0,0,,>= 60,,');
    expect(lines[14]).toBe('anc-first-visit-12wk,FY2567 R12,country,TH,ภาพรวมประเทศ,5,8,62.50,>= 60,true,');
  });

  it('writes Markdown tables, with < escaped as HTML', () => {
    const r = kpi(['compute', ...DEMO, '--format', 'md', '--by', 'province', '--lang', 'en', '--indicator', 'drowning-deaths-under-15']);
    expect(r.stdout).toContain('| 50 Chiang Mai | 3 | 2 | 66,666.67 | &lt;= 6.5 | no | 1 |');
    expect(r.stdout).toContain('| **Thailand** | **5** | **3** | **60,000.00** | **&lt;= 6.5** | **no** | **1** |');
  });

  it('writes --out whole, with nothing on stdout and no temporary file left', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kpi-out-'));
    const out = path.join(dir, 'r.json');
    const r = kpi(['compute', ...DEMO, '--format', 'json', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect((JSON.parse(readFileSync(out, 'utf8')) as ResultDocument).results.length).toBe(3 * 14);
    expect(readdirSync(dir)).toEqual(['r.json']);
  });

  it('fails with exit 3 and writes nothing when --out cannot be written', () => {
    const r = kpi(['compute', ...DEMO, '--out', '/nonexistent-dir/r.csv', '--format', 'csv']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('/nonexistent-dir/r.csv: cannot write: folder /nonexistent-dir does not exist');
    expect(existsSync('/nonexistent-dir')).toBe(false);
  });
});
