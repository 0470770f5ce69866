import type { Place } from '../area/place.js';
import type { Expr } from '../expr/ast.js';
import { compileExpr, type CompileEnv } from '../expr/compile.js';
import type { Value } from '../expr/kinds.js';
import { fromInt, type Rational } from '../num/rational.js';
import type { Period } from '../period/period.js';
import { isPeriodWord } from '../template/fields.js';
import type { Accumulator, AccState } from './accumulate.js';
import { KeyTable } from '../data/key-table.js';
import { periodWordValues } from './period-words.js';
import type { Key, Row } from './row.js';

/*
 * Several periods in one pass. A row is read and tested once; what depends on the period is
 * a bit mask (bit p: period p of the run). Conditions without a period word are tested once;
 * those with one are compiled once per period and tested only for the periods still in the
 * mask; `X in period` tests the date once against every period's bounds. Accumulators take
 * the mask and keep one total per period.
 */

type Get = (r: Row) => Value;

/** Conditions of one measure as a test: the periods (bits of `mask`) for which all of them are true. */
export type MaskTest = (row: Row, mask: number) => number;

/** Every period of a run of `n` periods. */
export const allPeriods = (n: number): number => (n >= 31 ? -1 : (1 << n) - 1) | 0;

/** A test compiled once for the periods (bits) it stands for. */
export interface PeriodGroup {
  readonly get: Get;
  readonly bits: number;
}

/** A condition compiled for the run's periods: once when no period word is in it, else once per group of periods that see the same values. */
export type PeriodCond =
  | { readonly kind: 'fixed'; readonly get: Get }
  | { readonly kind: 'each'; readonly groups: readonly PeriodGroup[] }
  | { readonly kind: 'mask'; readonly test: MaskTest };

export function compileCond(e: Expr, periods: readonly Period[], envFor: (p: Period) => CompileEnv<Row>): PeriodCond {
  const words = periodWords(e);
  if (words.size === 0) return { kind: 'fixed', get: compileExpr<Row>(e, envFor(periods[0]!)) };
  if (e.kind === 'inPeriod' && periods.length > 1) return { kind: 'mask', test: inPeriodsTest(e, periods, envFor(periods[0]!)) };
  // Twelve months of one year show `fy.start` the same date: such periods share one compiled test, evaluated once a row.
  const groups = new Map<string, { period: Period; bits: number }>();
  periods.forEach((p, i) => {
    const values = periodWordValues(p);
    const seen = JSON.stringify([...words].map((w) => (w === IN_PERIOD ? [p.start, p.end] : values[w])));
    const g = groups.get(seen);
    if (g) g.bits |= 1 << i;
    else groups.set(seen, { period: p, bits: 1 << i });
  });
  return { kind: 'each', groups: [...groups.values()].map((g) => ({ get: compileExpr<Row>(e, envFor(g.period)), bits: g.bits })) };
}

/** Whether `e` reads the period: `in period`, `period.*` or `fy.*`. */
export function usesPeriod(e: Expr): boolean {
  return periodWords(e).size > 0;
}

/** Stands for `X in period` among the period words an expression reads. */
const IN_PERIOD = 'IN PERIOD';

/** The period words `e` reads (`period.*`, `fy.*`, and `IN_PERIOD` for `X in period`). */
function periodWords(e: Expr, out = new Set<string>()): Set<string> {
  switch (e.kind) {
    case 'inPeriod': out.add(IN_PERIOD); periodWords(e.operand, out); break;
    case 'name': if (isPeriodWord(e.name)) out.add(e.name); break;
    case 'number': case 'string': case 'span': break;
    case 'call': e.args.forEach((a) => periodWords(a, out)); break;
    case 'neg': case 'not': case 'isEmpty': periodWords(e.operand, out); break;
    case 'in': periodWords(e.operand, out); e.list.forEach((a) => periodWords(a, out)); break;
    case 'between': periodWords(e.operand, out); periodWords(e.low, out); periodWords(e.high, out); break;
    default: periodWords(e.left, out); periodWords(e.right, out);
  }
  return out;
}

/** `X in period` over all periods at once: the date is read once, then compared with each period's bounds. */
function inPeriodsTest(e: Extract<Expr, { kind: 'inPeriod' }>, periods: readonly Period[], env: CompileEnv<Row>): MaskTest {
  // `date(X)` reads X as `in period` does (a date field as it is, other text through toDate).
  const date = compileExpr<Row>({ kind: 'call', fn: 'date', args: [e.operand], start: e.start, end: e.end }, env);
  const starts = periods.map((p) => p.start);
  const ends = periods.map((p) => p.end);
  const neg = e.negated;
  return (row, mask) => {
    const d = date(row);
    if (typeof d !== 'string') return 0;
    let out = 0;
    for (let p = 0; p < starts.length; p++) {
      if ((mask & (1 << p)) !== 0 && (d >= starts[p]! && d <= ends[p]!) !== neg) out |= 1 << p;
    }
    return out;
  };
}

/**
 * All conditions as one test, in the template's order (a cheap `DATE_SERV in period` written
 * first still turns most rows away before an age is computed), stopping when no period is left.
 */
export function maskTest(conds: readonly PeriodCond[]): MaskTest {
  const steps = conds.map(step);
  return (row, mask) => {
    for (let i = 0; i < steps.length; i++) {
      mask = steps[i]!(row, mask);
      if (mask === 0) return 0;
    }
    return mask;
  };
}

function step(c: PeriodCond): MaskTest {
  if (c.kind === 'mask') return c.test;
  if (c.kind === 'fixed') { const get = c.get; return (row, mask) => (get(row) === true ? mask : 0); }
  const groups = c.groups;
  if (groups.length === 1) { const get = groups[0]!.get; return (row, mask) => (get(row) === true ? mask : 0); }
  return (row, mask) => {
    for (let g = 0; g < groups.length; g++) { const { get, bits } = groups[g]!; if ((mask & bits) !== 0 && get(row) !== true) mask &= ~bits; }
    return mask;
  };
}

/** An accumulator per period, fed a row once with the mask of the periods it counts in. */
export interface PeriodAccumulator {
  add(mask: number, place: Place, key: Key | null, value: string | null): void;
  /** Per period of the run, the total of each place. */
  totals(): Array<Map<Place, Rational>>;
  /** The accumulators of the periods, where there is one per period (person collectors: their persons are counted once every table is read). */
  readonly parts: readonly Accumulator[];
  /** What it has counted since the last `take`, to post from a counting thread; it starts again from nothing. */
  take(): PeriodState;
  /** Adds what another thread's accumulator of the same measure counted (`canon`: this thread's object for a place). */
  absorb(s: PeriodState, canon: (p: Place) => Place): void;
}

/** A period accumulator's counts as posted between threads. */
export type PeriodState =
  | { readonly kind: 'copies'; readonly parts: AccState[] }
  | { readonly kind: 'masks'; readonly byPlace: Array<[Place, Key[], Int32Array]> };

/** One accumulator per period, fed the periods of a row's mask: works for any accumulator. */
class Copies implements PeriodAccumulator {
  private readonly accs: Accumulator[];
  constructor(make: () => Accumulator, n: number) {
    this.accs = Array.from({ length: n }, make);
  }
  get parts(): readonly Accumulator[] {
    return this.accs;
  }
  add(mask: number, place: Place, key: Key | null, value: string | null): void {
    const accs = this.accs;
    for (let p = 0; p < accs.length; p++) if ((mask & (1 << p)) !== 0) accs[p]!.add(place, key, value);
  }
  totals(): Array<Map<Place, Rational>> {
    return this.accs.map((a) => a.totals());
  }
  take(): PeriodState {
    return { kind: 'copies', parts: this.accs.map((a) => a.take()) };
  }
  absorb(s: PeriodState, canon: (p: Place) => Place): void {
    if (s.kind !== 'copies') throw new Error('one accumulator per period cannot absorb distinct masks');
    s.parts.forEach((part, p) => this.accs[p]!.absorb(part, canon));
  }
}

/**
 * Distinct keys per place over several periods: each key is looked up once per row and keeps
 * the union of the periods it was seen in, so twelve cumulative months cost one hash probe a
 * row, not twelve.
 */
class DistinctMasks implements PeriodAccumulator {
  private readonly byPlace = new Map<Place, { keys: KeyTable; masks: Int32Array }>();
  readonly parts: readonly Accumulator[] = [];
  constructor(private readonly n: number) {}
  add(mask: number, place: Place, key: Key | null): void {
    let s = this.byPlace.get(place);
    if (!s) { s = { keys: new KeyTable(), masks: new Int32Array(8) }; this.byPlace.set(place, s); }
    const id = s.keys.insert(key ?? '');
    if (id >= s.masks.length) {
      const more = new Int32Array(Math.max(id + 1, s.masks.length * 2));
      more.set(s.masks);
      s.masks = more;
    }
    s.masks[id]! |= mask;
  }
  totals(): Array<Map<Place, Rational>> {
    const out = Array.from({ length: this.n }, () => new Map<Place, Rational>());
    for (const [place, { keys, masks }] of this.byPlace) {
      const counts = new Array<number>(this.n).fill(0);
      for (let id = 0; id < keys.size; id++) for (let p = 0; p < this.n; p++) if ((masks[id]! & (1 << p)) !== 0) counts[p]!++;
      counts.forEach((c, p) => { if (c > 0) out[p]!.set(place, fromInt(c)); });
    }
    return out;
  }
  /** Emptied, not dropped, as `DistinctCounter.take`. */
  take(): PeriodState {
    const byPlace: Array<[Place, Key[], Int32Array]> = [];
    for (const [p, { keys, masks }] of this.byPlace) {
      if (keys.size === 0) continue;
      byPlace.push([p, keys.keysInOrder(), masks.slice(0, keys.size)]);
      masks.fill(0, 0, keys.size);
      keys.clear();
    }
    return { kind: 'masks', byPlace };
  }
  absorb(s: PeriodState, canon: (p: Place) => Place): void {
    if (s.kind !== 'masks') throw new Error('distinct masks cannot absorb one accumulator per period');
    for (const [p, keys, masks] of s.byPlace) {
      const at = canon(p);
      for (let i = 0; i < keys.length; i++) this.add(masks[i]!, at, keys[i]!);
    }
  }
}

/** Distinct counts over several periods share one key table; anything else gets one accumulator per period. */
export function periodAccumulator(make: () => Accumulator, n: number, distinct: boolean): PeriodAccumulator {
  return distinct && n > 1 ? new DistinctMasks(n) : new Copies(make, n);
}
