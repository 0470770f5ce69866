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
