import type { Place, PlaceBook } from '../area/place.js';
import type { AccState } from './accumulate.js';
import type { PeriodState } from './by-period.js';
import type { DateRange } from './coverage.js';
import { keepRow } from './pass.js';
import { applyDigest, digestBuffers, type Digest, type DigestWriter } from './digest.js';
import type { PersonRegistry } from '../person/registry.js';
import type { KeptRow, NoAddress, TablePlan, Unplaced } from './plan.js';
import type { Key } from './row.js';

/*
 * What a counting thread made of one range of a table: per root of the table's plan, the
 * rows `latest` keeps per key and each counter's counts; the units not in the hospitals file
 * and the rows without an address it met; the dates it saw; and the thread's places with the
 * raw values they were made from, so that counts land on the main thread's place objects. The
 * main thread adds ranges' partials to its own plan in file order, so every tie ("the row read
 * last") falls as when it reads the rows itself.
 */
export interface Partial {
  /** Per root: its kept rows and counts (none for a person measure's root: those are in the digest). */
  readonly roots: Array<{ readonly kept: Array<[Key, KeptRow[]]> | null; readonly counters: PeriodState[] }>;
  /** What the main thread numbers row by row (`digest.ts`); `null` when nothing is. */
  readonly digest: Digest | null;
  readonly unplaced: Array<[string, number]>;
  readonly noAddress: Array<[string, number]>;
  readonly dates: DateRange[];
  /** The places the counts name, posted in the same message: the same objects, so each maps back by its key. */
  readonly places: Array<[string, Place]>;
}

/** Where warnings are counted, on either thread. */
export interface Tallies {
  readonly unplaced: Unplaced;
  readonly noAddress: NoAddress;
}

/** Everything counted since the last `take`, and the plan, tallies, dates and digest emptied for the next range. */
export function take(plan: TablePlan, tallies: Tallies, dates: DateRange[], places: PlaceBook, digest: DigestWriter | null): Partial {
  const roots = plan.roots.map((r) => {
    const kept = r.latest ? [...r.latest.kept] : null;
    r.latest?.kept.clear();
    return { kept, counters: r.person ? [] : r.counters.map((c) => c.acc.take()) };
  });
  const named = new Set<Place>();
  for (const r of roots) for (const s of r.counters) placesOf(s, named);
  const posted: Array<[string, Place]> = [...named].map((p) => [places.keyOf(p)!, p]);
  const partial: Partial = { roots, digest: digest?.take() ?? null, unplaced: [...tallies.unplaced], noAddress: [...tallies.noAddress], dates: dates.map((d) => ({ ...d })), places: posted };
  tallies.unplaced.clear();
  tallies.noAddress.clear();
  for (const d of dates) { d.first = null; d.last = null; }
  return partial;
}

/**
 * Adds one range's partial to the main thread's plan (planned from the same templates: the
 * same roots and counters in the same order); returns its digest's buffers, which the thread
 * may have back.
 */
export function absorb(plan: TablePlan, partial: Partial, tallies: Tallies, dates: DateRange[], places: PlaceBook, all: number, registry: PersonRegistry | null): ArrayBuffer[] {
  if (partial.digest) applyDigest(plan, partial.digest, registry);
  const mine = new Map(partial.places.map(([key, p]) => [p, places.adopt(key, p)]));
  const canon = (p: Place) => {
    const here = mine.get(p);
    if (!here) throw new Error('a counting thread posted a place without its key');
    return here;
  };
  partial.roots.forEach((part, i) => {
    const root = plan.roots[i]!;
    part.counters.forEach((s, c) => root.counters[c]!.acc.absorb(s, canon));
    const latest = root.latest;
    if (!latest || !part.kept) return;
    for (const [k, rows] of part.kept) {
      const kept = latest.kept.get(k);
      if (!kept) latest.kept.set(k, rows);
      else for (const entry of rows) keepRow(latest, kept, entry, all);
    }
  });
  for (const [unit, n] of partial.unplaced) tallies.unplaced.set(unit, (tallies.unplaced.get(unit) ?? 0) + n);
  for (const [id, n] of partial.noAddress) tallies.noAddress.set(id, (tallies.noAddress.get(id) ?? 0) + n);
  for (const d of partial.dates) {
    const here = dates.find((m) => m.table === d.table && m.field === d.field);
    if (!here) continue;
    if (d.first !== null && (here.first === null || d.first < here.first)) here.first = d.first;
    if (d.last !== null && (here.last === null || d.last > here.last)) here.last = d.last;
  }
  return partial.digest ? digestBuffers(partial.digest) : [];
}

/** Adds to `out` every place a counter's state names. */
function placesOf(s: PeriodState, out: Set<Place>): void {
  if (s.kind === 'masks') { for (const [p] of s.byPlace) out.add(p); return; }
  for (const part of s.parts) for (const [p] of entriesOf(part)) out.add(p);
}

function entriesOf(s: AccState): ReadonlyArray<readonly [Place, unknown]> {
  return s.kind === 'rows' ? s.counts : s.kind === 'distinct' ? s.sets : s.sums;
}
