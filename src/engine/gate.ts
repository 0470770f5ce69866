import type { RowGate } from '../data/read.js';
import type { Period } from '../period/period.js';
import { widen, type DateRange, type PeriodField } from './coverage.js';
import type { TablePlan } from './plan.js';

/*
 * Most rows of a year's service table fall outside the run's periods (on the bench, 72 % of
 * NUTRITION's). When every measure of a table asks `X in period` of the same date field of it,
 * and nothing built on the table needs every row (no join index, no person registry), a row
 * whose X lies outside all the periods counts nowhere: the reader then checks it without
 * making its values (`RowGate`), and only the first and last date the report gives of X see it.
 */

/**
 * The gate for `plan`'s rows, or `null` when some row outside the periods could still count.
 * `ranges`: the first and last dates the table's row observer (`rangeTracker`) keeps, which a
 * row turned away widens as a row read would.
 */
export function rowGate(plan: TablePlan, periods: readonly Period[], wanted: readonly PeriodField[], ranges: readonly DateRange[]): RowGate | null {
  if (plan.indexes.length > 0 || plan.persons !== null || plan.roots.length === 0 || periods.length === 0) return null;
  const slot = plan.roots[0]!.periodField;
  const request = plan.columns.requests[slot];
  // A date field as it is read: a valid `YYYYMMDD` or null, compared as `in period` compares it.
  if (!request || request.type !== 'D' || plan.roots.some((r) => r.periodField !== slot)) return null;
  // A turned-away row's other fields are not made, so no other field of the table may be tracked.
  if (wanted.some((f) => f.table === plan.table && f.field !== request.name)) return null;
  const lo = Math.min(...periods.map((p) => Number(p.start)));
  const hi = Math.max(...periods.map((p) => Number(p.end)));
  const range = ranges.find((r) => r.table === plan.table && r.field === request.name);
  return { column: slot, keeps: (date) => date >= lo && date <= hi, away: range ? widener(range) : () => undefined };
}

/**
 * Widens `range` by a turned-away row's date. A date within it changes nothing, so no string
 * is made for it; its bounds are read as numbers again only when they change (widened by
 * any row, or emptied with a range's counts on a thread).
 */
function widener(range: DateRange): RowGate['away'] {
  let first: string | null = null;
  let last: string | null = null;
  let lo = Infinity;
  let hi = -Infinity;
  return (date) => {
    if (date === 0) return;
    if (range.first !== first || range.last !== last) {
      first = range.first;
      last = range.last;
      lo = first === null ? Infinity : Number(first);
      hi = last === null ? -Infinity : Number(last);
    }
    if (date < lo || date > hi) widen(range, String(date));
  };
}
