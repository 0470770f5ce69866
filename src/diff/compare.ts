import { compareCodes } from '../area/names.js';
import { cmp, sub, type Rational } from '../num/rational.js';
import type { ResultRow } from '../results/schema.js';
import { exactOf } from './exact.js';
import type { DiffIndicator, Indicators } from './indicators.js';
import { matchPeriods } from './periods.js';
import { rowKey } from './read.js';
import type { ResultFile } from './result-file.js';

export const STATUSES = ['improved', 'worsened', 'changed', 'added', 'removed', 'same'] as const;
export type Status = (typeof STATUSES)[number];
export type Flag = 'newly-failing' | 'newly-passing';
type Level = ResultRow['level'];

/** One area of one indicator, before and after. */
export interface DiffRow {
  readonly indicator: string;
  readonly level: Level;
  readonly area_code: string;
  readonly area_name: string;
  /** The period slot both rows stand for, when the files hold several periods (null otherwise). */
  readonly slot: string | null;
  readonly old: ResultRow | null;
  readonly new: ResultRow | null;
  /** NEW result − OLD result, exactly; null unless both have a result. */
  readonly change: Rational | null;
  readonly status: Status;
  /** Pass went true → false or false → true on a row whose numbers moved. */
  readonly flag: Flag | null;
}

export interface CompareOptions {
  /** A result change up to and including this is not a change. */
  readonly tolerance: Rational;
  readonly indicators?: readonly string[];
  readonly level?: Level;
}

const LEVEL_ORDER: Record<Level, number> = { unit: 0, district: 1, province: 2, region: 3, country: 4 };

/** Every row of either file, matched on indicator + level + area_code, in indicator then area order. */
export function compareResults(old: ResultFile, neu: ResultFile, indicators: Indicators, o: CompareOptions): DiffRow[] {
  const periods = matchPeriods(old, neu);
  const keep = (r: ResultRow) => (!o.indicators || o.indicators.includes(r.indicator)) && (!o.level || r.level === o.level) && periods.keep(r);
  const key = (r: ResultRow) => `${rowKey(r)}\u0000${periods.slot(r) ?? ''}`;
  const before = new Map(old.rows.filter((r) => keep(r.row)).map((r) => [key(r.row), r.row]));
  const after = new Map(neu.rows.filter((r) => keep(r.row)).map((r) => [key(r.row), r.row]));
  const keys = [...new Set([...after.keys(), ...before.keys()])];
  const order = [...indicators.byId.keys()];
  const slotOrder = (s: string | null) => (s === null ? 0 : periods.order.indexOf(s));
  return keys
    .map((k) => diffRow(before.get(k) ?? null, after.get(k) ?? null, indicators.byId.get((after.get(k) ?? before.get(k))!.indicator)!, o.tolerance, periods.slot))
    .sort((x, y) => order.indexOf(x.indicator) - order.indexOf(y.indicator) || slotOrder(x.slot) - slotOrder(y.slot) || LEVEL_ORDER[x.level] - LEVEL_ORDER[y.level] || compareCodes(x.area_code, y.area_code));
}

function diffRow(old: ResultRow | null, neu: ResultRow | null, info: DiffIndicator, tolerance: Rational, slotOf: (r: ResultRow) => string | null): DiffRow {
  const either = (neu ?? old)!;
  const base = { indicator: either.indicator, level: either.level, area_code: either.area_code, area_name: either.area_name, slot: slotOf(either), old, new: neu };
  if (!old || !neu) return { ...base, change: null, status: old ? 'removed' : 'added', flag: null };
  const change = old.result !== null && neu.result !== null ? sub(exactOf(neu.result), exactOf(old.result)) : null;
  const status = statusOf(old, neu, change, info, tolerance);
  const flag = status === 'same' ? null : old.pass === true && neu.pass === false ? 'newly-failing' : old.pass === false && neu.pass === true ? 'newly-passing' : null;
  return { ...base, change, status, flag };
}

/**
 * Improved/worsened only when the result moved beyond the tolerance and the direction
 * is known; `changed` when A or B moved (or a result appeared or vanished) without that.
 * A row whose numbers all stayed is `same` even if it is judged against another target
 * (round 6 against round 12): the data did not move, the yardstick did.
 */
function statusOf(old: ResultRow, neu: ResultRow, change: Rational | null, info: DiffIndicator, tolerance: Rational): Status {
  if (change !== null && cmp(abs(change), tolerance) > 0) {
    if (info.better === null) return 'changed';
    return (change.n > 0n) === (info.better === 'higher') ? 'improved' : 'worsened';
  }
  const moved = old.a !== neu.a || old.b !== neu.b || (old.result === null) !== (neu.result === null);
  return moved ? 'changed' : 'same';
}

const abs = (x: Rational): Rational => (x.n < 0n ? { n: -x.n, d: x.d } : x);

export type Summary = Record<Status | Flag, number>;

export function summarize(rows: readonly DiffRow[]): Summary {
  const s: Summary = { improved: 0, worsened: 0, changed: 0, added: 0, removed: 0, same: 0, 'newly-failing': 0, 'newly-passing': 0 };
  for (const r of rows) {
    s[r.status]++;
    if (r.flag) s[r.flag]++;
  }
  return s;
}
