import type { Value } from '../expr/kinds.js';

/** One row of a table as measures see it: its own columns and the rows its joins found. */
export interface Row {
  readonly values: Value[];
  /** Per join of the table's plan; `undefined` where no row matched (a LEFT JOIN). */
  readonly joined: Array<Value[] | undefined>;
}

export { keyOf } from '../data/key.js';
