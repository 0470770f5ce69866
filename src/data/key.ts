import type { Value } from '../expr/kinds.js';

const SEP = '\u001f';

/** A compact text key from several values (null and empty are the same). */
export function keyOf(values: readonly Value[]): string {
  if (values.length === 1) return String(values[0] ?? '');
  let k = String(values[0] ?? '');
  for (let i = 1; i < values.length; i++) k += SEP + String(values[i] ?? '');
  return k;
}
