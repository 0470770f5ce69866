import type { SqlDialect } from './dialect.js';

/**
 * Tables and columns are named as DHDC and HDC name them in MySQL: the 43-file names in lower
 * case (`person.hospcode`). PostgreSQL folds unquoted names to lower case too, so a table
 * created without quotes is found.
 */
export function tableName(d: SqlDialect, table: string): string {
  return d.quoteIdent(table.toLowerCase());
}

export function columnName(d: SqlDialect, column: string): string {
  return d.quoteIdent(column.toLowerCase());
}

/** The column `kpi load` writes with each row's place in kpi's reading order, for "on a tie, the row read last". */
export { ROW_ORDER as ROW_ORDER_COLUMN } from '../db/layout.js';
