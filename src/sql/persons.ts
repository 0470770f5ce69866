import type { SqlDialect } from './dialect.js';
import { columnName, tableName } from './names.js';
import type { SourceOptions } from './plan-root.js';

/** The person model's shared CTEs, and how a row names its person (never printed: persons leave the query only as counts). */
export interface PersonSql {
  readonly ctes: string[];
  /** Whether the CID column of the row aliased `alias` is valid. */
  validCid(alias: string): string;
}

/**
 * A CID is valid when it is 13 digits (a leading 0 is a digit like any other) whose last digit is
 * (11 − Σ dᵢ × (13 − i) mod 11) mod 10 over the first twelve (src/person/cid.ts).
 */
export function validCid(d: SqlDialect, cid: string): string {
  const digit = (i: number) => d.toBigint(`SUBSTRING(${cid}, ${i + 1}, 1)`);
  const sum = Array.from({ length: 12 }, (_, i) => `${digit(i)} * ${13 - i}`).join(' + ');
  return `(CASE WHEN ${d.matches(cid, '^[0-9]{13}$')} THEN (CASE WHEN ${d.mod(`11 - ${d.mod(`(${sum})`, 11)}`, 10)} = ${digit(12)} THEN TRUE ELSE FALSE END) ELSE FALSE END)`;
}

/** The person of a PERSON row: its valid CID, else its HOSPCODE + PID alone. */
export function cidPerson(d: SqlDialect, alias: string): string {
  const c = (n: string) => `${alias}.${columnName(d, n)}`;
  return `(CASE WHEN ${validCid(d, c('CID'))} THEN ${d.concat(["'c'", c('CID')])} ELSE ${d.concat(["'h'", `COALESCE(NULLIF(${c('HOSPCODE')}, ''), '')`, "'|'", `COALESCE(NULLIF(${c('PID')}, ''), '')`])} END)`;
}

/** D_UPDATE as the registry orders it: digits as a number (a bare date as its midnight), anything else below every stamp. */
export function stampOf(d: SqlDialect, column: string): string {
  const v = `NULLIF(${column}, '')`;
  const n = d.toBigint(v);
  return `(CASE WHEN ${d.matches(v, '^[0-9]{1,14}$')} THEN (CASE WHEN ${n} < 100000000 THEN ${n} * 1000000 ELSE ${n} END) ELSE -1 END)`;
}

/**
 * `kpi_pr`: every PERSON row with its person; `kpi_link`: HOSPCODE + PID → person (the row
 * read last); `kpi_home`: each person's home row (TYPEAREA 1 or 3, DISCHARGE 9 or 1, latest
 * D_UPDATE, on a tie the row read last).
 */
export function personSql(d: SqlDialect, src: SourceOptions): PersonSql {
  const c = (n: string) => `p.${columnName(d, n)}`;
  const ord = src.order ? `p.${src.order}` : '0';
  const ctes = [
    `kpi_pr AS (SELECT NULLIF(${c('HOSPCODE')}, '') AS hospcode, NULLIF(${c('PID')}, '') AS pid, ${cidPerson(d, 'p')} AS person, NULLIF(${c('TYPEAREA')}, '') AS typearea, NULLIF(${c('DISCHARGE')}, '') AS discharge, ${stampOf(d, c('D_UPDATE'))} AS stamp, ${ord} AS ord FROM ${src.inline.get('PERSON') ?? tableName(d, 'PERSON')} p)`,
    `kpi_link AS (SELECT hospcode, pid, person FROM (SELECT hospcode, pid, person, ROW_NUMBER() OVER (PARTITION BY hospcode, pid ORDER BY ord DESC) AS rn FROM kpi_pr) l WHERE rn = 1)`,
    `kpi_home AS (SELECT person, hospcode AS home, discharge FROM (SELECT person, hospcode, discharge, ROW_NUMBER() OVER (PARTITION BY person ORDER BY stamp DESC, ord DESC) AS rn FROM kpi_pr WHERE typearea IN ('1', '3') AND discharge IN ('9', '1')) h WHERE rn = 1)`,
  ];
  return { ctes, validCid: (alias) => validCid(d, `${alias}.${columnName(d, 'CID')}`) };
}
