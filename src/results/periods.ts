import type { Place } from '../area/place.js';
import { parseDecimal, sub, type Rational } from '../num/rational.js';
import type { Period } from '../period/period.js';
import type { CheckedTemplate } from '../template/checked.js';
import { buildAllRows, type BuildOptions } from './build.js';
import type { ResultRow } from './schema.js';

type Totals = ReadonlyMap<string, ReadonlyMap<Place, Rational>>;

/**
 * The long format of several periods: per indicator, each period's rows (areas, then the
 * national row) in period order, each period judged against its own target. Every period's
 * rows are built exactly as a single-period run builds them.
 */
export function buildPeriodRows(templates: readonly CheckedTemplate[], periods: readonly Period[], totalsOf: (period: number, id: string) => Totals, o: Omit<BuildOptions, 'period'>): ResultRow[] {
  const perPeriod = periods.map((period, p) => buildAllRows(templates, (id) => totalsOf(p, id), { ...o, period }));
  return templates.flatMap((t) => perPeriod.flatMap((rows) => rows.filter((r) => r.indicator === t.template.id)));
}

/** A result's change from another period's, exact (`62.5 − 57.14 = 5.36`); null when either has none. */
export function resultChange(now: number | null, before: number | null): Rational | null {
  if (now === null || before === null) return null;
  const a = parseDecimal(String(now));
  const b = parseDecimal(String(before));
  return a && b ? sub(a, b) : null;
}

/**
 * For a `--compare-fy` run (the year's periods, then as many of the compared year), each period
 * of the year with its counterpart; otherwise each period alone.
 */
export function pairPeriods(labels: readonly string[], compared: boolean): Array<{ label: string; before?: string }> {
  if (!compared) return labels.map((label) => ({ label }));
  const half = labels.length / 2;
  return labels.slice(0, half).map((label, i) => ({ label, before: labels[half + i]! }));
}
