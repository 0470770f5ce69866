import type { Place } from '../area/place.js';
import type { PeriodState } from './by-period.js';
import type { DateRange } from './coverage.js';
import { keepRow } from './pass.js';
import type { KeptRow, NoAddress, TablePlan, Unplaced } from './plan.js';
import type { Key } from './row.js';

/*
 * What an evaluating thread made of one range of a table: per root of the table's plan, the
 * rows `latest` keeps per key and each counter's counts; the units not in the hospitals file
 * and the rows without an address it met; the dates it saw. The main thread adds ranges'
 * partials to its own plan in file order, so every tie ("the row read last") falls as when
 * it reads the rows itself.
 */
export interface Partial {
  readonly roots: Array<{ readonly kept: Array<[Key, KeptRow[]]> | null; readonly counters: PeriodState[] }>;
  readonly unplaced: Array<[string, number]>;
  readonly noAddress: Array<[string, number]>;
  readonly dates: DateRange[];
}

/** Where warnings are counted, on either thread. */
export interface Tallies {
  readonly unplaced: Unplaced;
  readonly noAddress: NoAddress;
}

export function snapshot(plan: TablePlan, tallies: Tallies, dates: DateRange[]): Partial {
  return {
    roots: plan.roots.map((r) => ({ kept: r.latest ? [...r.latest.kept] : null, counters: r.counters.map((c) => c.acc.snapshot()) })),
    unplaced: [...tallies.unplaced],
    noAddress: [...tallies.noAddress],
    dates,
  };
}

/** Adds one range's partial to the main thread's plan (planned from the same templates: the same roots and counters in the same order). */
export function absorb(plan: TablePlan, partial: Partial, tallies: Tallies, dates: DateRange[], canon: (p: Place) => Place, all: number): void {
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
    const mine = dates.find((m) => m.table === d.table && m.field === d.field);
    if (!mine) continue;
    if (d.first !== null && (mine.first === null || d.first < mine.first)) mine.first = d.first;
    if (d.last !== null && (mine.last === null || d.last > mine.last)) mine.last = d.last;
  }
}
