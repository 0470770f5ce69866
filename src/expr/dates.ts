/** Dates travel as 8-character `YYYYMMDD` strings (CE), so order is string order. */

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeap(y) ? 29 : DAYS_IN_MONTH[m - 1]!;
}

/** Every character an ASCII digit. */
export function isDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** `s` as a number when it is 8 ASCII digits, else -1. */
function eightDigits(s: string): number {
  if (s.length !== 8) return -1;
  let v = 0;
  for (let i = 0; i < 8; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** True for a real calendar date `YYYYMMDD` from year 1000 on. */
export function isValidDate(s: string): boolean {
  if (s.length !== 8 || !isDigits(s)) return false;
  const y = +s.slice(0, 4);
  const m = +s.slice(4, 6);
  const d = +s.slice(6, 8);
  return y >= 1000 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** True for `YYYYMMDDHHMMSS` with a valid date and a valid time of day. */
export function isValidDateTime(s: string): boolean {
  if (s.length !== 14 || !isDigits(s) || !isValidDate(s.slice(0, 8))) return false;
  return +s.slice(8, 10) <= 23 && +s.slice(10, 12) <= 59 && +s.slice(12, 14) <= 59;
}

/**
 * Reads a date written `YYYYMMDD`, `YYYY-MM-DD` or as a `YYYYMMDDHHMMSS` datetime;
 * `null` for anything else, including impossible dates such as 20230230.
 */
export function toDate(text: string): string | null {
  let s = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) s = s.replace(/-/g, '');
  else if (s.length === 14 && isValidDateTime(s)) s = s.slice(0, 8);
  return isValidDate(s) ? s : null;
}

/** Completed years at `at`; `null` when `birth` is after `at`. */
export function ageYears(birth: string, at: string): number | null {
  // Two `YYYYMMDD` (what a date field or `date()` gives), read as numbers: they order as the
  // texts do, and their difference is years × 10000 plus a month-day difference under 10000
  // either way, so no substrings per row.
  const b = eightDigits(birth);
  const a = b < 0 ? -1 : eightDigits(at);
  if (a >= 0) return b > a ? null : Math.floor((a - b) / 10000);
  if (birth > at) return null;
  const years = +at.slice(0, 4) - +birth.slice(0, 4);
  return at.slice(4) < birth.slice(4) ? years - 1 : years;
}

/** Completed months at `at`; `null` when `birth` is after `at`. */
export function ageMonths(birth: string, at: string): number | null {
  if (birth > at) return null;
  const months = (+at.slice(0, 4) - +birth.slice(0, 4)) * 12 + (+at.slice(4, 6) - +birth.slice(4, 6));
  return at.slice(6) < birth.slice(6) ? months - 1 : months;
}

function dayNumber(s: string): number {
  return Date.UTC(+s.slice(0, 4), +s.slice(4, 6) - 1, +s.slice(6, 8)) / 86_400_000;
}

/** Days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** `YYYYMMDD` → `YYYY-MM-DD`, for labels. */
export function isoDate(s: string): string {
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}

export function addMonthsEnd(startYear: number, startMonth: number, months: number): string {
  const total = startYear * 12 + (startMonth - 1) + months - 1;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  return `${y}${String(m).padStart(2, '0')}${daysInMonth(y, m)}`;
}

/**
 * `date` (YYYYMMDD) moved by `n` days, months or years. Months and years keep the day of the
 * month, cut to the month's last day (2024-01-31 + 1 month = 2024-02-29; 2024-02-29 + 1 year =
 * 2025-02-28).
 */
export function addSpan(date: string, n: number, unit: 'day' | 'month' | 'year'): string {
  const y = +date.slice(0, 4);
  const m = +date.slice(4, 6);
  const d = +date.slice(6, 8);
  if (unit === 'day') {
    const t = new Date(Date.UTC(y, m - 1, d + n));
    return `${String(t.getUTCFullYear()).padStart(4, '0')}${String(t.getUTCMonth() + 1).padStart(2, '0')}${String(t.getUTCDate()).padStart(2, '0')}`;
  }
  const total = y * 12 + (m - 1) + (unit === 'month' ? n : 12 * n);
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return `${String(ny).padStart(4, '0')}${String(nm).padStart(2, '0')}${String(Math.min(d, daysInMonth(ny, nm))).padStart(2, '0')}`;
}
