/** The name a 43-file table gets in a database: lower case, as DHDC names them (README.md here). */
export function dbTableName(table: string): string {
  return table.toLowerCase();
}

/**
 * The column `kpi load` adds to every table: each row's place in the order kpi's reader hands
 * rows over (1, 2, …), a whole number. `latest` and the person model give a tie to the row
 * read last, and SQL has no order of its own; a table without it (DHDC's) leaves ties to the engine.
 */
export const ROW_ORDER = 'kpi_row';
