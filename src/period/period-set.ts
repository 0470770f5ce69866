import { addMonthsEnd } from '../expr/dates.js';
import { fiscalYearBE, fiscalYearOf, PeriodError, roundPeriod, type Period, type Round } from './period.js';

/**
 * Several periods computed in one run (`--rounds`, `--months`, `--compare-fy`), in the order
 * they are shown: the year's periods first, then the same periods of the compared year.
 */
export interface PeriodSet {
  readonly periods: readonly Period[];
  /** The fiscal year compared with, when `--compare-fy` was given. */
  readonly compareFyBE?: number;
}

const ROUNDS: readonly Round[] = [3, 6, 9, 12];

/** `all` or a list such as `3,6`: the rounds in year order, each once. */
export function parseRounds(text: string): Round[] {
  if (text.trim() === 'all') return [...ROUNDS];
  const parts = text.split(',').map((s) => s.trim());
  const bad = parts.filter((p) => !/^\d+$/.test(p) || !ROUNDS.includes(+p as Round));
  if (bad.length > 0 || parts.length === 0) throw new PeriodError(`--rounds ${text}: give all, or rounds from 3, 6, 9, 12 separated by commas (3,6)`);
  return ROUNDS.filter((r) => parts.includes(String(r)));
}

/** Month `m` (1 = October … 12 = September) of fiscal year `fyBE`: cumulative from 1 October, or that month alone. */
export function monthPeriod(fyBE: number, m: number, cumulative: boolean): Period {
  const calMonth = ((m + 8) % 12) + 1;
  const calYear = fyBE - 544 + (calMonth < 10 ? 1 : 0);
  const first = `${calYear}${String(calMonth).padStart(2, '0')}01`;
  const end = addMonthsEnd(calYear, calMonth, 1);
  // A cumulative month is judged by the target of the round it falls in: the one in force then (target steps).
  if (cumulative) return { start: `${fyBE - 544}1001`, end, label: `FY${fyBE} M${String(m).padStart(2, '0')}`, round: (Math.ceil(m / 3) * 3) as Round, fyBE };
  return { start: first, end, label: `${calYear}-${String(calMonth).padStart(2, '0')}`, fyBE };
}

export interface PeriodSetOptions {
  fy?: number;
  /** `--rounds` as given (`all`, `3,6`). */
  rounds?: string;
  months?: boolean;
  monthly?: boolean;
  compareFy?: number;
  /** Options of a single period, which cannot go with a period set. */
  round?: number;
  quarter?: number;
  from?: string;
  to?: string;
  today: string;
}

/** Whether the options ask for several periods (otherwise `resolvePeriod` gives the one). */
export function wantsPeriodSet(o: PeriodSetOptions): boolean {
  return o.rounds !== undefined || o.months === true || o.monthly === true || o.compareFy !== undefined;
}

/**
 * The periods of `--rounds` / `--months [--monthly]`, optionally followed by the same
 * periods of `--compare-fy`. Without `--rounds` or `--months`, `--compare-fy` compares round 12
 * (or `--round N`).
 */
export function resolvePeriodSet(o: PeriodSetOptions): PeriodSet {
  if (o.monthly && !o.months) throw new PeriodError('--monthly goes with --months (each month on its own instead of cumulative)');
  if (o.rounds !== undefined && o.months) throw new PeriodError('give --rounds or --months, not both');
  if (o.quarter !== undefined || o.from !== undefined || o.to !== undefined) {
    throw new PeriodError('--rounds, --months and --compare-fy are fiscal-year periods: leave out --quarter and --from/--to');
  }
  if (o.round !== undefined && (o.rounds !== undefined || o.months)) throw new PeriodError('give --round (one round) or --rounds/--months (several), not both');
  const fy = o.fy === undefined ? fiscalYearOf(o.today) : fiscalYearBE(o.fy);
  const of = (year: number): Period[] => {
    if (o.months) return Array.from({ length: 12 }, (_, i) => monthPeriod(year, i + 1, !o.monthly));
    if (o.rounds !== undefined) return parseRounds(o.rounds).map((r) => roundPeriod(year, r));
    const round = o.round ?? 12;
    if (!ROUNDS.includes(round as Round)) throw new PeriodError(`--round ${round}: give 3, 6, 9 or 12`);
    return [roundPeriod(year, round as Round)];
  };
  if (o.compareFy === undefined) return { periods: of(fy) };
  const other = fiscalYearBE(o.compareFy);
  if (other === fy) throw new PeriodError(`--compare-fy ${o.compareFy} is the year computed (--fy ${fy}): name another year`);
  return { periods: [...of(fy), ...of(other)], compareFyBE: other };
}
