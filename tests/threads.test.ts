import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { PlaceBook } from '../src/area/place.js';
import { planTables } from '../src/engine/plan.js';
import { evaluableOnThreads } from '../src/engine/threads.js';
import { registryFor } from '../src/engine/persons.js';
import { loadTemplates } from '../src/template/load.js';
import { kpi, ROOT, tempDir, type Run } from './helpers/cli.js';
import { encode, tables, VARIANTS, writeTables } from './helpers/threads-data.js';

/**
 * `--threads 4` with files cut every few bytes (`KPI_RANGE_BYTES`, cuts inside quoted fields
 * and inside Thai characters) gives the bytes `--threads 1` gives: stdout, stderr (warnings
 * with their line numbers) and exit code. The expected output is the one-thread run's, which
 * other tests check against hand counts.
 */
function both(args: string[], rangeBytes = '7'): { one: Run; four: Run } {
  return { one: kpi([...args, '--threads', '1']), four: kpi([...args, '--threads', '4'], { env: { KPI_RANGE_BYTES: rangeBytes } }) };
}

function expectSame({ one, four }: { one: Run; four: Run }, results: number): void {
  expect(four.code).toBe(one.code);
  expect(four.stderr).toBe(one.stderr);
  expect(four.stdout).toBe(one.stdout);
  // Not a comparison of two empty outputs.
  expect(one.code).toBe(0);
  if (one.stdout.startsWith('{')) expect((JSON.parse(one.stdout) as { results: Array<{ a: number | null }> }).results.filter((r) => (r.a ?? 0) > 0).length).toBeGreaterThanOrEqual(results);
}

const FIXTURES: Array<[string, string[]]> = [
  ['demo', ['fixtures/demo']],
  ['library', ['fixtures/library']],
  ['persons', ['fixtures/persons']],
  ['periods', ['fixtures/periods']],
  ['residence', ['fixtures/residence']],
  ['silent', ['fixtures/silent']],
  ['merge (two monthly exports and DATA_CORRECT)', ['fixtures/merge/month-1', 'fixtures/merge/month-2']],
];

describe('--threads 4 gives the bytes of --threads 1', () => {
  for (const [name, data] of FIXTURES) {
    for (const format of name === 'demo' || name === 'library' ? ['json', 'csv'] : ['json']) {
      it(`every bundled template on fixtures/${name}, ${format}`, () => {
        const hospitals = path.join(ROOT, data[0]!, 'hospitals.csv');
        const args = ['compute', '--data', ...data, ...(existsSync(hospitals) ? ['--hospitals', hospitals] : []), '--fy', '2567', '--by', 'unit'];
        expectSame(both([...args, '--format', format]), format === 'json' ? 1 : 0);
      });
    }
  }

  it('the residence template of its fixture, by district', () => {
    expectSame(both(['compute', '--templates', 'fixtures/residence/children-drowning-by-residence.json', '--data', 'fixtures/residence', '--hospitals', 'fixtures/residence/hospitals.csv', '--fy', '2567', '--by', 'district', '--format', 'json']), 1);
  });

  const generated = (dir: string) => ['compute', '--data', dir, '--hospitals', 'fixtures/demo/hospitals.csv', '--fy', '2567', '--by', 'unit'];

  for (const v of VARIANTS) {
    it(`generated data (${v.name}): quoted line ends, Thai text, bad rows, ties, cut every ${v === VARIANTS[0] ? 5 : 23} bytes`, () => {
      const dir = tempDir('kpi-threads-');
      writeTables(dir, v, 18, 120);
      const runs = both([...generated(dir), '--format', 'json'], v === VARIANTS[0] ? '5' : '23');
      expectSame(runs, 3);
      // Warnings name skipped rows by line: those lines are compared too.
      expect(runs.one.stderr).toMatch(/PERSON\.csv:\d+: /);
    });
  }

  // Counted on the reading threads (no person measure, nothing joins to NUTRITION or ANC): every
  // kind of state a thread posts and the main thread adds in range order, over ranges cut inside
  // quoted line ends (read again on the main thread) and DATE_SERV ties.
  const counted: Record<string, { from: string } & Record<string, unknown>> = {
    'nut-latest': { from: 'NUTRITION', join: { PERSON: ['HOSPCODE', 'PID'] }, where: ['DATE_SERV in period', "PERSON.TYPEAREA in ('1', '3')"], latest: { per: 'HOSPCODE, PID', by: 'DATE_SERV' }, count: 'distinct HOSPCODE, PID' },
    'nut-latest-2': { from: 'NUTRITION', where: ['DATE_SERV in period'], latest: { per: 'HOSPCODE, PID', by: 'DATE_SERV', keep: 2, require_all: true }, count: 'distinct HOSPCODE, PID' },
    'nut-earliest': { from: 'NUTRITION', where: ['DATE_SERV in period'], earliest: { per: 'PID', by: 'DATE_SERV' }, count: 'distinct HOSPCODE, PID' },
    'nut-height-sum': { from: 'NUTRITION', where: ['DATE_SERV in period'], sum: 'HEIGHT' },
    'anc-rows': { from: 'ANC', join: { PERSON: ['HOSPCODE', 'PID'] }, where: ['DATE_SERV in period', "PERSON.DISCHARGE = '9'"], count: 'rows' },
  };
  const template = (id: string, b: { from: string }) => ({
    id, title: { th: id, en: id }, reference: 'test', unit: { th: 'ร้อยละ', en: 'percent' }, formula: 'A / B * 100', decimals: 2, better: 'higher', target: '>= 50',
    measures: { B: b, A: { of: 'B', where: [b.from === 'ANC' ? 'num(GA) <= 12' : 'num(WEIGHT) > 10'] } },
  });
  const countedTemplates = (dir: string): string => {
    const folder = path.join(dir, 'templates');
    mkdirSync(folder);
    for (const [id, b] of Object.entries(counted)) writeFileSync(path.join(folder, `${id}.json`), JSON.stringify(template(id, b)));
    return folder;
  };

  it('generated data counted on the threads: latest, keep 2, earliest, sums, joins, one period and twelve months', async () => {
    const dir = tempDir('kpi-threads-');
    writeTables(dir, VARIANTS[1]!, 21, 150);
    const folder = countedTemplates(dir);
    const plans = planTables(await loadTemplates([folder]), { periods: [{ start: '20231001', end: '20240930' } as never], hospitals: null, unplaced: new Map(), noAddress: new Map(), keySets: new Map(), registry: null, places: new PlaceBook() });
    for (const table of ['NUTRITION', 'ANC']) expect(evaluableOnThreads(plans.get(table)!, [{} as never], new Map(), false)).toBe(true);
    const args = ['compute', '--templates', folder, '--data', dir, '--hospitals', 'fixtures/demo/hospitals.csv', '--fy', '2567', '--by', 'unit', '--format', 'json'];
    expectSame(both(args, '13'), 5);
    expectSame(both([...args, '--months'], '31'), 5);
  });

  // The person model counted on the threads: PERSON rows digested there (index keys and stored
  // values, the registry's facts, the periods each person counter counts a row in) and numbered
  // on the main thread range after range; DEATH's person measure finds its persons by facts
  // digested the same way. Persons sharing a CID, PERSON rows cut inside quoted names.
  const personal: Record<string, Record<string, Record<string, unknown>>> = {
    'living-under-15': {
      B: { from: 'PERSON', person: 'living', where: ['age_years(BIRTH, fy.start) < 15'] },
      A: { of: 'B', where: ["SEX = '1'"] },
    },
    'registered-deaths': {
      A: { from: 'DEATH', person: 'registered', join: { PERSON: ['HOSPCODE', 'PID'] }, where: ['DDEATH in period', "PERSON.SEX in ('1', '2')"] },
      B: { from: 'PERSON', person: 'registered', where: ["TYPEAREA in ('1', '3')"] },
    },
    'child-visits': {
      B: { from: 'NUTRITION', join: { PERSON: ['HOSPCODE', 'PID'] }, where: ['DATE_SERV in period', 'age_years(PERSON.BIRTH, DATE_SERV) < 6'], count: 'distinct HOSPCODE, PID' },
      A: { of: 'B', where: ["PERSON.SEX = '2'"] },
    },
  };
  const personalTemplates = (dir: string, defs = personal): string => {
    const folder = path.join(dir, 'templates');
    mkdirSync(folder);
    for (const [id, measures] of Object.entries(defs)) {
      writeFileSync(path.join(folder, `${id}.json`), JSON.stringify({ id, title: { th: id, en: id }, reference: 'test', unit: { th: 'ร้อยละ', en: 'percent' }, formula: 'A / B * 100', decimals: 2, better: 'higher', measures }));
    }
    return folder;
  };

  const personalArgs = (dir: string, folder: string) => ['compute', '--templates', folder, '--data', dir, '--hospitals', 'fixtures/demo/hospitals.csv', '--fy', '2567', '--by', 'unit', '--format', 'json'];

  it('generated data with the person model counted on the threads: PERSON digested, persons numbered in file order', async () => {
    const dir = tempDir('kpi-threads-');
    writeTables(dir, VARIANTS[2]!, 23, 400);
    const folder = personalTemplates(dir);
    const templates = await loadTemplates([folder]);
    const plans = planTables(templates, { periods: [{ start: '20231001', end: '20240930' } as never], hospitals: null, unplaced: new Map(), noAddress: new Map(), keySets: new Map(), registry: registryFor(templates), places: new PlaceBook() });
    for (const table of ['PERSON', 'DEATH', 'NUTRITION']) expect(evaluableOnThreads(plans.get(table)!, [{} as never], new Map(), false)).toBe(true);
    const args = personalArgs(dir, folder);
    expectSame(both(args, '17'), 3);
    expectSame(both([...args, '--months'], '41'), 3);
  });

  // Half the persons with 10-digit PIDs: their keys are text, a thread finds its digests
  // text-heavy and declines that table's later ranges, which the main thread reads in their
  // turn, so one file is counted both ways.
  it('generated data with text keys: ranges digested, then read on the main thread, in file order', () => {
    const dir = tempDir('kpi-threads-');
    writeTables(dir, VARIANTS[0]!, 29, 400, true);
    const args = personalArgs(dir, personalTemplates(dir));
    expectSame(both(args, '19'), 3);
    expectSame(both([...args, '--months'], '4000'), 3);
  });

  // Ranges of ~5,000 PERSON rows: a thread digests the numeric first half, and gives up a
  // range of text keys after its first 4,096 rows; the main thread reads it again whole.
  it('generated data with text keys: a range given up halfway is read again whole, its warnings once', () => {
    const dir = tempDir('kpi-threads-');
    writeTables(dir, VARIANTS[1]!, 31, 12000, true);
    const runs = both(personalArgs(dir, personalTemplates(dir)), '600000');
    expectSame(runs, 3);
    expect(runs.one.stderr).toMatch(/PERSON\.csv:\d+: impossible date in BIRTH/);
  });

  it('a person measure placed by its latest row (person "all") keeps PERSON counted on the main thread', async () => {
    const all = { B: { from: 'PERSON', person: 'all', where: ['age_years(BIRTH, fy.start) < 15'] }, A: { of: 'B', where: ["SEX = '1'"] } };
    const templates = await loadTemplates([personalTemplates(tempDir('kpi-threads-'), { 'all-under-15': all })]);
    const plans = planTables(templates, { periods: [{ start: '20231001', end: '20240930' } as never], hospitals: null, unplaced: new Map(), noAddress: new Map(), keySets: new Map(), registry: registryFor(templates), places: new PlaceBook() });
    expect(evaluableOnThreads(plans.get('PERSON')!, [{} as never], new Map(), false)).toBe(false);
  });

  // fixtures/hdc, FY2567 rows: 10001 at villages 50010101 and 50010102 (district 5001), 10002 at
  // 50020101 (5002), 10003 at 51010101 (5101), 20001 at 40010101 (4001). A distinct count by
  // area code counts each code's keys and roll-up adds the codes: 5001 is 1 + 1 = 2 (10001 in
  // each village), the country 5; one key set per district would give 1 and 4.
  it('a distinct count by area code keeps one key set per code, on one thread and on four', () => {
    const dir = tempDir('kpi-threads-');
    writeFileSync(path.join(dir, 'village-units.json'), JSON.stringify({
      id: 'village-units', title: { th: 't', en: 't' }, reference: 'test', unit: { th: 'หน่วย', en: 'units' }, formula: 'B', decimals: 0, better: 'higher',
      measures: { B: { from: 's_kpi_anc12', where: ['num(b_year) = fy.year'], count: 'distinct hospcode', area: { code: 'areacode' } } },
    }));
    const runs = both(['compute', '--templates', dir, '--data', 'fixtures/hdc', '--fy', '2567', '--by', 'district', '--format', 'json'], '40');
    expectSame(runs, 0);
    const rows = (JSON.parse(runs.one.stdout) as { results: Array<{ level: string; area_code: string; b: number }> }).results;
    expect(Object.fromEntries(rows.filter((r) => r.level === 'district').map((r) => [r.area_code, r.b]))).toEqual({ 5001: 2, 5002: 1, 5101: 1, 4001: 1 });
    expect(rows.find((r) => r.level === 'country')?.b).toBe(5);
  });

  it('generated data as CSV output', () => {
    const dir = tempDir('kpi-threads-');
    writeTables(dir, VARIANTS[1]!, 19, 120);
    expectSame(both([...generated(dir), '--format', 'csv'], '9'), 0);
  });

  it('generated data in two monthly exports, merged by key and D_UPDATE', () => {
    const dir = tempDir('kpi-threads-');
    const v = VARIANTS[0]!;
    writeTables(path.join(dir, 'month-1'), v, 18, 120);
    // The second month: the same persons and visits again for some, with later or equal D_UPDATE.
    const later = tables(18, 120);
    for (const rows of Object.values(later)) for (let i = 1; i < rows.length; i++) if (i % 3 === 0) rows[i]![rows[i]!.length - 1] = i % 2 ? '20241001080000' : rows[i]![rows[i]!.length - 1]!;
    mkdirSync(path.join(dir, 'month-2'));
    for (const [table, rows] of Object.entries(later)) writeFileSync(path.join(dir, 'month-2', `${table}.csv`), encode(rows.filter((_, i) => i === 0 || i % 3 === 0), v));
    expectSame(both(['compute', '--data', path.join(dir, 'month-1'), path.join(dir, 'month-2'), '--hospitals', 'fixtures/demo/hospitals.csv', '--fy', '2567', '--by', 'unit', '--format', 'json'], '11'), 3);
  });

  it('generated data in a zip: its members are read whole, with the same results as the folder', async () => {
    const dir = tempDir('kpi-threads-');
    writeTables(path.join(dir, 'month-1'), VARIANTS[0]!, 18, 120);
    const zip = new yazl.ZipFile();
    for (const table of ['PERSON', 'NUTRITION', 'ANC', 'DEATH']) zip.addBuffer(readFileSync(path.join(dir, 'month-1', `${table}.csv`)), `F43/${table}.csv`);
    zip.end();
    const chunks: Buffer[] = [];
    for await (const c of zip.outputStream) chunks.push(c as Buffer);
    writeFileSync(path.join(dir, 'month-1.zip'), Buffer.concat(chunks));
    const fromZip = both(['compute', '--data', path.join(dir, 'month-1.zip'), '--hospitals', 'fixtures/demo/hospitals.csv', '--fy', '2567', '--by', 'unit', '--format', 'json'], '5');
    expectSame(fromZip, 3);
    // The zip holds what the folder holds: the same results either way.
    const folder = kpi(['compute', '--data', path.join(dir, 'month-1'), '--hospitals', 'fixtures/demo/hospitals.csv', '--fy', '2567', '--by', 'unit', '--format', 'json', '--threads', '4'], { env: { KPI_RANGE_BYTES: '5' } });
    expect((JSON.parse(folder.stdout) as { results: unknown }).results).toEqual((JSON.parse(fromZip.one.stdout) as { results: unknown }).results);
  });

  it('a line of over 1 MB stops the run at the same line with the same message (exit 3)', () => {
    const dir = tempDir('kpi-threads-');
    const lines = readFileSync(path.join(ROOT, 'fixtures/demo/ANC.csv'), 'utf8').split('\n');
    writeFileSync(path.join(dir, 'PERSON.csv'), readFileSync(path.join(ROOT, 'fixtures/demo/PERSON.csv')));
    writeFileSync(path.join(dir, 'LABOR.csv'), readFileSync(path.join(ROOT, 'fixtures/demo/LABOR.csv')));
    writeFileSync(path.join(dir, 'ANC.csv'), `${lines.slice(0, 6).join('\n')}\n${'x'.repeat(2_200_000)}\n${lines.slice(6).join('\n')}`);
    const runs = both(['compute', '--data', dir, '--fy', '2567', '--indicator', 'anc-first-visit-12wk', '--format', 'csv'], '50');
    expect(runs.one.code).toBe(3);
    expect(runs.one.stderr).toContain('ANC.csv:7: line longer than 1 MB without a line end');
    expect(runs.four.code).toBe(3);
    expect(runs.four.stderr).toBe(runs.one.stderr);
  });

  it('--threads 0 is refused (exit 2)', () => {
    const r = kpi(['compute', '--data', 'fixtures/demo', '--threads', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--threads 0: give a number from 1 to 64');
  });
});
