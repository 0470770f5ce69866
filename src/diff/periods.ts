import type { ResultRow } from '../results/schema.js';
import { ResultFileError } from './errors.js';
import type { ResultFile } from './result-file.js';

/** How the periods of two result files are paired: rows meet when their slot is the same. */
export interface PeriodMatch {
  /** The slot a row's period falls in; null when each file holds one period (today's matching). */
  readonly slot: (r: ResultRow) => string | null;
  /** Whether a row takes part (a one-period file against a file of several keeps only that period). */
  readonly keep: (r: ResultRow) => boolean;
  /** The slots in the order they are listed. */
  readonly order: readonly string[];
}

/** The period labels of a file, in the order its rows first name them. */
export function periodsOf(f: ResultFile): string[] {
  return [...new Set(f.rows.map((r) => r.row.period))];
}

/** `FY2567 R6` → `R6`, `FY2567 M03` → `M03`, `2023-12` → `12` (the month): the place of a period in its year. */
function inYear(label: string): string {
  const fy = /^FY\d{4} (.+)$/.exec(label);
  if (fy) return fy[1]!;
  const month = /^\d{4}-(\d{2})$/.exec(label);
  return month ? month[1]! : label;
}

/**
 * One period each: matched as before, whatever the labels (R6 against R12 is the point).
 * One against several: the period of the one is looked up among the several. Several against
 * several: period by period, by label when the files share any, else by the place in the year
 * (last year's R6 against this year's R6).
 */
export function matchPeriods(old: ResultFile, neu: ResultFile): PeriodMatch {
  const before = periodsOf(old);
  const after = periodsOf(neu);
  if (before.length <= 1 && after.length <= 1) return { slot: () => null, keep: () => true, order: [] };
  if (before.length <= 1 || after.length <= 1) {
    const [one, many, manyFile] = before.length <= 1 ? [before[0], after, neu] : [after[0], before, old];
    if (one !== undefined && !many.includes(one)) {
      throw new ResultFileError(`holds periods ${many.join(', ')}; the other file holds only ${one}: there is no period to compare it with`, manyFile.file);
    }
    return { slot: () => null, keep: (r) => one === undefined || r.period === one, order: [] };
  }
  const shared = before.some((p) => after.includes(p));
  const slot = shared ? (r: ResultRow) => r.period : (r: ResultRow) => inYear(r.period);
  const order = [...new Set([...after, ...before].map((p) => (shared ? p : inYear(p))))];
  return { slot, keep: () => true, order };
}
