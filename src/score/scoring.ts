import { add, cmp, div, fromInt, parseDecimal, roundHalfAway, sub, type Rational } from '../num/rational.js';

export interface Interval {
  readonly low: Rational | null;
  readonly lowClosed: boolean;
  readonly high: Rational | null;
  readonly highClosed: boolean;
}

export interface Band {
  readonly score: Rational;
  readonly interval: Interval;
}

const BOUND = /^\s*-?(?:inf|\d+(?:\.\d+)?)\s*$/;

/** Parses `(7.1, 7.4]`, `[0, 5)`, `(7.4, inf)`, `(-inf, 6.5]`; `null` on a malformed range. */
export function parseInterval(text: string): Interval | null {
  const m = /^\s*([[(])\s*([^,]+),\s*([^\])]+)\s*([\])])\s*$/.exec(text);
  if (!m || !BOUND.test(m[2]!) || !BOUND.test(m[3]!)) return null;
  const bound = (s: string, infinite: string): Rational | null | undefined => {
    const t = s.trim();
    if (t === infinite) return null;
    return parseDecimal(t) ?? undefined;
  };
  const low = bound(m[2]!, '-inf');
  const high = bound(m[3]!, 'inf');
  if (low === undefined || high === undefined) return null;
  const interval = { low, lowClosed: m[1] === '[' && low !== null, high, highClosed: m[4] === ']' && high !== null };
  if (low && high && (cmp(low, high) > 0 || (cmp(low, high) === 0 && !(interval.lowClosed && interval.highClosed)))) return null;
  return interval;
}

export function inInterval(x: Rational, i: Interval): boolean {
  if (i.low) { const c = cmp(x, i.low); if (c < 0 || (c === 0 && !i.lowClosed)) return false; }
  if (i.high) { const c = cmp(x, i.high); if (c > 0 || (c === 0 && !i.highClosed)) return false; }
  return true;
}

/** Whether two intervals share at least one point. */
export function overlaps(a: Interval, b: Interval): boolean {
  const startsBeforeEnd = (x: Interval, y: Interval) => {
    if (!x.low || !y.high) return true;
    const c = cmp(x.low, y.high);
    return c < 0 || (c === 0 && x.lowClosed && y.highClosed);
  };
  return startsBeforeEnd(a, b) && startsBeforeEnd(b, a);
}

export function scoreByBands(x: Rational, bands: readonly Band[]): Rational | null {
  return bands.find((b) => inInterval(x, b.interval))?.score ?? null;
}

/**
 * Score k is reached at threshold t_k (for `lower`, at or below it); short of t1 is 0.
 * Interpolated: k + (x − t_k)/(t_{k+1} − t_k) between thresholds, to 2 decimals.
 */
export function scoreByLadder(x: Rational, thresholds: readonly Rational[], better: 'higher' | 'lower', interpolate: boolean): Rational {
  const reached = (t: Rational) => (better === 'higher' ? cmp(x, t) >= 0 : cmp(x, t) <= 0);
  let k = 0;
  while (k < thresholds.length && reached(thresholds[k]!)) k++;
  if (!interpolate || k === 0 || k === thresholds.length) return fromInt(k);
  const lo = thresholds[k - 1]!;
  const hi = thresholds[k]!;
  const fraction = div(sub(x, lo), sub(hi, lo)) ?? fromInt(0);
  return roundHalfAway(add(fromInt(k), fraction), 2);
}

