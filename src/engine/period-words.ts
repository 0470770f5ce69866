import type { Value } from '../expr/kinds.js';
import { fyBounds, type Period } from '../period/period.js';

/**
 * What `period.start`, `period.end`, `fy.start`, `fy.end` (dates) and `fy.year`
 * (the Buddhist Era fiscal year, as HDC's `b_year`) stand for in one run; upper-cased, as names arrive.
 */
export function periodWordValues(period: Period): Readonly<Record<string, Value>> {
  const fy = fyBounds(period.fyBE);
  return { 'PERIOD.START': period.start, 'PERIOD.END': period.end, 'FY.START': fy.start, 'FY.END': fy.end, 'FY.YEAR': period.fyBE };
}
