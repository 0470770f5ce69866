import { addMonthsEnd, isoDate, toDate } from '../expr/dates.js';

export type Round = 3 | 6 | 9 | 12;

/** An inclusive date window with the round it stands for (for per-round targets). */
export interface Period {
  readonly start: string;
  readonly end: string;
  readonly label: string;
  /**
   * The round whose target judges it: a round, a cumulative month (the round it falls in), or
   * a quarter or window that runs from 1 October to a round's end (quarter 1 is round 3's
   * window). Other windows have none: a template that lists `rounds` does not judge them.
   */
  readonly round?: Round;
  /** The fiscal year the window starts in, for `fy.start` / `fy.end`. */
  readonly fyBE: number;
  /** How the options were read when that is worth saying (a BE year converted). */
  readonly note?: string;
}

export class PeriodError extends Error {
  override name = 'PeriodError';
}

/** A year above 2400 is Buddhist Era; below, Christian Era. Either way, the BE year. */
export function fiscalYearBE(year: number): number {
  if (!Number.isInteger(year) || year < 1900 || year > 3100) throw new PeriodError(`--fy ${year}: give a fiscal year such as 2567 (BE) or 2024 (CE)`);
  return year > 2400 ? year : year + 543;
}

/** The fiscal year (BE) a `YYYYMMDD` date falls in. */
export function fiscalYearOf(date: string): number {
  const y = +date.slice(0, 4);
  return +date.slice(4, 6) >= 10 ? y + 544 : y + 543;
}

export function fyBounds(fyBE: number): { start: string; end: string } {
  const ce = fyBE - 543;
  return { start: `${ce - 1}1001`, end: `${ce}0930` };
}

export function roundPeriod(fyBE: number, round: Round): Period {
  const { start } = fyBounds(fyBE);
  return { start, end: addMonthsEnd(fyBE - 544, 10, round), label: `FY${fyBE} R${round}`, round, fyBE };
}

export function quarterPeriod(fyBE: number, quarter: number): Period {
  if (![1, 2, 3, 4].includes(quarter)) throw new PeriodError(`--quarter ${quarter}: give 1, 2, 3 or 4`);
  const firstMonth = 10 + (quarter - 1) * 3;
  const y = fyBE - 544 + (firstMonth > 12 ? 1 : 0);
  const m = ((firstMonth - 1) % 12) + 1;
  const start = `${y}${String(m).padStart(2, '0')}01`;
  const end = addMonthsEnd(y, m, 3);
  return { start, end, label: `FY${fyBE} Q${quarter}`, fyBE, ...roundOfWindow(fyBE, start, end) };
}

/** `{ round }` when `start..end` is a round's own window (1 October to the end of month 3, 6, 9 or 12), else nothing. */
function roundOfWindow(fyBE: number, start: string, end: string): { round?: Round } {
  if (start !== fyBounds(fyBE).start) return {};
  const round = ([3, 6, 9, 12] as const).find((r) => roundPeriod(fyBE, r).end === end);
  return round === undefined ? {} : { round };
}

export function windowPeriod(from: string, to: string): Period {
  const start = windowDate('--from', from);
  const end = windowDate('--to', to);
  if (end.date < start.date) throw new PeriodError(`--to ${to} is before --from ${from}`);
  const be = [start, end].filter((d) => d.fromBE).map((d) => `${d.option} ${d.text} read as Buddhist Era: ${isoDate(d.date)}`);
  const fyBE = fiscalYearOf(start.date);
  return { start: start.date, end: end.date, label: `${isoDate(start.date)}..${isoDate(end.date)}`, fyBE, ...roundOfWindow(fyBE, start.date, end.date), ...(be.length > 0 ? { note: be.join(', ') } : {}) };
}

/**
 * A window date; a year of 2400 or more is Buddhist Era (2566-10-01 is
 * 2023-10-01), converted before the day is checked (29 February 2567 exists).
 */
function windowDate(option: string, text: string): { option: string; text: string; date: string; fromBE: boolean } {
  const m = /^\s*(\d{4})(-?)(\d{2})\2(\d{2})\s*$/.exec(text);
  const year = m ? Number(m[1]) : NaN;
  const fromBE = year >= 2400;
  const date = m ? toDate(`${fromBE ? year - 543 : year}${m[3]}${m[4]}`) : toDate(text);
  if (!date) throw new PeriodError(`${option} ${text}: not a date (write YYYY-MM-DD or YYYYMMDD, the year CE such as 2023 or BE such as 2566)`);
  if (date < '19000101' || date > '21001231') throw new PeriodError(`${option} ${text}: the year is out of range (CE 1900-2100, or BE 2443-2643)`);
  return { option, text: text.trim(), date, fromBE };
}

export interface PeriodOptions {
  fy?: number;
  round?: number;
  quarter?: number;
  from?: string;
  to?: string;
  /** Today as `YYYYMMDD`, for the default fiscal year. */
  today: string;
}

/** Turns the command-line choices into one period; conflicting choices are a usage error. */
export function resolvePeriod(o: PeriodOptions): Period {
  if (o.from !== undefined || o.to !== undefined) {
    if (o.from === undefined || o.to === undefined) throw new PeriodError('--from and --to go together');
    if (o.round !== undefined || o.quarter !== undefined || o.fy !== undefined) throw new PeriodError('--from/--to is a window of its own: leave out --fy, --round and --quarter');
    return windowPeriod(o.from, o.to);
  }
  const fy = o.fy === undefined ? fiscalYearOf(o.today) : fiscalYearBE(o.fy);
  if (o.quarter !== undefined) {
    if (o.round !== undefined) throw new PeriodError('give --round or --quarter, not both');
    return quarterPeriod(fy, o.quarter);
  }
  const round = o.round ?? 12;
  if (![3, 6, 9, 12].includes(round)) throw new PeriodError(`--round ${round}: give 3, 6, 9 or 12`);
  return roundPeriod(fy, round as Round);
}
