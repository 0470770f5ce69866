import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error the fixture script is plain JavaScript
import { makeRealExport } from '../../fixtures/real-export/make.mjs';
import { ancVisitsTemplate } from '../helpers/anc-visits.js';
import { kpi, ROOT, tempDir, type Run } from '../helpers/cli.js';

/**
 * Every output of every command on every fixture is searched for every identifier the
 * fixtures hold: CID, NAME, LNAME (and HN, PASSPORT, TELEPHONE, MOBILE where present), and
 * a 13-digit value standing in a HOSPCODE column (fixtures/pii: an export whose columns slid).
 */
const IDENTIFYING = ['CID', 'NAME', 'LNAME', 'HN', 'PASSPORT', 'TELEPHONE', 'MOBILE'];

const fx = (...p: string[]) => path.join(ROOT, 'fixtures', ...p);

interface Fixture {
  readonly name: string;
  /** Folders whose data files hold the identifiers (hospitals files hold unit names, which are shown). */
  readonly sources: readonly string[];
  readonly args: () => string[];
  /** Its own templates instead of the library's. */
  readonly templates?: readonly string[];
}

let realExport = '';

const FIXTURES: Fixture[] = [
  { name: 'demo', sources: [fx('demo')], args: () => ['--data', fx('demo'), '--hospitals', fx('demo', 'hospitals.csv')] },
  // ANC and PERSON only, no delivery file: the library's ANC template needs LABOR, so the ANC-visit counter of
  // the reading tests computes something from its rows too.
  { name: 'check', sources: [fx('check')], args: () => ['--data', fx('check'), '--hospitals', fx('check', 'hospitals.csv')], templates: ['--templates', path.join(ROOT, 'templates'), ancVisitsTemplate()] },
  { name: 'library', sources: [fx('library')], args: () => ['--data', fx('library'), '--hospitals', fx('library', 'hospitals.csv')] },
  { name: 'merge', sources: [fx('merge')], args: () => ['--data', fx('merge', 'month-1'), fx('merge', 'month-2')] },
  { name: 'residence', sources: [fx('residence')], args: () => ['--data', fx('residence'), '--hospitals', fx('residence', 'hospitals.csv')] },
  { name: 'seed002', sources: [fx('seed002')], args: () => ['--data', fx('seed002')], templates: ['--templates', fx('seed002', 'community-health.json')] },
  { name: 'hdc', sources: [fx('hdc')], args: () => ['--data', fx('hdc')] },
  { name: 'real-export', sources: [fx('demo')], args: () => ['--data', path.join(realExport, 'month-1'), path.join(realExport, 'month-2.zip'), '--hospitals', path.join(realExport, 'hospitals-tis620.csv')] },
  { name: 'pii (CIDs in HOSPCODE)', sources: [fx('pii')], args: () => ['--data', fx('pii'), '--hospitals', fx('pii', 'hospitals.csv')] },
];

/** Templates for compute: the library (which holds seed 002's), plus the residence fixture's. */
const TEMPLATES = ['--templates', path.join(ROOT, 'templates'), fx('residence', 'children-drowning-by-residence.json')];

function dataFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    if (statSync(p).isDirectory()) return dataFiles(p);
    return /\.(csv|txt)$/i.test(n) && !/^hospitals/i.test(n) ? [p] : [];
  });
}

/** The identifiers of the fixture's data files, each also as a number with thousands separators. */
function identifiers(dirs: readonly string[]): string[] {
  const out = new Set<string>();
  for (const file of dirs.flatMap(dataFiles)) {
    const [head = '', ...lines] = readFileSync(file, 'utf8').split(/\r?\n/);
    const sep = head.includes('|') ? '|' : ',';
    const columns = head.split(sep).map((c) => c.trim().toUpperCase());
    for (const line of lines) {
      const values = line.split(sep);
      // A broken row (wrong field count) holds no value of the header's columns.
      if (values.length !== columns.length) continue;
      columns.forEach((c, i) => {
        const v = (values[i] ?? '').trim();
        // Shorter values (the check fixture's bad CID `123`) match counts and line numbers by chance.
        if (IDENTIFYING.includes(c) && v.length >= 4) out.add(v);
        if (c === 'HOSPCODE' && /^\d{13}$/.test(v)) out.add(v);
      });
    }
  }
  for (const v of [...out]) if (/^\d{13}$/.test(v)) out.add(Number(v).toLocaleString('en-US'));
  return [...out];
}

async function xlsxText(file: string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const parts = await Promise.all(Object.values(zip.files).filter((f) => !f.dir).map((f) => f.async('string')));
  return parts.join('\n');
}

function leaks(text: string, secrets: readonly string[]): string[] {
  return secrets.filter((s) => text.includes(s));
}

const both = (r: Run) => r.stdout + '\n' + r.stderr;

beforeAll(async () => {
  realExport = tempDir('kpi-pii-real-');
  await makeRealExport(realExport);
});

describe.each(FIXTURES)('no identifier of fixture $name in any output', (f) => {
  const secrets = identifiers(f.sources);
  const out = tempDir('kpi-pii-');
  const templates = f.templates ?? TEMPLATES;
  const base = () => [...templates, ...f.args(), '--fy', '2567'];

  it('the fixture has identifiers to look for', () => {
    if (f.name === 'pii (CIDs in HOSPCODE)') expect(secrets).toEqual(expect.arrayContaining(['1101700234568', '3401100543211', 'มานี', 'ใจดีพิเศษ', 'HN0001', 'AA1234567', '0811112222']));
    if (f.name === 'demo') expect(secrets).toEqual(expect.arrayContaining(['1100000000011', 'สมหญิง', 'ทดสอบหนึ่ง']));
  });

  it('compute: table, csv, md, json, html on stdout and stderr; xlsx and json files', async () => {
    for (const format of ['table', 'csv', 'md', 'json', 'html']) {
      const r = kpi(['compute', ...base(), '--by', 'unit', '--format', format]);
      expect(r.stderr).not.toMatch(/internal error/);
      expect({ format, found: leaks(both(r), secrets) }).toEqual({ format, found: [] });
    }
    const xlsx = path.join(out, 'r.xlsx');
    const r = kpi(['compute', ...base(), '--by', 'unit', '--format', 'xlsx', '--out', xlsx]);
    expect(r.code).toBe(0);
    expect(leaks(r.stderr + (await xlsxText(xlsx)), secrets)).toEqual([]);
  });

  it('check: table and json', () => {
    for (const format of ['table', 'json']) {
      const r = kpi(['check', ...f.args(), '--format', format]);
      expect(r.stderr).not.toMatch(/internal error/);
      expect({ format, found: leaks(both(r), secrets) }).toEqual({ format, found: [] });
    }
  });

  it('explain --area TH of the first three indicators with data, and diff of two rounds', () => {
    const r12 = path.join(out, 'r12.json');
    const r6 = path.join(out, 'r6.json');
    expect(kpi(['compute', ...base(), '--by', 'unit', '--format', 'json', '--out', r12]).code).toBe(0);
    expect(kpi(['compute', ...base(), '--by', 'unit', '--round', '6', '--format', 'json', '--out', r6]).code).toBe(0);
    const doc = JSON.parse(readFileSync(r12, 'utf8')) as { results: Array<{ indicator: string; level: string; b: number | null }> };
    expect(leaks(readFileSync(r12, 'utf8') + readFileSync(r6, 'utf8'), secrets)).toEqual([]);
    const withData = doc.results.filter((r) => r.level === 'country' && r.b !== null && r.b > 0).map((r) => r.indicator);
    expect(withData.length).toBeGreaterThan(0);
    for (const id of withData.slice(0, 3)) {
      const e = kpi(['explain', id, ...base(), '--area', 'TH']);
      expect(e.stderr).not.toMatch(/internal error/);
      expect({ id, found: leaks(both(e), secrets) }).toEqual({ id, found: [] });
    }
    for (const format of ['table', 'md']) {
      const d = kpi(['diff', r6, r12, '--all', '--format', format]);
      expect({ format, found: leaks(both(d), secrets) }).toEqual({ format, found: [] });
    }
  });
});

describe('commands without data', () => {
  it('validate and list print no identifier of any fixture', () => {
    const secrets = identifiers(FIXTURES.flatMap((f) => f.sources));
    for (const args of [['validate', ...TEMPLATES.slice(1)], ['list', ...TEMPLATES], ['list', ...TEMPLATES, '--format', 'json']]) {
      const r = kpi(args);
      expect(r.code).toBe(0);
      expect(leaks(both(r), secrets)).toEqual([]);
    }
  });
});

/** The commands of issues 13 and 17 that read exports or a database: a subset of fixtures (the one with identifiers in odd places, a zip in TIS-620, the demo). */
describe.each(FIXTURES.filter((f) => ['demo', 'real-export', 'pii (CIDs in HOSPCODE)'].includes(f.name)))('no identifier of fixture $name from load, compute --db, merge or list --data', (f) => {
  const secrets = identifiers(f.sources);
  const out = tempDir('kpi-pii-db-');

  it('prints and writes none', () => {
    const args = f.args();
    const cut = args.indexOf('--hospitals');
    const data = args.slice(1, cut < 0 ? undefined : cut);
    const hospitals = cut < 0 ? [] : args.slice(cut);
    const url = `duckdb:${path.join(out, 'kpi.duckdb')}`;
    const unit = path.join(out, 'unit.json');
    const runs = [
      kpi(['load', '--db', url, '--data', ...data]),
      kpi(['compute', ...TEMPLATES, '--db', url, ...hospitals, '--fy', '2567', '--by', 'unit', '--format', 'json', '--out', unit]),
      kpi(['compute', ...TEMPLATES, '--db', url, ...hospitals, '--fy', '2567', '--by', 'unit', '--format', 'table']),
      kpi(['list', ...TEMPLATES, '--data', ...data]),
    ];
    runs.push(kpi(['merge', unit, ...TEMPLATES, ...hospitals, '--by', 'province', '--format', 'csv']));
    for (const r of runs) expect(r.stderr).not.toMatch(/internal error/);
    expect(runs.map((r) => r.code).slice(0, 2)).toEqual([0, 0]);
    expect(leaks(runs.map(both).join('\n') + readFileSync(unit, 'utf8'), secrets)).toEqual([]);
  }, 120_000);
});
