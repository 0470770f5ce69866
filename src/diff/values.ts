import { toFixed, type Rational } from '../num/rational.js';
import { exactOf } from './exact.js';

/** A result with the indicator's decimals (`50.00`), empty when there is none. */
export function fixed(v: number | null, decimals: number): string {
  return v === null ? '' : toFixed(exactOf(v), decimals);
}

/** A change with its sign, so `+0.44` reads as a move even out of context. */
export function signed(change: Rational | null, decimals: number): string {
  if (change === null) return '';
  const text = toFixed(change, decimals);
  return change.n > 0n ? `+${text}` : text;
}
