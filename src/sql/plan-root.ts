import { namesIn, type Expr } from '../expr/ast.js';
import type { Kind, Value } from '../expr/kinds.js';
import type { Period } from '../period/period.js';
import type { CheckedMeasure, CheckedRelated } from '../template/checked.js';
import { columnList, fieldKind, isPeriodWord, parseCount, splitName } from '../template/fields.js';
import { tableDef } from '../data/tables.js';
import { periodWordValues } from '../engine/period-words.js';
import { SqlCompileError, type SqlDialect } from './dialect.js';
import { ExprCompiler, type NameResolver } from './expr.js';
import { columnName, tableName } from './names.js';
import { cidPerson, stampOf, type PersonSql } from './persons.js';

/** How the compiled query reads tables: row order when the database has it, inline rows for a template's own file. */
export interface SourceOptions {
  /**
   * The column (SQL, after a table alias and a dot) that gives each row's place in kpi's
   * reading order, or `null` when the tables have none (ties then go the database's way).
   */
  readonly order: string | null;
  /** A measure's own `file` (a baseline), as SQL that yields its rows (`SELECT … UNION ALL …`). */
  readonly inline: ReadonlyMap<string, string>;
  /** `unit_types`: the units of the hospitals file with one of these types; absent when no hospitals file was given. */
  readonly unitsOfType?: (types: readonly string[]) => string[];
}

/** One query measure with the `of` measures on it, as a CTE of its rows after `where` (and `latest`). */
export interface RootSql {
  readonly ctes: string[];
  /** The CTE of the rows to count (kept by `latest` when it has one). */
  readonly rows: string;
  readonly root: CheckedMeasure;
  /** Per measure of the group (upper-cased name), the column that says its `of` conditions hold (1 or 0). */
  readonly flags: ReadonlyMap<string, string>;
  readonly keyColumns: string[];
  readonly hasSum: boolean;
  /** `latest` / `earliest`: the per-key columns, the number kept, whether keys with fewer are dropped. */
  readonly latest: { per: string[]; keep: number } | null;
}

export function rootSql(d: SqlDialect, index: number, root: CheckedMeasure, group: readonly CheckedMeasure[], period: Period, src: SourceOptions, persons: PersonSql | null): RootSql {
  const q = root.query;
  const own = q.from.toUpperCase();
  const words = periodWordValues(period);
  const aliases = new Map<string, string>([[own, 't']]);
  const joined = Object.entries(q.join ?? {}).map(([table, keys], j) => {
    const alias = `j${j}`;
    aliases.set(table.toUpperCase(), alias);
    return { table, keys, alias };
  });
  // Dates and numbers are read once per row, in a column of their own, however often the conditions use them.
  const derived = new Map<string, Map<string, (a: string) => string>>();
  const column = (name: string): { sql: string; kind: Kind; ready?: boolean } => {
    const ref = splitName(q, name);
    const alias = aliases.get(ref.table)!;
    const kind = fieldKind(ref);
    const raw = (a: string) => `NULLIF(${a}.${columnName(d, ref.field)}, '')`;
    if (kind !== 'date' && kind !== 'num') return { sql: `${alias}.${columnName(d, ref.field)}`, kind };
    const own = derived.get(alias) ?? new Map<string, (a: string) => string>();
    derived.set(alias, own);
    const as = `kpi_${kind === 'date' ? 'd' : 'n'}_${ref.field.toLowerCase()}`;
    own.set(as, (a) => (kind === 'date' ? x.readable(raw(a), 'date') : x.strictNumber(raw(a))));
    return { sql: `${alias}.${as}`, kind, ready: true };
  };
  const resolve: NameResolver = (name) => (isPeriodWord(name) ? { constant: words[name] as Value } : column(name));
  const numberColumn = (name: string): string | null => {
    if (isPeriodWord(name)) return null;
    const ref = splitName(q, name);
    const kind = fieldKind(ref);
    if (kind === 'num') return column(name).sql;
    if (kind === 'bool') return null;
    const alias = aliases.get(ref.table)!;
    const own = derived.get(alias) ?? new Map<string, (a: string) => string>();
    derived.set(alias, own);
    const as = `kpi_n_${ref.field.toLowerCase()}`;
    own.set(as, (a) => x.strictNumber(`NULLIF(${a}.${columnName(d, ref.field)}, '')`));
    return `${alias}.${as}`;
  };
  const x = new ExprCompiler(d, resolve, numberColumn);
  const withDerived = (alias: string, from: string): string => {
    const cols = [...(derived.get(alias) ?? new Map<string, (a: string) => string>())].map(([as, f]) => `${f('x')} AS ${as}`);
    // A pseudo-column (DuckDB's rowid, PostgreSQL's ctid) does not pass through `x.*`.
    if (alias === 't' && src.order) cols.unshift(`x.${src.order} AS kpi_ord0`);
    return cols.length === 0 ? from : `(SELECT x.*, ${cols.join(', ')} FROM ${from} x)`;
  };
  const joins: string[] = [];
  const text = (name: string) => x.expr({ kind: 'name', name: name.toUpperCase(), start: 0, end: 0 }).sql;
  const where = [...readableRows(d, x, root, group, own), ...root.where.map((e) => x.condition(e)), ...root.related.map((r) => relatedSql(d, r, text, period, src))];
  if (q.unit_types) where.push(unitTypeSql(d, q.unit_types, src));
  const select: string[] = [`${src.order ? 't.kpi_ord0' : '0'} AS kpi_ord`];
  select.push(...placeColumns(d, q.area, text, q.person !== undefined));
  const count = q.count === undefined ? null : parseCount(q.count);
  const keyColumns = count?.kind === 'distinct' ? count.columns.map((c, i) => { select.push(`${text(c)} AS kpi_k${i}`); return `kpi_k${i}`; }) : [];
  if (q.sum !== undefined) {
    const ref = splitName(q, q.sum);
    // The text as written, summed exactly (not the double a condition compares).
    const v = `NULLIF(${aliases.get(ref.table)}.${columnName(d, ref.field)}, '')`;
    select.push(`(CASE WHEN ${d.matches(v, '^-?[0-9]+([.][0-9]+)?$')} THEN ${d.toDecimal(v)} END) AS kpi_value`);
  }
  if (persons && q.person !== undefined) {
    const hasCid = tableDef(own)?.fields?.has('CID') === true;
    const person = own === 'PERSON' ? cidPerson(d, 't') : `(CASE WHEN ${hasCid ? persons.validCid('t') : 'FALSE'} THEN ${d.concat(["'c'", 't.' + columnName(d, 'CID')])} WHEN kpi_link.person IS NOT NULL THEN kpi_link.person ELSE ${d.concat(["'h'", `COALESCE(NULLIF(t.${columnName(d, 'HOSPCODE')}, ''), '')`, "'|'", `COALESCE(NULLIF(t.${columnName(d, 'PID')}, ''), '')`])} END)`;
    if (own !== 'PERSON') joins.push(`LEFT JOIN kpi_link ON kpi_link.hospcode = t.${columnName(d, 'HOSPCODE')} AND kpi_link.pid = t.${columnName(d, 'PID')}`);
    select.push(`${person} AS kpi_person`);
    select.push(`${tableDef(own)?.fields?.has('D_UPDATE') ? stampOf(d, `t.${columnName(d, 'D_UPDATE')}`) : '-1'} AS kpi_stamp`);
  }
  if (q.area === 'residence') joins.push(...residenceJoins(d, own, src));
  const flags = new Map<string, string>();
  group.forEach((m, i) => {
    const conds = m.extra.map((e) => x.condition(e));
    flags.set(m.name, `kpi_x${i}`);
    select.push(conds.length === 0 ? `1 AS kpi_x${i}` : `(CASE WHEN ${conds.join(' AND ')} THEN 1 ELSE 0 END) AS kpi_x${i}`);
  });
  const keep = q.latest ?? q.earliest;
  const per = keep ? (q.person !== undefined ? ['kpi_person'] : columnList(keep.per).map((c, i) => { select.push(`${text(c)} AS kpi_p${i}`); return `kpi_p${i}`; })) : [];
  if (keep) {
    const by = x.expr({ kind: 'name', name: keep.by.toUpperCase(), start: 0, end: 0 });
    select.push(`${by.sql} AS kpi_by`);
  }
  const name = `kpi_r${index}`;
  joins.unshift(...joined.map(({ table, keys, alias }) => `LEFT JOIN ${withDerived(alias, lastPerKey(d, table, keys, src))} ${alias} ON ${keys.map((k) => `${alias}.${columnName(d, k)} = t.${columnName(d, k)}`).join(' AND ')}`));
  const from = `${withDerived('t', sourceOf(d, own, src))} t`;
  const ctes = [`${name} AS (SELECT ${select.join(', ')} FROM ${from}${joins.map((j) => ` ${j}`).join('')}${where.length ? ` WHERE ${where.join(' AND ')}` : ''})`];
  if (!keep) return { ctes, rows: name, root, flags, keyColumns, hasSum: q.sum !== undefined, latest: null };
  const n = q.earliest ? 1 : q.latest?.keep ?? 1;
  // Latest: greatest `by` first, an empty `by` last, on a tie the row read last; earliest: the least, an empty one never wins, on a tie the row read first.
  const order = q.earliest ? 'CASE WHEN kpi_by IS NULL THEN 1 ELSE 0 END, kpi_by, kpi_ord' : 'CASE WHEN kpi_by IS NULL THEN 1 ELSE 0 END, kpi_by DESC, kpi_ord DESC';
  const ranked = `${name}k`;
  ctes.push(`${ranked} AS (SELECT ${name}.*, ROW_NUMBER() OVER (PARTITION BY ${per.join(', ')} ORDER BY ${order}) AS kpi_rn, COUNT(*) OVER (PARTITION BY ${per.join(', ')}) AS kpi_n FROM ${name})`);
  const need = q.latest?.require_all ? n : 1;
  ctes.push(`${name}l AS (SELECT * FROM ${ranked} WHERE kpi_rn <= ${n} AND kpi_n >= ${need})`);
  return { ctes, rows: `${name}l`, root, flags, keyColumns, hasSum: q.sum !== undefined, latest: { per, keep: n } };
}

/** A table as it is, or a template's own file as inline rows. */
function sourceOf(d: SqlDialect, table: string, src: SourceOptions): string {
  return src.inline.get(table) ?? tableName(d, table);
}

/** A joined table: one row per key, the one read last (a later row with the same key replaces the earlier). */
function lastPerKey(d: SqlDialect, table: string, keys: readonly string[], src: SourceOptions): string {
  const part = keys.map((k) => columnName(d, k)).join(', ');
  const order = src.order ? `x.${src.order} DESC` : keys.map((k) => `x.${columnName(d, k)}`).join(', ');
  return `(SELECT * FROM (SELECT x.*, ROW_NUMBER() OVER (PARTITION BY ${part} ORDER BY ${order}) AS kpi_jn FROM ${sourceOf(d, table.toUpperCase(), src)} x) y WHERE kpi_jn = 1)`;
}

/** `exists` / `not_exists`: a row of the other table with the same key columns meeting its own conditions. */
function relatedSql(d: SqlDialect, r: CheckedRelated, own: (name: string) => string, period: Period, src: SourceOptions): string {
  const words = periodWordValues(period);
  const x = new ExprCompiler(d, (name) => {
    if (isPeriodWord(name)) return { constant: words[name] as Value };
    const field = name.includes('.') ? name.slice(name.indexOf('.') + 1) : name;
    return { sql: `x.${columnName(d, field)}`, kind: fieldKind({ table: r.table, field }) };
  });
  const on = r.on.map((k) => d.textCompare(`NULLIF(x.${columnName(d, k)}, '')`, '=', own(k)));
  const conds = [...on, ...r.where.map((e: Expr) => x.condition(e))];
  return `(${r.negated ? 'NOT ' : ''}EXISTS (SELECT 1 FROM ${sourceOf(d, r.table, src)} x WHERE ${conds.join(' AND ')}))`;
}

/** Where a row counts: its unit (HOSPCODE), an area code, or a region; a person measure is placed later, at home. */
function placeColumns(d: SqlDialect, area: CheckedMeasure['query']['area'], text: (n: string) => string, person: boolean): string[] {
  const nul = (c: string) => `${d.toText('NULL')} AS ${c}`;
  if (person) return [`${text('HOSPCODE')} AS kpi_unit`, nul('kpi_code'), nul('kpi_region')];
  if (area === undefined || area === 'unit') return [`COALESCE(${text('HOSPCODE')}, '') AS kpi_unit`, nul('kpi_code'), nul('kpi_region')];
  if (area === 'residence') {
    const pad = (c: string) => { const v = `TRIM(COALESCE(kpi_home_row.${columnName(d, c)}, ''))`; return `(CASE WHEN LENGTH(${v}) < 2 THEN LPAD(${v}, 2, '0') ELSE ${v} END)`; };
    const code = `(CASE WHEN kpi_home_row.kpi_jn IS NULL THEN '' ELSE ${d.concat(HOME_CODE.map(pad))} END)`;
    return [nul('kpi_unit'), `${code} AS kpi_code`, nul('kpi_region')];
  }
  if ('code' in area) return [nul('kpi_unit'), `COALESCE(${text(area.code)}, '') AS kpi_code`, nul('kpi_region')];
  return [nul('kpi_unit'), nul('kpi_code'), `COALESCE(${text(area.region)}, '') AS kpi_region`];
}

const HOME_CODE = ['CHANGWAT', 'AMPUR', 'TAMBON', 'VILLAGE'];

/** `area: "residence"`: the row's PERSON (by HOSPCODE + PID) and that person's HOME (by HOSPCODE + HID), each the row read last. */
function residenceJoins(d: SqlDialect, own: string, src: SourceOptions): string[] {
  const c = (n: string) => columnName(d, n);
  const person = own === 'PERSON' ? 't' : 'kpi_person_row';
  const out = own === 'PERSON' ? [] : [`LEFT JOIN ${lastPerKey(d, 'PERSON', ['HOSPCODE', 'PID'], src)} kpi_person_row ON kpi_person_row.${c('HOSPCODE')} = t.${c('HOSPCODE')} AND kpi_person_row.${c('PID')} = t.${c('PID')}`];
  out.push(`LEFT JOIN ${lastPerKey(d, 'HOME', ['HOSPCODE', 'HID'], src)} kpi_home_row ON kpi_home_row.${c('HOSPCODE')} = t.${c('HOSPCODE')} AND kpi_home_row.${c('HID')} = ${person}.${c('HID')}`);
  return out;
}

/**
 * The reader skips a row whose date column holds no date (`20240230`, `2024-01-15`, a BE
 * year): the rows whose own date and datetime columns this root reads must be empty or
 * readable, or they are not counted, as with `--data`.
 */
function readableRows(d: SqlDialect, x: ExprCompiler, root: CheckedMeasure, group: readonly CheckedMeasure[], own: string): string[] {
  const q = root.query;
  const names = new Set<string>();
  for (const m of group) for (const e of [...m.where, ...m.extra]) for (const n of namesIn(e)) names.add(n.name);
  for (const k of [q.latest, q.earliest]) if (k) { names.add(k.by.toUpperCase()); columnList(k.per).forEach((c) => names.add(c.toUpperCase())); }
  const out: string[] = [];
  for (const name of names) {
    if (isPeriodWord(name)) continue;
    const ref = splitName(q, name);
    if (ref.table !== own) continue;
    const kind = fieldKind(ref);
    if (kind !== 'date' && kind !== 'datetime') continue;
    const col = `NULLIF(t.${columnName(d, ref.field)}, '')`;
    const valid = kind === 'date' ? x.expr({ kind: 'name', name, start: 0, end: 0 }).sql : x.readable(col, kind);
    out.push(`(${col} IS NULL OR ${valid} IS NOT NULL)`);
  }
  return out;
}

/** `unit_types`: the row's own unit is one of the hospitals file's units of those types, written into the query as literals. */
function unitTypeSql(d: SqlDialect, types: readonly string[], src: SourceOptions): string {
  if (!src.unitsOfType) throw new SqlCompileError(`unit_types (${types.join(', ')}) needs the unit types of a hospitals file: give --hospitals`);
  const units = src.unitsOfType(types);
  return units.length === 0 ? '1 = 0' : `t.${columnName(d, 'HOSPCODE')} IN (${units.map((u) => d.quoteText(u)).join(', ')})`;
}
