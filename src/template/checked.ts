import type { Expr } from '../expr/ast.js';
import type { Rational } from '../num/rational.js';
import type { Round } from '../period/period.js';
import type { Band } from '../score/scoring.js';
import type { Target } from '../score/target.js';
import type { QueryMeasure, Template } from './schema.js';

/** A measure resolved down to the query it reads and every filter on the way. */
export interface CheckedMeasure {
  /** Upper-cased, as formulas name it. */
  readonly name: string;
  /** The query measure at the root of an `of` chain (itself for a query). */
  readonly rootName: string;
  readonly query: QueryMeasure;
  /** The root's own `where`, parsed. */
  readonly where: readonly Expr[];
  /** `of` filters from the root outwards, applied after the root's `latest`. */
  readonly extra: readonly Expr[];
}

export type CheckedScoring =
  | { readonly kind: 'ladder'; readonly thresholds: readonly Rational[]; readonly interpolate: boolean }
  | { readonly kind: 'bands'; readonly bands: readonly Band[] };

/** A template that passed every check, with its expressions parsed once. */
export interface CheckedTemplate {
  readonly file: string;
  readonly template: Template;
  readonly formula: Expr;
  readonly target: Target;
  readonly rounds: Partial<Record<Round, Target>>;
  readonly scoring?: CheckedScoring;
  readonly measures: ReadonlyMap<string, CheckedMeasure>;
}
