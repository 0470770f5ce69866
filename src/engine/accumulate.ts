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
  /** What it has counted since the last `take`, to post from a counting thread; it starts again from nothing. */
  take(): AccState;
  /** Adds what another thread's accumulator of the same measure counted; `canon` gives this thread's object for a place. */
  absorb(s: AccState, canon: (p: Place) => Place): void;
}

/** An accumulator's counts as posted between threads (places as plain objects). */
export type AccState =
  | { readonly kind: 'rows'; readonly counts: Array<[Place, number]> }
  | { readonly kind: 'distinct'; readonly sets: Array<[Place, Key[]]> }
  | { readonly kind: 'sum'; readonly sums: Array<[Place, Rational]> };

function wrongState(s: AccState, want: AccState['kind']): never {
  throw new Error(`an accumulator of ${want} cannot absorb ${s.kind}`);
}

/** A per-place map's entries, the map emptied (what a counting thread posts after a range). */
function drained<V>(m: Map<Place, V>): Array<[Place, V]> {
  const out = [...m];
  m.clear();
  return out;
}

/** Adds per-place values another thread posted, each on this thread's object for its place. */
function addEach<V>(m: Map<Place, V>, posted: ReadonlyArray<readonly [Place, V]>, canon: (p: Place) => Place, zero: V, plus: (a: V, b: V) => V): void {
  for (const [p, v] of posted) { const at = canon(p); m.set(at, plus(m.get(at) ?? zero, v)); }
}

export class RowCounter implements Accumulator {
  private readonly counts = new Map<Place, number>();
  add(place: Place): void {
    this.counts.set(place, (this.counts.get(place) ?? 0) + 1);
  }
  totals(): Map<Place, Rational> {
    return new Map([...this.counts].map(([p, n]) => [p, fromInt(n)]));
  }
  take(): AccState {
    return { kind: 'rows', counts: drained(this.counts) };
  }
  absorb(s: AccState, canon: (p: Place) => Place): void {
    if (s.kind !== 'rows') wrongState(s, 'rows');
    addEach(this.counts, s.counts, canon, 0, (a, b) => a + b);
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
  /** The tables are emptied, not dropped: a place seen in one range is mostly seen in the next (thousands of village codes would otherwise be thousands of new arrays a range). */
  take(): AccState {
    const sets: Array<[Place, Key[]]> = [];
    for (const [p, t] of this.sets) if (t.size > 0) { sets.push([p, t.keysInOrder()]); t.clear(); }
    return { kind: 'distinct', sets };
  }
  absorb(s: AccState, canon: (p: Place) => Place): void {
    if (s.kind !== 'distinct') wrongState(s, 'distinct');
    for (const [p, keys] of s.sets) for (const k of keys) this.add(canon(p), k);
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
  take(): AccState {
    return { kind: 'sum', sums: drained(this.sums) };
  }
  absorb(s: AccState, canon: (p: Place) => Place): void {
    if (s.kind !== 'sum') wrongState(s, 'sum');
    addEach(this.sums, s.sums, canon, ZERO, add);
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
  /** Person numbers are the main thread's: a counting thread digests a person measure's rows instead (`digest.ts`). */
  take(): AccState {
    throw new Error('persons are collected on the main thread only');
  }
  absorb(): void {
    throw new Error('persons are collected on the main thread only');
  }
}

/** A person measure's collectors, one per period; `null` for any other measure. */
export function personCollectors(parts: readonly Accumulator[]): PersonCollector[] | null {
  return parts.length > 0 && parts.every((a) => a instanceof PersonCollector) ? (parts as PersonCollector[]) : null;
}
