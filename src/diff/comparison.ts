import type { Rational } from '../num/rational.js';
import type { DiffRow, Summary } from './compare.js';
import type { Indicators } from './indicators.js';

/** Everything a renderer shows: the rows to list, and the summary of all compared rows. */
export interface Comparison {
  readonly old: { readonly file: string; readonly period: string };
  readonly new: { readonly file: string; readonly period: string };
  readonly tolerance: Rational;
  readonly indicators: Indicators;
  /** The rows to list: without `--all`, those whose status is not `same`. */
  readonly rows: readonly DiffRow[];
  /** Counted over every compared row, listed or not. */
  readonly summary: Summary;
}
