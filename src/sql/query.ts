import type { Period } from '../period/period.js';
import type { CheckedMeasure, CheckedTemplate } from '../template/checked.js';
import { SqlCompileError, type SqlDialect, type SqlFeature } from './dialect.js';
import { personSql } from './persons.js';
import { rootSql, type RootSql, type SourceOptions } from './plan-root.js';

/** The value column of measure A is `a`, of B `b`; any other measure `m_name` (lower case). */
export function measureColumn(name: string): string {
  const n = name.toUpperCase();
  return n === 'A' || n === 'B' ? n.toLowerCase() : `m_${n.toLowerCase()}`;
}

/** Rows placed by unit per root, for the "unit not in the hospitals file" warning. */
export const ROWS_COLUMN = 'kpi_rows';

/**
 * One query for one template: a row per place (`hospcode`, or `area_code` / `region` for
 * measures placed so) with each measure's total as exact decimal text; `indicator`, `a`, `b`
 * first. Persons are placed at their home unit inside the query, so nothing about a person
 * leaves the database but counts.
 */
export function templateSql(t: CheckedTemplate, period: Period, d: SqlDialect, src: SourceOptions): string {
  for (const f of featuresOf(t)) if (d.cannot.has(f)) throw new SqlCompileError(`${t.template.id}: ${f} cannot be written for ${d.name}, and this template needs them (${FEATURE_USE[f]})`);
  const byRoot = new Map<string, CheckedMeasure[]>();
  for (const m of t.measures.values()) byRoot.set(m.rootName, [...(byRoot.get(m.rootName) ?? []), m]);
  const usesPersons = [...t.measures.values()].some((m) => m.person !== null);
  const persons = usesPersons ? personSql(d, src) : null;
  const roots = [...byRoot].map(([name, group], i) => rootSql(d, i, t.measures.get(name)!, group, period, src, persons));
  const ctes = [...(persons?.ctes ?? []), ...roots.flatMap((r) => r.ctes)];
  const parts: string[] = [];
  const dec = (s: string) => d.toDecimal(s);
  for (const r of roots) {
    for (const [name, flag] of r.flags) {
      if (r.root.person !== null) continue;
      parts.push(rowMeasure(name, flag, r, t.measures.get(name)!.every, dec));
    }
    if (r.root.person === null && (r.root.query.area ?? 'unit') === 'unit') {
      parts.push(`SELECT '#ROWS' AS measure, kpi_unit, kpi_code, kpi_region, ${dec('COUNT(*)')} AS value FROM ${r.rows} GROUP BY kpi_unit, kpi_code, kpi_region`);
    }
  }
  if (persons) {
    ctes.push(...personMeasures(t, roots));
    for (const name of personNames(t)) parts.push(`SELECT '${name}' AS measure, home AS kpi_unit, ${d.toText('NULL')} AS kpi_code, ${d.toText('NULL')} AS kpi_region, ${dec('COUNT(*)')} AS value FROM kpi_placed_${name.toLowerCase()} GROUP BY home`);
  }
  ctes.push(`kpi_m AS (${parts.join(' UNION ALL ')})`);
  const value = (name: string): string => {
    const sum = t.totals.get(name);
    if (!sum) return `MAX(CASE WHEN measure = '${name}' THEN value END)`;
    const vs = sum.map(value);
    return `(CASE WHEN ${vs.map((v) => `${v} IS NULL`).join(' AND ')} THEN NULL ELSE ${vs.map((v) => `COALESCE(${v}, 0)`).join(' + ')} END)`;
  };
  const names = [...t.measures.keys(), ...t.totals.keys(), ...t.eithers.keys()];
  const column = (n: string) => `${names.includes(n) ? d.toText(value(n)) : d.toText('NULL')} AS ${measureColumn(n)}`;
  const cols = [`${d.quoteText(t.template.id)} AS indicator`, 'kpi_unit AS hospcode', 'kpi_code AS area_code', 'kpi_region AS region', column('A'), column('B')];
  cols.push(...names.filter((n) => n !== 'A' && n !== 'B').map(column));
  cols.push(`${d.toText(`MAX(CASE WHEN measure = '#ROWS' THEN value END)`)} AS ${ROWS_COLUMN}`);
  return `WITH ${ctes.join(',\n')}\nSELECT ${cols.join(', ')} FROM kpi_m GROUP BY kpi_unit, kpi_code, kpi_region`;
}

const FEATURE_USE: Record<SqlFeature, string> = {
  'common table expressions': 'every compiled query is one WITH',
  'window functions': 'join, latest, earliest and the person model keep one row per key with ROW_NUMBER()',
  'exact decimal sums': 'sum adds decimals exactly',
};

/** What the query of `t` will need of the dialect. */
function featuresOf(t: CheckedTemplate): SqlFeature[] {
  const ms = [...t.measures.values()];
  const windows = ms.some((m) => m.person !== null || m.query.join !== undefined || m.query.latest !== undefined || m.query.earliest !== undefined || m.query.area === 'residence');
  return ['common table expressions', ...(windows ? ['window functions' as const] : []), ...(ms.some((m) => m.query.sum !== undefined) ? ['exact decimal sums' as const] : [])];
}

/** A measure that counts rows, distinct keys or sums, per place; `every`: a key counts once, at its latest row, when all its kept rows pass. */
function rowMeasure(name: string, flag: string, r: RootSql, every: boolean, dec: (s: string) => string): string {
  const place = 'kpi_unit, kpi_code, kpi_region';
  let rows = `(SELECT * FROM ${r.rows} WHERE ${flag} = 1)`;
  if (every && r.latest) {
    rows = `(SELECT * FROM ${r.rows} z WHERE kpi_rn = 1 AND NOT EXISTS (SELECT 1 FROM ${r.rows} w WHERE ${r.latest.per.map((p) => `w.${p} = z.${p}`).join(' AND ')} AND w.${flag} = 0))`;
  }
  const value = r.hasSum ? (every ? '0' : `COALESCE(SUM(kpi_value), 0)`) : 'COUNT(*)';
  const source = r.keyColumns.length > 0 && !r.hasSum ? `(SELECT DISTINCT ${place}, ${r.keyColumns.join(', ')} FROM ${rows} s) s` : `${rows} s`;
  return `SELECT '${name}' AS measure, ${place}, ${dec(value)} AS value FROM ${source} GROUP BY ${place}`;
}

function personNames(t: CheckedTemplate): string[] {
  return [...[...t.measures.values()].filter((m) => m.person !== null).map((m) => m.name), ...t.eithers.keys()];
}

/**
 * Each person measure's persons: those with a kept row meeting its conditions, of the right
 * kind (living, registered, all), within and outside other measures; `either_of` the union of
 * its parts. Then each person's place: the home unit, else (`all`) the unit of their latest
 * row by D_UPDATE among their PERSON rows and the rows counted for them.
 */
function personMeasures(t: CheckedTemplate, roots: readonly RootSql[]): string[] {
  const out: string[] = [];
  const done = new Set<string>();
  const rootOf = (name: string) => roots.find((r) => r.flags.has(name))!;
  const define = (name: string): void => {
    if (done.has(name)) return;
    done.add(name);
    const low = name.toLowerCase();
    const parts = t.eithers.get(name);
    if (parts) {
      parts.forEach(define);
      out.push(`kpi_final_${low} AS (${parts.map((p) => `SELECT person FROM kpi_final_${p.toLowerCase()}`).join(' UNION ')})`);
      return;
    }
    const m = t.measures.get(name)!;
    [...m.within, ...m.outside].forEach(define);
    const r = rootOf(name);
    const flag = r.flags.get(name)!;
    const collected = m.every && r.latest
      ? `SELECT person FROM (SELECT kpi_person AS person, MIN(${flag}) AS ok FROM ${r.rows} GROUP BY kpi_person) e WHERE ok = 1`
      : `SELECT DISTINCT kpi_person AS person FROM ${r.rows} WHERE ${flag} = 1`;
    const conds = [
      m.person === 'living' ? `EXISTS (SELECT 1 FROM kpi_home h WHERE h.person = c.person AND h.discharge = '9')` : m.person === 'registered' ? 'EXISTS (SELECT 1 FROM kpi_home h WHERE h.person = c.person)' : 'TRUE',
      ...m.within.map((w) => `EXISTS (SELECT 1 FROM kpi_final_${w.toLowerCase()} w WHERE w.person = c.person)`),
      ...m.outside.map((o) => `NOT EXISTS (SELECT 1 FROM kpi_final_${o.toLowerCase()} o WHERE o.person = c.person)`),
    ];
    out.push(`kpi_final_${low} AS (SELECT c.person FROM (${collected}) c WHERE ${conds.join(' AND ')})`);
  };
  const names = personNames(t);
  names.forEach(define);
  const tracked = roots.filter((r) => r.root.person === 'all');
  if (tracked.length > 0) {
    // Candidates for a person registered nowhere: PERSON rows (rank 0) and counted rows (rank 1, which win a tie).
    const counted = tracked.flatMap((r) => [...r.flags.entries()].filter(([n]) => !t.measures.get(n)!.every).map(([, f]) => `SELECT kpi_person AS person, kpi_unit AS unit, kpi_stamp AS stamp, 1 AS rnk, kpi_ord AS ord FROM ${r.rows} WHERE ${f} = 1`));
    out.push(`kpi_last AS (SELECT person, unit FROM (SELECT person, unit, ROW_NUMBER() OVER (PARTITION BY person ORDER BY stamp DESC, rnk DESC, ord DESC) AS rn FROM (SELECT person, hospcode AS unit, stamp, 0 AS rnk, ord FROM kpi_pr UNION ALL ${counted.join(' UNION ALL ')}) a) b WHERE rn = 1)`);
  }
  for (const name of names) {
    const low = name.toLowerCase();
    const home = tracked.length > 0 ? 'COALESCE(h.home, l.unit)' : 'h.home';
    out.push(`kpi_placed_${low} AS (SELECT ${home} AS home FROM kpi_final_${low} f LEFT JOIN kpi_home h ON h.person = f.person${tracked.length > 0 ? ' LEFT JOIN kpi_last l ON l.person = f.person' : ''})`);
  }
  return out;
}
