import type { Place } from '../area/place.js';
import { KeyTable } from '../data/key-table.js';
import type { Key } from './row.js';
import { add, fromInt, parseDecimal, ZERO, type Rational } from '../num/rational.js';
import { stampOf } from '../person/registry.js';
import { PersonSet } from '../person/set.js';

/** What a measure adds up per place. */
export interface Accumulator {
  add(place: Place, key: Key | null, value: string | null): void;
  totals(): Map<Place, Rational>;
}

export class RowCounter implements Accumulator {
  private readonly counts = new Map<Place, number>();
  add(place: Place): void {
    this.counts.set(place, (this.counts.get(place) ?? 0) + 1);
  }
  totals(): Map<Place, Rational> {
    return new Map([...this.counts].map(([p, n]) => [p, fromInt(n)]));
  }
}

/** Distinct keys per place; roll-up then sums these counts, as DESIGN.md says. */
export class DistinctCounter implements Accumulator {
  private readonly sets = new Map<Place, KeyTable>();
  add(place: Place, key: Key | null): void {
    let s = this.sets.get(place);
    if (!s) { s = new KeyTable(); this.sets.set(place, s); }
    s.insert(key ?? '');
  }
  totals(): Map<Place, Rational> {
    return new Map([...this.sets].map(([p, s]) => [p, fromInt(s.size)]));
  }
}

/** Exact decimal sums (summary exports); empty values add nothing, as SQL SUM. */
export class Summer implements Accumulator {
  private readonly sums = new Map<Place, Rational>();
  add(place: Place, _key: Key | null, value: string | null): void {
    const prev = this.sums.get(place) ?? ZERO;
    const v = value === null ? null : parseDecimal(value);
    this.sums.set(place, v ? add(prev, v) : prev);
  }
  totals(): Map<Place, Rational> {
    return new Map(this.sums);
  }
}

/**
 * A person measure's persons (the `key` is the person's number); they are counted per place
 * only once every table is read, when home units are known. With `tracks`, each person's
 * latest row (by D_UPDATE, given as `value`) and its place are kept too, to place persons
 * registered nowhere.
 */
export class PersonCollector implements Accumulator {
  readonly persons = new PersonSet();
  private readonly seen = new Map<number, { stamp: number; place: Place }>();

  constructor(private readonly tracks: boolean) {}

  add(place: Place, key: Key | null, value: string | null): void {
    const p = key as number;
    this.persons.add(p);
    if (!this.tracks) return;
    const stamp = stampOf(value);
    const prev = this.seen.get(p);
    if (!prev || stamp >= prev.stamp) this.seen.set(p, { stamp, place });
  }

  /** The person's latest counted row: its D_UPDATE as a number and its place. */
  latestRow(p: number): { stamp: number; place: Place } | undefined {
    return this.seen.get(p);
  }

  totals(): Map<Place, Rational> {
    return new Map();
  }
}
