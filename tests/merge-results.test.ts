import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ResultDocument, ResultRow } from '../src/results/schema.js';
import { kpi, tempDir } from './helpers/cli.js';
import { DEMO, DEMO_HOSPITALS } from './helpers/demo.js';
import { periodOfLabel } from '../src/combine/period-label.js';

/**
 * fixtures/demo split as HDC splits the country: one data folder per province (units by
 * hospitals.csv; 99999, which it does not know, travels with province 40's server). No
 * person of the demo has rows in two provinces (the one CID in two PERSON rows, 20001-1 =
 * 99999-2, is in province 40's folder both times), so the merged figures must be those of
 * one run over all the data.
 */
const PROVINCE_OF: Readonly<Record<string, string>> = { 10001: '50', 10002: '50', 10003: '51', 20001: '40', 99999: '40' };
const PERIOD = ['--fy', '2567'];

let dir: string;
let files: Record<string, string>;

/** Each CSV's lines to the folder of the province of their HOSPCODE (the first column of every demo table). */
function splitDemo(root: string): Record<string, string> {
  const folders: Record<string, string> = {};
  for (const p of new Set(Object.values(PROVINCE_OF))) mkdirSync((folders[p] = path.join(root, `p${p}`)));
  for (const name of readdirSync(DEMO).filter((n) => n.endsWith('.csv') && n !== 'hospitals.csv')) {
    const [header, ...lines] = readFileSync(path.join(DEMO, name), 'utf8').split('\n').filter((l) => l !== '');
    expect(header!.startsWith('HOSPCODE,')).toBe(true);
    for (const [p, folder] of Object.entries(folders)) {
      const mine = lines.filter((l) => PROVINCE_OF[l.split(',')[0]!] === p);
      writeFileSync(path.join(folder, name), [header, ...mine, ''].join('\n'));
    }
  }
  return folders;
}

function computeUnits(data: string, out: string, extra: string[] = []): string {
  const r = kpi(['compute', '--data', data, '--hospitals', DEMO_HOSPITALS, ...PERIOD, '--by', 'unit', '--format', 'json', '--out', out, ...extra]);
  expect(r.code, r.stderr).toBe(0);
  return out;
}

function doc(args: string[]): ResultDocument {
  const r = kpi(args);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as ResultDocument;
}

function mergeJson(by: string, extra: string[] = []): ResultDocument {
  return doc(['merge', files['50']!, files['51']!, files['40']!, '--hospitals', DEMO_HOSPITALS, '--by', by, '--format', 'json', ...extra]);
}

/** `level code` → [a, b, result, pass, score] of one indicator. */
function pick(d: ResultDocument, indicator: string): Record<string, unknown[]> {
  return Object.fromEntries(d.results.filter((r) => r.indicator === indicator).map((r) => [`${r.level} ${r.area_code}`, [r.a, r.b, r.result, r.pass, r.score]]));
}

beforeAll(() => {
  dir = tempDir('kpi-merge-results-');
  const folders = splitDemo(dir);
  files = Object.fromEntries(Object.entries(folders).map(([p, folder]) => [p, computeUnits(folder, path.join(dir, `r${p}.json`))]));
}, 120_000);

describe('kpi merge: provincial unit results rolled up as one run', () => {
  it('gives the province and national rows of one run over all the data', () => {
    const one = doc(['compute', '--data', DEMO, '--hospitals', DEMO_HOSPITALS, ...PERIOD, '--by', 'province', '--format', 'json']);
    const merged = mergeJson('province');
    // The one indicator whose formula reads measures a result row does not carry (BD, BP of a baseline).
    const apart = 'road-traffic-deaths-reduction';
    expect(merged.results.filter((r) => r.indicator !== apart)).toEqual(one.results.filter((r) => r.indicator !== apart));
    expect(merged.results.filter((r) => r.indicator === apart)).toEqual([expect.objectContaining({ level: 'country', a: null, b: null, result: null, area_name: expect.stringContaining('its formula reads BD, BP') })]);
    expect(merged.total).toEqual(one.total);
  }, 60_000);

  it('reproduces the hand counts of fixtures/demo/README.md per province and nationally', () => {
    const merged = mergeJson('province');
    expect(pick(merged, 'anc-first-visit-12wk')).toEqual({
      'province 40': [1, 2, 50, false, null],
      'province 50': [2, 4, 50, false, null],
      'province 51': [1, 1, 100, true, null],
      'country TH': [5, 8, 62.5, true, null],
    });
    expect(pick(merged, 'drowning-deaths-under-15')).toEqual({
      'province 40': [1, 1, 100000, false, 1],
      'province 50': [2, 3, 66666.67, false, 1],
      'province 51': [0, 1, 0, true, 5],
      'country TH': [3, 5, 60000, false, 1],
    });
    expect(pick(merged, 'breastfeeding-exclusive-6mo')['country TH']).toEqual([3, 4, 75, true, null]);
  });

  it('rolls up to regions: region 1 is exactly on the target (5/3 = 60.00)', () => {
    const anc = pick(mergeJson('region', ['--indicator', 'anc-first-visit-12wk']), 'anc-first-visit-12wk');
    expect(anc['region 1']).toEqual([3, 5, 60, true, null]);
    expect(anc['region 7']).toEqual([1, 2, 50, false, null]);
    expect(anc['region 2']).toEqual([0, 0, null, null, null]);
    expect(anc['country TH']).toEqual([5, 8, 62.5, true, null]);
  });

  it('names the total row for what the files cover: one province', () => {
    const r = kpi(['merge', files['51']!, '--hospitals', DEMO_HOSPITALS, '--by', 'district', '--lang', 'en', '--indicator', 'anc-first-visit-12wk']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/5101 .*\n/);
    expect(r.stdout).toMatch(/Lamphun total +1 +1 +100\.00/);
  });

  it('writes every format', () => {
    const base = ['merge', files['50']!, files['51']!, files['40']!, '--hospitals', DEMO_HOSPITALS, '--by', 'province', '--lang', 'en', '--indicator', 'anc-first-visit-12wk'];
    const table = kpi(base);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/50 Chiang Mai +4 +2 +50\.00/);
    const csv = kpi([...base, '--format', 'csv']);
    expect(csv.stdout).toContain('anc-first-visit-12wk,FY2567 R12,province,51,Lamphun,1,1,100.00,>= 60,true,');
    const md = kpi([...base, '--format', 'md']);
    expect(md.stdout).toMatch(/\| 40 Khon Kaen \| 2 \| 1 \| 50\.00 \|/);
    for (const format of ['html', 'xlsx']) {
      const out = path.join(dir, `merged.${format}`);
      const r = kpi([...base, '--format', format, '--out', out]);
      expect(r.code, r.stderr).toBe(0);
      expect(statSync(out).size).toBeGreaterThan(1000);
    }
    expect(readFileSync(path.join(dir, 'merged.html'), 'utf8')).toContain('Chiang Mai');
  });
});

describe('kpi merge of several periods', () => {
  it('shows an indicator it cannot rebuild in every period, not only the first', () => {
    const periods = ['--rounds', '6,12', '--indicator', 'anc-first-visit-12wk', 'road-traffic-deaths-reduction'];
    const parts = ['50', '51', '40'].map((p) => computeUnits(path.join(dir, `p${p}`), path.join(dir, `apart${p}.json`), periods));
    const merged = doc(['merge', ...parts, '--hospitals', DEMO_HOSPITALS, '--by', 'province', '--format', 'json']);
    // The formula reads BD and BP, which a result file does not hold: one row per period says so.
    const apart = merged.results.filter((r) => r.indicator === 'road-traffic-deaths-reduction');
    expect(apart.map((r) => [r.period, r.level, r.result])).toEqual([['FY2567 R6', 'country', null], ['FY2567 R12', 'country', null]]);
    expect(apart.every((r) => r.area_name.includes('its formula reads BD, BP'))).toBe(true);
  }, 120_000);

  it('merges --rounds and --compare-fy files as one run computes them, in every layout', () => {
    const periods = ['--rounds', '6,12', '--compare-fy', '2566', '--indicator', 'anc-first-visit-12wk'];
    const parts = ['50', '51', '40'].map((p) => computeUnits(path.join(dir, `p${p}`), path.join(dir, `rounds${p}.json`), periods));
    const one = doc(['compute', '--data', DEMO, '--hospitals', DEMO_HOSPITALS, ...PERIOD, ...periods, '--by', 'province', '--format', 'json']);
    const merged = doc(['merge', ...parts, '--hospitals', DEMO_HOSPITALS, '--by', 'province', '--format', 'json']);
    expect(merged.periods).toEqual(['FY2567 R6', 'FY2567 R12', 'FY2566 R6', 'FY2566 R12']);
    expect(merged.results).toEqual(one.results);
    // Round 6 by hand (fixtures/demo/README.md): 10003-1 drops out, national 7/4 = 57.14, no score (no ladder).
    expect(merged.results.find((r) => r.period === 'FY2567 R6' && r.level === 'country')).toMatchObject({ a: 4, b: 7, result: 57.14, score: null });
    // The wide table on a pipe with no COLUMNS is one part, as wide as it needs.
    const table = kpi(['merge', ...parts, '--hospitals', DEMO_HOSPITALS, '--by', 'province', '--lang', 'en'], { env: { COLUMNS: '' } });
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/Thailand +7 +4 +57\.14/);
  }, 120_000);
});

describe('kpi merge says what it cannot place', () => {
  it('merges an indicator some files lack from the others, with a warning; --strict refuses (exit 3)', () => {
    const ancOnly = computeUnits(path.join(dir, 'p51'), path.join(dir, 'r51-anc.json'), ['--indicator', 'anc-first-visit-12wk']);
    const args = ['merge', files['50']!, ancOnly, '--hospitals', DEMO_HOSPITALS, '--by', 'province', '--indicator', 'anc-first-visit-12wk', 'drowning-deaths-under-15', '--format', 'json'];
    const r = kpi(args);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`drowning-deaths-under-15 is not in ${ancOnly}: its rows add up the other files' units only`);
    // Province 50 alone (fixtures/demo/README.md): drowning 2/3, ANC 2/4; ANC adds 51's 1/1.
    const d = JSON.parse(r.stdout) as ResultDocument;
    expect(pick(d, 'drowning-deaths-under-15')['country TH']).toEqual([2, 3, 66666.67, false, 1]);
    expect(pick(d, 'anc-first-visit-12wk')['country TH']).toEqual([3, 5, 60, true, null]);
    const strict = kpi([...args, '--strict']);
    expect(strict.code).toBe(3);
    expect(strict.stdout).toBe('');
  });

  it('keeps counts placed by residence, not at a unit, in the national row only (fixtures/residence)', () => {
    const tpl = ['--templates', 'fixtures/residence/children-drowning-by-residence.json'];
    const hosp = ['--hospitals', 'fixtures/residence/hospitals.csv'];
    const units = path.join(dir, 'residence-units.json');
    const c = kpi(['compute', ...tpl, '--data', 'fixtures/residence', ...hosp, ...PERIOD, '--by', 'unit', '--format', 'json', '--out', units]);
    expect(c.code, c.stderr).toBe(0);
    const r = kpi(['merge', units, ...tpl, ...hosp, '--by', 'province', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    // Hand count (fixtures/residence/README.md): TH A 1, B 4, 25,000.00; no row is placed at the unit.
    expect(pick(JSON.parse(r.stdout) as ResultDocument, 'children-drowning-by-residence')).toEqual({ 'country TH': [1, 4, 25000, false, null] });
    expect(r.stderr).toContain("children-drowning-by-residence's national row holds B 4 beyond its units");
  });
});

describe('kpi merge refuses to mix or double-count', () => {
  it('refuses a unit found in two files, naming it and both files (exit 3)', () => {
    const all = computeUnits(DEMO, path.join(dir, 'all-units.json'), ['--indicator', 'anc-first-visit-12wk']);
    const r = kpi(['merge', files['51']!, all, '--hospitals', DEMO_HOSPITALS]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`unit 10003 is in both ${files['51']} and ${all}`);
    expect(r.stdout).toBe('');
  });

  it('refuses files of different periods (exit 3)', () => {
    const r6 = computeUnits(path.join(dir, 'p51'), path.join(dir, 'r51-round6.json'), ['--round', '6']);
    const r = kpi(['merge', files['50']!, r6, '--hospitals', DEMO_HOSPITALS]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`${r6}: computed for FY2567 R6, but ${files['50']} for FY2567 R12`);
  });

  it('refuses a file computed with another version of a template (exit 3)', () => {
    const d = JSON.parse(readFileSync(files['51']!, 'utf8')) as ResultDocument;
    const older = path.join(dir, 'r51-older.json');
    const edited = d.results.map((r: ResultRow) => (r.indicator === 'anc-first-visit-12wk' ? { ...r, target: '>= 50' } : r));
    writeFileSync(older, JSON.stringify({ ...d, results: edited }));
    const r = kpi(['merge', files['50']!, older, '--hospitals', DEMO_HOSPITALS]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`${older}: anc-first-visit-12wk unit 10003 (FY2567 R12) has target ">= 50"`);
  });

  it('refuses rows above unit level, which have already summed their units (exit 2)', () => {
    const province = path.join(dir, 'province.json');
    const r0 = kpi(['compute', '--data', path.join(dir, 'p51'), '--hospitals', DEMO_HOSPITALS, ...PERIOD, '--by', 'province', '--format', 'json', '--out', province]);
    expect(r0.code, r0.stderr).toBe(0);
    const r = kpi(['merge', files['50']!, province]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${province}: holds province rows`);
  });

  it('refuses a unit row found twice in one file, naming its line, rather than summing it twice (exit 2)', () => {
    const doc = JSON.parse(readFileSync(files['51']!, 'utf8')) as ResultDocument;
    const twice = path.join(dir, 'twice.json');
    const unit = doc.results.findIndex((r) => r.level === 'unit');
    writeFileSync(twice, JSON.stringify({ ...doc, results: [...doc.results, doc.results[unit]!] }, null, 2));
    const r = kpi(['merge', files['50']!, twice]);
    expect(r.code).toBe(2);
    const row = doc.results[unit]!;
    expect(r.stderr).toMatch(new RegExp(`${twice}:\\d+: ${row.indicator} unit ${row.area_code} appears twice \\(first at line \\d+\\)`));
  });
});

describe('periodOfLabel: the period behind a label compute writes', () => {
  it('reads rounds, quarters, months and windows back, and nothing else', () => {
    expect(periodOfLabel('FY2567 R6')).toMatchObject({ start: '20231001', end: '20240331', round: 6, fyBE: 2567 });
    expect(periodOfLabel('FY2567 Q2')).toMatchObject({ start: '20240101', end: '20240331', fyBE: 2567 });
    expect(periodOfLabel('FY2567 M03')).toMatchObject({ start: '20231001', end: '20231231', round: 3 });
    expect(periodOfLabel('2024-02')).toMatchObject({ start: '20240201', end: '20240229', fyBE: 2567 });
    expect(periodOfLabel('2023-10')).toMatchObject({ start: '20231001', end: '20231031', fyBE: 2567 });
    expect(periodOfLabel('2023-10-01..2024-03-31')).toMatchObject({ start: '20231001', end: '20240331' });
    for (const bad of ['FY2567 R5', 'FY2567 Q5', '2024-13', 'FY2567', '2024-02-30..2024-03-01']) expect(periodOfLabel(bad)).toBeNull();
  });
});
