import type { Value } from '../expr/kinds.js';

/** One row of a table as measures see it: its own columns and the rows its joins found. */
export interface Row {
  readonly values: Value[];
  /** Per join of the table's plan; `undefined` where no row matched (a LEFT JOIN). */
  readonly joined: Array<Value[] | undefined>;
}

const SEP = '\u001f';

/** A compact text key from several values (null and empty are the same). */
export function keyOf(values: readonly Value[]): string {
  if (values.length === 1) return String(values[0] ?? '');
  let k = String(values[0] ?? '');
  for (let i = 1; i < values.length; i++) k += SEP + String(values[i] ?? '');
  return k;
}
