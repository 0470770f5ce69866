import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ResultDocument } from '../src/results/schema.js';
import { kpi, tempDir } from './helpers/cli.js';
import { createDatabase, startMariaDb, startPostgres } from './helpers/servers.js';
import { hostileData, hostileTemplates } from './helpers/hostile-sql.js';

/**
 * The equality suite: the streaming engine and `--db` on the same exports give the same A and
 * B for every unit and the same rendered tables. Each engine is one entry of ENGINES: a name
 * and a URL for a fresh database (PostgreSQL and MariaDB are added here with their servers).
 */
const dir = tempDir('kpi-sql-eq-');
// Real servers, started before the cases are laid out (each case gets its own database);
// one that cannot start fails this file with its reason.
const postgres = await startPostgres();
const mariadb = await startMariaDb().catch(async (e: unknown) => { await postgres.stop(); throw e; });
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await postgres.stop();
  await mariadb.stop();
}, 60_000);

interface Engine {
  readonly name: string;
  /** A URL of an empty database for one case. */
  readonly url: (c: Case) => string;
}

const ADDED = ['lbw-newborn-deaths-28d', 'vaccine-preventable-under-5', 'stemi-reperfusion', 'copd-admissions-per-100k', 'tbi-fatality', 'oral-health-access',
  'drowning-deaths-under-15-count', 'drowning-change-under-15', 'primary-care-opd-share', 'ht-dm-visits-primary-care'].map((id) => `templates/${id}.json`);

const caseKey = (c: Case) => `c${CASES.indexOf(c)}`;
const serverUrls = async (make: (name: string) => Promise<string>) => new Map(await Promise.all(CASES.map(async (c) => [caseKey(c), await make(caseKey(c))] as const)));

interface Case {
  readonly fixture: string;
  readonly args: readonly string[];
}

/** Every bundled template on its fixture (fixtures/README of each counts them by hand), and the demo. */
const CASES: Case[] = [
  { fixture: 'fixtures/demo', args: ['--fy', '2567'] },
  { fixture: 'fixtures/library', args: ['--fy', '2567'] },
  { fixture: 'fixtures/library', args: ['--fy', '2567', '--round', '6'] },
  // ihd-deaths and the two road-traffic templates are left out: fixtures/persons has no NATION column,
  // which the streaming engine reports as "not computed" and a database (every column of the standard) reads as empty.
  { fixture: 'fixtures/persons', args: ['--fy', '2567', '--templates', ...['ht-control', 'dm-control', 'dm-new-cases', 'ht-new-cases', 'drowning-deaths-under-15', 'drowning-deaths-under-15-count', 'drowning-change-under-15'].map((id) => `templates/${id}.json`)] },
  { fixture: 'fixtures/hdc', args: ['--fy', '2567'] },
  { fixture: 'fixtures/residence', args: ['--fy', '2567', '--templates', 'fixtures/residence/children-drowning-by-residence.json'] },
  { fixture: 'fixtures/periods', args: ['--fy', '2567', '--rounds', 'all'] },
  { fixture: 'fixtures/book', args: ['--fy', '2567'] },
  // The templates added in issue 13 that count 43-file rows (caries-age-3 is left out: fixtures/added
  // lacks its columns, which the streaming engine reports as "not computed" and a database, whose
  // tables have every column of the standard, counts as empty).
  { fixture: 'fixtures/added', args: ['--fy', '2567', '--templates', ...ADDED] },
  // Template values that would break out of a badly quoted literal: B = 1 for each (tests/sql-compile.test.ts).
  { fixture: hostileData(dir), args: ['--fy', '2567', '--templates', hostileTemplates(dir)] },
];

const pgUrls = await serverUrls((n) => createDatabase(postgres, n));
const myUrls = await serverUrls((n) => createDatabase(mariadb, n));
const ENGINES: Engine[] = [
  { name: 'duckdb', url: (c) => `duckdb:${path.join(dir, `${caseKey(c)}.duckdb`)}` },
  { name: 'postgres', url: (c) => pgUrls.get(caseKey(c))! },
  { name: 'mysql', url: (c) => myUrls.get(caseKey(c))! },
];

/** The streaming engine's output, computed once for all engines. */
const streamedOutputs = new Map<string, string>();
function stream(args: readonly string[]): string {
  const key = args.join('\0');
  if (!streamedOutputs.has(key)) streamedOutputs.set(key, run(args));
  return streamedOutputs.get(key)!;
}

function run(args: readonly string[]): string {
  const r = kpi(['compute', ...args]);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

const unitRows = (json: string) => (JSON.parse(json) as ResultDocument).results.map((r) => [r.indicator, r.period ?? null, r.level, r.area_code, r.a, r.b, r.result, r.pass, r.score]);

describe.each(ENGINES)('--db $name gives what the streaming engine gives', (engine) => {
  describe.each(CASES)('$fixture $args', (c) => {
    const { fixture, args } = c;
    const url = engine.url(c);
    const hospitals = ['--hospitals', `${fixture}/hospitals.csv`].filter(() => !fixture.endsWith('hdc'));
    const files = ['--data', fixture, ...hospitals, ...args];
    const db = ['--db', url, ...hospitals, ...args];

    it('loads the fixture', () => {
      const r = kpi(['load', '--db', url, '--data', fixture, '--replace']);
      expect(r.code, r.stderr).toBe(0);
    });

    it('A and B of every unit', () => {
      const streamed = unitRows(stream([...files, '--by', 'unit', '--format', 'json']));
      expect(streamed.length).toBeGreaterThan(0);
      expect(unitRows(run([...db, '--by', 'unit', '--format', 'json']))).toEqual(streamed);
    });

    it.each([['region', 'csv'], ['province', 'md'], ['district', 'table']])('rolled up by %s, as %s', (by, format) => {
      expect(run([...db, '--by', by, '--format', format])).toBe(stream([...files, '--by', by, '--format', format]));
    });
  });
});
