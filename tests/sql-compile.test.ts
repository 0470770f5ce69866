import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MySQL, PostgreSQL, SparkSQL } from 'dt-sql-parser';
import type { ResultDocument } from '../src/results/schema.js';
import { DIALECTS } from '../src/sql/dialects/index.js';
import { SqlCompileError, type SqlDialect } from '../src/sql/dialect.js';
import { templateSql } from '../src/sql/query.js';
import { loadTemplates } from '../src/template/load.js';
import { resolvePeriod } from '../src/period/period.js';
import { kpi, ROOT, tempDir } from './helpers/cli.js';
import { HOSTILE, hostileData, hostileTemplates } from './helpers/hostile-sql.js';

const dir = tempDir('kpi-sql-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The queries of `kpi sql` output, without their comment lines. */
function queries(stdout: string): string[] {
  return stdout.split(/;\n/).map((s) => s.replace(/^--.*\n?/gm, '').trim()).filter((s) => s.length > 0);
}

describe('kpi sql compiles every bundled template', () => {
  const outputs = Object.fromEntries((['duckdb', 'postgres', 'mysql', 'spark'] as const).map((d) => [d, kpi(['sql', '--dialect', d, '--fy', '2567', '--round', '6', '--hospitals', 'fixtures/added/hospitals.csv'])]));

  it.each(Object.keys(outputs))('for %s: one query per template (35), a comment for the weighted composite and the three entered by hand', (d) => {
    const r = outputs[d]!;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.match(/^-- /gm)).toHaveLength(39);
    expect(queries(r.stdout)).toHaveLength(35);
    expect(r.stdout).toContain('-- consumer-protection-weighted: a weighted composite');
  });

  it('Spark SQL parses with the Spark grammar of dt-sql-parser (persons, earliest, join, a baseline file, sums, sum_of, region and code areas)', () => {
    // The grammar takes minutes on the largest queries on a shared machine: these six cover the plan's parts (README, "SQL").
    const ids = ['ht-new-cases', 'road-traffic-deaths-reduction', 'road-traffic-deaths', 'consumer-protection-clinics-beauty', 'anc-first-visit-12wk-hdc', 'maternal-deaths-per-100k-births'];
    const r = kpi(['sql', ...ids.map((id) => path.join(ROOT, 'templates', `${id}.json`)), '--dialect', 'spark', '--fy', '2567']);
    expect(r.code, r.stderr).toBe(0);
    const spark = new SparkSQL();
    const qs = queries(r.stdout);
    expect(qs).toHaveLength(ids.length);
    expect(qs.map((q) => spark.validate(q))).toEqual(ids.map(() => []));
  }, 600_000);

  it('asks for a dialect, and names the choices', () => {
    const r = kpi(['sql', '--fy', '2567']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('duckdb, postgres, mysql, spark');
  });
});

describe('a template value never leaves its literal', () => {
  const templates = hostileTemplates(dir);

  // PostgreSQL and MariaDB run these queries for real in tests/sql-equality.test.ts (their
  // dt-sql-parser grammars reject valid `x COLLATE "C"` and `CAST(x AS BINARY)`); Spark has no server here.
  it.each([['spark', new SparkSQL()]] as const)('%s: every query is one statement that parses', (d, parser) => {
    const r = kpi(['sql', templates, '--dialect', d, '--fy', '2567']);
    expect(r.code, r.stderr).toBe(0);
    const qs = queries(r.stdout);
    expect(qs).toHaveLength(HOSTILE.length);
    for (const q of qs) {
      expect(parser.validate(q)).toEqual([]);
      expect(parser.splitSQLByStatement(q)).toHaveLength(1);
    }
  }, 120_000);

  it.each(['postgres', 'mysql', 'spark'] as const)('%s: a literal alone parses as one string', (d) => {
    const parser = d === 'postgres' ? new PostgreSQL() : d === 'mysql' ? new MySQL() : new SparkSQL();
    for (const v of HOSTILE) expect(parser.validate(`SELECT ${DIALECTS[d].quoteText(v)} AS x`)).toEqual([]);
  });

  it('duckdb: each value matches its one row, exactly (by hand: B = 1 for each of the six)', () => {
    const url = `duckdb:${path.join(dir, 'hostile.duckdb')}`;
    const load = kpi(['load', '--db', url, '--data', hostileData(dir)]);
    expect(load.code, load.stderr).toBe(0);
    const r = kpi(['compute', '--db', url, '--templates', templates, '--fy', '2567', '--by', 'unit', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const units = (JSON.parse(r.stdout) as ResultDocument).results.filter((x) => x.level === 'unit');
    expect(units.map((x) => [x.indicator, x.b])).toEqual(HOSTILE.map((_, i) => [`hostile-${i}`, 1]));
  });
});

describe('compute --db on a database without the tables', () => {
  it('is exit 3, nothing computed, never an empty success', () => {
    const url = `duckdb:${path.join(dir, 'empty.duckdb')}`;
    const r = kpi(['compute', '--db', url, '--fy', '2567']);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^kpi: nothing computed: the database has none of the tables the templates need \(.*PERSON/m);
  });
});

describe('a feature a dialect cannot express is an error naming both', () => {
  it('refuses, rather than write other SQL', async () => {
    const [t] = await loadTemplates([path.join(ROOT, 'templates', 'ht-control.json')]);
    const limited: SqlDialect = { ...DIALECTS.mysql, cannot: new Set(['window functions']) };
    const period = resolvePeriod({ fy: 2567, today: '20240101' });
    expect(() => templateSql(t!, period, limited, { order: null, inline: new Map() })).toThrow(SqlCompileError);
    expect(() => templateSql(t!, period, limited, { order: null, inline: new Map() })).toThrow(/window functions cannot be written for mysql/);
  });
});
