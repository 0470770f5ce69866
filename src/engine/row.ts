import type { Value } from '../expr/kinds.js';

/** One row of a table as measures see it: its own columns and the rows its joins found. */
export interface Row {
  readonly values: Value[];
  /** Per join of the table's plan, the row index in the joined table's index; -1 where no row matched (a LEFT JOIN). */
  readonly joined: number[];
}

export { key1, key2, keyN, keyOf, slotKey, type Key } from '../data/key.js';
