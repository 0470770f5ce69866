import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ResultDocument } from '../src/results/schema.js';
import { kpi, tempDir } from './helpers/cli.js';

/**
 * The equality suite: the streaming engine and `--db` on the same exports give the same A and
 * B for every unit and the same rendered tables. Each engine is one entry of ENGINES: a name
 * and a URL for a fresh database (PostgreSQL and MariaDB are added here with their servers).
 */
const dir = tempDir('kpi-sql-eq-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Engine {
  readonly name: string;
  /** A URL of an empty database for one fixture. */
  readonly url: (fixture: string) => string;
}

const ENGINES: Engine[] = [
  { name: 'duckdb', url: (f) => `duckdb:${path.join(dir, `${f.replace(/\W/g, '_')}.duckdb`)}` },
];

interface Case {
  readonly fixture: string;
  readonly args: readonly string[];
}

/** Every bundled template on its fixture (fixtures/README of each counts them by hand), and the demo. */
const CASES: Case[] = [
  { fixture: 'fixtures/demo', args: ['--fy', '2567'] },
  { fixture: 'fixtures/library', args: ['--fy', '2567'] },
  { fixture: 'fixtures/library', args: ['--fy', '2567', '--round', '6'] },
  { fixture: 'fixtures/persons', args: ['--fy', '2567'] },
  { fixture: 'fixtures/hdc', args: ['--fy', '2567'] },
  { fixture: 'fixtures/residence', args: ['--fy', '2567', '--templates', 'fixtures/residence/children-drowning-by-residence.json'] },
  { fixture: 'fixtures/periods', args: ['--fy', '2567', '--rounds', 'all'] },
];

function run(args: readonly string[]): string {
  const r = kpi(['compute', ...args]);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

const unitRows = (json: string) => (JSON.parse(json) as ResultDocument).results.map((r) => [r.indicator, r.period ?? null, r.level, r.area_code, r.a, r.b, r.result, r.pass, r.score]);

describe.each(ENGINES)('--db $name gives what the streaming engine gives', (engine) => {
  describe.each(CASES)('$fixture $args', ({ fixture, args }) => {
    const url = engine.url(fixture + args.join(''));
    const hospitals = ['--hospitals', `${fixture}/hospitals.csv`].filter(() => !fixture.endsWith('hdc'));
    const files = ['--data', fixture, ...hospitals, ...args];
    const db = ['--db', url, ...hospitals, ...args];

    it('loads the fixture', () => {
      const r = kpi(['load', '--db', url, '--data', fixture, '--replace']);
      expect(r.code, r.stderr).toBe(0);
    });

    it('A and B of every unit', () => {
      const streamed = unitRows(run([...files, '--by', 'unit', '--format', 'json']));
      expect(streamed.length).toBeGreaterThan(0);
      expect(unitRows(run([...db, '--by', 'unit', '--format', 'json']))).toEqual(streamed);
    });

    it.each([['region', 'csv'], ['province', 'md'], ['district', 'table']])('rolled up by %s, as %s', (by, format) => {
      expect(run([...db, '--by', by, '--format', format])).toBe(run([...files, '--by', by, '--format', format]));
    });
  });
});
