import { monthPeriod } from '../period/period-set.js';
import { quarterPeriod, roundPeriod, windowPeriod, type Period, type Round } from '../period/period.js';

/**
 * The period a result file's label stands for, as `compute` made it: `FY2567 R12`,
 * `FY2567 Q2`, `FY2567 M03` (cumulative month), `2023-12` (a month alone) or
 * `2023-10-01..2024-03-31`. `null` for a label `compute` never writes.
 */
export function periodOfLabel(label: string): Period | null {
  const p = parse(label);
  // Read back, the period must carry the very label: a label of no period `compute` writes is refused.
  return p?.label === label ? p : null;
}

function parse(label: string): Period | null {
  const round = /^FY(\d{4}) R(3|6|9|12)$/.exec(label);
  if (round) return roundPeriod(Number(round[1]), Number(round[2]) as Round);
  const quarter = /^FY(\d{4}) Q([1-4])$/.exec(label);
  if (quarter) return quarterPeriod(Number(quarter[1]), Number(quarter[2]));
  const cumulative = /^FY(\d{4}) M(0[1-9]|1[0-2])$/.exec(label);
  if (cumulative) return monthPeriod(Number(cumulative[1]), Number(cumulative[2]), true);
  const month = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(label);
  if (month) {
    const y = Number(month[1]);
    const m = Number(month[2]);
    // Month 1 of a fiscal year is October of the year before it (CE + 543 + 1).
    return monthPeriod(m >= 10 ? y + 544 : y + 543, ((m + 2) % 12) + 1, false);
  }
  const window = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(label);
  if (window) {
    try {
      return windowPeriod(window[1]!, window[2]!);
    } catch {
      return null;
    }
  }
  return null;
}
