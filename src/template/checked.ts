import type { Expr } from '../expr/ast.js';
import type { Rational } from '../num/rational.js';
import type { Round } from '../period/period.js';
import type { Band } from '../score/scoring.js';
import type { Target } from '../score/target.js';
import type { CheckedCases } from './cases.js';
import type { PersonMode, QueryMeasure, Template } from './schema.js';

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
  /** Counted per key only when every kept row of the key meets `extra` (`every` here or on a measure it is `of`). */
  readonly every: boolean;
  /** The root's `exists` / `not_exists` tests, applied with its `where`. */
  readonly related: readonly CheckedRelated[];
  /** The root's `file`, resolved against the template's folder. */
  readonly file: string | null;
  /** The root's `person` mode: the measure counts persons (the person model), or `null`. */
  readonly person: PersonMode | null;
  /** Person measures (upper-cased) its persons must be in, and must not be in, along the `of` chain. */
  readonly within: readonly string[];
  readonly outside: readonly string[];
}

/** A test for a row of another table with the same key: kept rows of `table` must meet `where`. */
export interface CheckedRelated {
  readonly table: string;
  readonly on: readonly string[];
  readonly where: readonly Expr[];
  /** `not_exists`: the row passes when no such row is found. */
  readonly negated: boolean;
}

/** A weighted composite: its result is Σ weight·score of other indicators of the same run. */
export interface CheckedComposite {
  readonly parts: ReadonlyArray<{ readonly indicator: string; readonly weight: Rational }>;
}

export type CheckedScoring =
  | { readonly kind: 'ladder'; readonly thresholds: readonly Rational[]; readonly interpolate: boolean }
  | { readonly kind: 'bands'; readonly bands: readonly Band[] };

/** A template that passed every check, with its expressions parsed once. */
export interface CheckedTemplate {
  readonly file: string;
  readonly template: Template;
  /** `null` for a weighted composite. */
  readonly formula: Expr | null;
  readonly composite?: CheckedComposite;
  /** `null` when the template sets no overall target. */
  readonly target: Target | null;
  /** `null`: judged at that round by the areas' own targets only. */
  readonly rounds: Partial<Record<Round, Target | null>>;
  /** `area_targets`: `level code` (e.g. `region 1`) → that area's own target, replacing the one it would be judged by. */
  readonly areaTargets: ReadonlyMap<string, Target>;
  readonly scoring?: CheckedScoring;
  readonly measures: ReadonlyMap<string, CheckedMeasure>;
  /** `sum_of` measures: upper-cased name → the measures they add up (upper-cased). */
  readonly totals: ReadonlyMap<string, readonly string[]>;
  /** `either_of` measures: upper-cased name → the person measures whose persons they unite. */
  readonly eithers: ReadonlyMap<string, readonly string[]>;
  /** What `kpi cases` shows; absent when the template has no `cases` section. */
  readonly cases?: CheckedCases;
}
