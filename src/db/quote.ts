import type { DbColumn } from './connection.js';
import type { Dialect } from './url.js';

/**
 * An identifier quoted for `dialect`: double quotes (doubled inside) on DuckDB and
 * PostgreSQL, backticks (doubled inside) on MySQL. Table and column names come from
 * export headers, so they are always quoted, never pasted.
 */
export function quoteIdent(dialect: Dialect, name: string): string {
  if (name.includes('\0')) throw new Error('an identifier cannot hold a NUL character');
  return dialect === 'mysql' ? `\`${name.replace(/`/g, '``')}\`` : `"${name.replace(/"/g, '""')}"`;
}

/** `"name" TEXT, "kpi_row" BIGINT`: the column list of a CREATE TABLE. */
export function columnDefs(dialect: Dialect, columns: readonly DbColumn[]): string {
  return columns.map((c) => `${quoteIdent(dialect, c.name)} ${c.type === 'bigint' ? 'BIGINT' : 'TEXT'}`).join(', ');
}
