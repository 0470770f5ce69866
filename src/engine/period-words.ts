import { fyBounds, type Period } from '../period/period.js';

/** The dates `period.start`, `period.end`, `fy.start`, `fy.end` stand for in one run (upper-cased, as names arrive). */
export function periodWordValues(period: Period): Readonly<Record<string, string>> {
  const fy = fyBounds(period.fyBE);
  return { 'PERIOD.START': period.start, 'PERIOD.END': period.end, 'FY.START': fy.start, 'FY.END': fy.end };
}
