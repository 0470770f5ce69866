import { EXIT } from '../errors.js';
import type { Summary } from './compare.js';

export const FAIL_ON = ['any', 'worsened', 'newly-failing'] as const;
export type FailOn = (typeof FAIL_ON)[number];

/**
 * Exit 1 when rows of the kind asked for exist, else 0. `any`: a row that is not
 * `same` (its result moved beyond the tolerance, its A or B moved, or it is only
 * in one file); `worsened`: a result moved the wrong way; `newly-failing`: pass
 * went from true to false.
 */
export function exitCodeFor(s: Summary, failOn: FailOn): number {
  const hits = failOn === 'worsened' ? s.worsened
    : failOn === 'newly-failing' ? s['newly-failing']
    : s.improved + s.worsened + s.changed + s.added + s.removed;
  return hits > 0 ? EXIT.differences : EXIT.ok;
}
