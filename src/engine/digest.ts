import type { Value } from '../expr/kinds.js';
import type { PersonRegistry } from '../person/registry.js';
import { storedCode } from './join-index.js';
import type { RootEval, TablePlan } from './plan.js';
import type { Key, Row } from './row.js';

/*
 * What only the main thread can do with the rows of a table counted on the threads, because
 * it numbers things in file order: put each row in the join indexes built on the table, feed
 * each PERSON row to the person registry, and give each row a person measure counts the
 * number of its person. A counting thread digests every row into the facts those steps need
 * (keys, stored values coded, the CID and D_UPDATE as numbers, the periods each person counter
 * counts the row in) and posts them with its range's counts; the main thread applies them
 * (`applyDigest`) range after range, row after row, doing only the numbering. Indexes,
 * registry and person sets come out as when the main thread reads every row itself.
 */

/** Keys as posted: a key number (never negative), or for a text key -1 - its place in `texts`. */
interface KeyColumn {
  readonly nums: Float64Array;
  readonly texts: string[];
}

/** One range's rows, digested (see above). */
export interface Digest {
  readonly rows: number;
  /** Per join index on the table: each row's key, and per stored column each row's code (`storedCode`), with the values coded -1 in order. */
  readonly indexes: Array<{ readonly keys: KeyColumn; readonly codes: Int32Array[]; readonly values: Value[][] }>;
  /** PERSON with the person model: each row's facts for `PersonRegistry.addPerson` (its key is that of the feed's index). */
  readonly registry: { readonly cid: Float64Array; readonly stamp: Float64Array; readonly home: Uint8Array; readonly unit: Int32Array; readonly units: string[] } | null;
  /** Per person root of the plan (in order), per counter: the periods each row counts in, 0 for none. */
  readonly masks: Int32Array[][];
  /** A table other than PERSON: the person facts of each row a person counter counts (CID as a number, -1 for none; key). */
  readonly persons: { readonly cid: Float64Array; readonly keys: KeyColumn } | null;
}

/** The roots of person measures, whose rows are counted by person number. */
export function personRoots(plan: TablePlan): RootEval[] {
  return plan.roots.filter((r) => r.person !== null);
}

/** Whether a thread's digest covers every root of `plan` its counts do not: person measures that need no row kept (`latest`) and no row's place (`all`). */
export function digestible(plan: TablePlan): boolean {
  return personRoots(plan).every((r) => r.latest === null && !r.person!.tracks && r.counters.every((c) => c.members === null));
}

type Numbers = Float64Array | Int32Array | Uint8Array;
type NumbersOf<T extends Numbers> = (new (buffer: ArrayBuffer) => T) & { readonly BYTES_PER_ELEMENT: number };

/**
 * Buffers the main thread gave back (`DigestWriter.recycle`): a thread's digests move to the
 * main thread without a copy and come back once applied, so a run makes a few of them, not
 * a set per range (the main thread would hold every range's until its next collection).
 */
class BufferShelf {
  private readonly free: ArrayBuffer[] = [];
  put(buffers: readonly ArrayBuffer[]): void {
    this.free.push(...buffers);
  }
  /** Zeroed numbers over at least `bytes` bytes, a given-back buffer if one is large enough. */
  take<T extends Numbers>(type: NumbersOf<T>, bytes: number): T {
    // Any buffer long enough and a whole number of elements long (one that held bytes may not hold doubles).
    const at = this.free.findIndex((b) => b.byteLength >= bytes && b.byteLength % type.BYTES_PER_ELEMENT === 0);
    if (at < 0) return new type(new ArrayBuffer(bytes));
    const a = new type(this.free.splice(at, 1)[0]!);
    a.fill(0);
    return a;
  }
}

/** A growing column of numbers; `take` hands over its array (rows beyond those written are zero) and starts a fresh one. */
class Column<T extends Numbers> {
  private a: T;
  constructor(private readonly type: NumbersOf<T>, private readonly shelf: BufferShelf) {
    this.a = shelf.take(type, 1024 * type.BYTES_PER_ELEMENT);
  }
  set(i: number, v: number): void {
    if (i >= this.a.length) this.widen(i + 1);
    this.a[i] = v;
  }
  take(n: number): T {
    if (n > this.a.length) this.widen(n);
    const out = this.a;
    this.a = this.shelf.take(this.type, out.byteLength);
    return out;
  }
  private widen(n: number): void {
    const more = this.shelf.take(this.type, Math.max(this.a.length * 2, n) * this.type.BYTES_PER_ELEMENT);
    more.set(this.a);
    this.shelf.put([this.a.buffer as ArrayBuffer]);
    this.a = more;
  }
}

class KeyWriter {
  private readonly nums: Column<Float64Array>;
  private texts: string[] = [];
  constructor(shelf: BufferShelf) {
    this.nums = new Column(Float64Array, shelf);
  }
  set(i: number, k: Key): void {
    this.nums.set(i, typeof k === 'number' ? k : -1 - (this.texts.push(k) - 1));
  }
  get textCount(): number {
    return this.texts.length;
  }
  take(n: number): KeyColumn {
    const out = { nums: this.nums.take(n), texts: this.texts };
    this.texts = [];
    return out;
  }
}

function keyAt(c: KeyColumn, i: number): Key {
  const n = c.nums[i]!;
  return n >= 0 ? n : c.texts[-1 - n]!;
}

interface IndexWriter {
  readonly keys: KeyWriter;
  readonly codes: Column<Int32Array>[];
  readonly values: Value[][];
}

interface RegistryWriter {
  readonly cid: Column<Float64Array>;
  readonly stamp: Column<Float64Array>;
  readonly home: Column<Uint8Array>;
  readonly unit: Column<Int32Array>;
  readonly units: Map<string, number>;
}

/** On a counting thread: digests the rows of one range after another (`take` after each). */
export class DigestWriter {
  private rows = 0;
  private readonly indexes: IndexWriter[];
  private readonly registry: RegistryWriter | null;
  private readonly masks: Column<Int32Array>[][];
  private readonly persons: { readonly cid: Column<Float64Array>; readonly keys: KeyWriter } | null;
  /** Per root of the plan: its place among the person roots, or -1. */
  readonly personRoot: number[];

  private readonly shelf = new BufferShelf();

  constructor(private readonly plan: TablePlan) {
    const shelf = this.shelf;
    this.indexes = plan.indexes.map((ix) => ({ keys: new KeyWriter(shelf), codes: ix.columns.map(() => new Column(Int32Array, shelf)), values: ix.columns.map((): Value[] => []) }));
    this.registry = plan.persons ? { cid: new Column(Float64Array, shelf), stamp: new Column(Float64Array, shelf), home: new Column(Uint8Array, shelf), unit: new Column(Int32Array, shelf), units: new Map<string, number>() } : null;
    const roots = personRoots(plan);
    this.masks = roots.map((r) => r.counters.map(() => new Column(Int32Array, shelf)));
    this.persons = roots.some((r) => !r.person!.own) ? { cid: new Column(Float64Array, shelf), keys: new KeyWriter(shelf) } : null;
    this.personRoot = plan.roots.map((r) => roots.indexOf(r));
  }

  /** A row's keys, stored values and registry facts (before its roots are evaluated). */
  row(values: Value[]): void {
    const i = this.rows++;
    const indexes = this.plan.indexes;
    for (let x = 0; x < indexes.length; x++) {
      const ix = indexes[x]!;
      const d = this.indexes[x]!;
      d.keys.set(i, ix.keyOf(values));
      const cols = ix.columns;
      for (let c = 0; c < cols.length; c++) {
        const v = values[cols[c]!.slot] ?? null;
        const code = storedCode(v);
        d.codes[c]!.set(i, code);
        if (code === -1) d.values[c]!.push(v);
      }
    }
    const feed = this.plan.persons;
    const reg = this.registry;
    if (!feed || !reg) return;
    reg.cid.set(i, feed.cid(values) ?? -1);
    reg.stamp.set(i, feed.stamp(values));
    reg.home.set(i, feed.home(values));
    const unit = feed.unit(values);
    let u = reg.units.get(unit);
    if (u === undefined) { u = reg.units.size; reg.units.set(unit, u); }
    reg.unit.set(i, u);
  }

  /** The current row through person root number `k` (`personRoot`): the periods each of its counters counts it in, and its person's facts. */
  count(k: number, root: RootEval, row: Row, all: number): void {
    const mask = root.where(row, all);
    if (mask === 0) return;
    const i = this.rows - 1;
    let any = false;
    const counters = root.counters;
    for (let x = 0; x < counters.length; x++) {
      const m = counters[x]!.extra(row, mask);
      if (m !== 0) { this.masks[k]![x]!.set(i, m); any = true; }
    }
    if (!any || root.person!.own) return;
    this.persons!.cid.set(i, root.person!.cid(row) ?? -1);
    this.persons!.keys.set(i, root.person!.key(row));
  }

  /** Rows digested since the last `take`. */
  get size(): number {
    return this.rows;
  }

  /**
   * Whether the rows digested so far hold a text for every other row or more: keys of text (a
   * PID of 9 digits or more makes HOSPCODE + PID one), stored values coded -1. Each is a
   * string made here, copied to the main thread and hashed there again, which costs more than
   * posting the row itself: such a table is better read on the threads and counted on the
   * main thread.
   */
  textHeavy(): boolean {
    let texts = this.persons?.keys.textCount ?? 0;
    for (const ix of this.indexes) {
      texts += ix.keys.textCount;
      for (const v of ix.values) texts += v.length;
    }
    return texts * 2 > this.rows;
  }

  /** The rows digested since the last `take` (`null` for none: no buffers change hands). */
  take(): Digest | null {
    const n = this.rows;
    if (n === 0) return null;
    this.rows = 0;
    const reg = this.registry;
    const digest: Digest = {
      rows: n,
      indexes: this.indexes.map((d) => {
        const out = { keys: d.keys.take(n), codes: d.codes.map((c) => c.take(n)), values: d.values.map((v) => v.slice()) };
        for (const v of d.values) v.length = 0;
        return out;
      }),
      registry: reg ? { cid: reg.cid.take(n), stamp: reg.stamp.take(n), home: reg.home.take(n), unit: reg.unit.take(n), units: [...reg.units.keys()] } : null,
      masks: this.masks.map((cs) => cs.map((c) => c.take(n))),
      persons: this.persons ? { cid: this.persons.cid.take(n), keys: this.persons.keys.take(n) } : null,
    };
    reg?.units.clear();
    return digest;
  }

  /** Buffers of applied digests, to digest the next ranges into. */
  recycle(buffers: readonly ArrayBuffer[]): void {
    this.shelf.put(buffers);
  }
}

/** The buffers of a digest's numbers (moved between threads, and back once applied). */
export function digestBuffers(d: Digest): ArrayBuffer[] {
  const arrays: Numbers[] = [
    ...d.indexes.flatMap((ix) => [ix.keys.nums, ...ix.codes]),
    ...(d.registry ? [d.registry.cid, d.registry.stamp, d.registry.home, d.registry.unit] : []),
    ...d.masks.flat(),
    ...(d.persons ? [d.persons.cid, d.persons.keys.nums] : []),
  ];
  return arrays.map((a) => a.buffer as ArrayBuffer);
}

const NO_ROW: Row = { values: [], joined: [] };

/** On the main thread: one range's digest applied to `plan`, row by row (see above). */
export function applyDigest(plan: TablePlan, d: Digest, registry: PersonRegistry | null): void {
  const roots = personRoots(plan);
  // Persons that need no row's place are placed once counted, whatever the row.
  const places = roots.map((r) => r.place(NO_ROW, 0));
  const feed = plan.persons;
  const personKeys = feed ? d.indexes[plan.indexes.indexOf(feed.index)]!.keys : null;
  const next = d.indexes.map((ix) => ix.values.map(() => 0));
  for (let i = 0; i < d.rows; i++) {
    if (i % TOUCH_AHEAD === 0) touchAhead(plan, d, i, Math.min(d.rows, i + TOUCH_AHEAD), feed?.registry ?? null, personKeys);
    putRow(plan, d, i, next);
    const own = feed && d.registry ? feedRow(feed.registry, feed.index.lastRow, d.registry, personKeys!, i) : -1;
    let person = -1;
    for (let k = 0; k < roots.length; k++) {
      const root = roots[k]!;
      const masks = d.masks[k]!;
      for (let c = 0; c < masks.length; c++) {
        const m = masks[c]![i]!;
        if (m === 0) continue;
        if (person < 0) person = root.person!.own ? own : byFacts(registry!, d.persons!, i);
        root.counters[c]!.acc.add(m, places[k]!, person, null);
      }
    }
  }
}

/**
 * Rows whose hash slots are read ahead together (`touchAhead`): their cache misses then
 * overlap. A million PERSON rows took ~1.15 s of the main thread, most of it waiting on two
 * misses a row one after another.
 */
const TOUCH_AHEAD = 64;

/**
 * Reads ahead the slots that rows `from` … `to` - 1 will be numbered in: the join indexes', the
 * registry's. Only number keys: a negative entry of a key column stands for a text key.
 */
function touchAhead(plan: TablePlan, d: Digest, from: number, to: number, registry: PersonRegistry | null, personKeys: KeyColumn | null): void {
  for (let x = 0; x < plan.indexes.length; x++) {
    const ix = plan.indexes[x]!;
    const nums = d.indexes[x]!.keys.nums;
    for (let i = from; i < to; i++) if (nums[i]! >= 0) ix.touch(nums[i]!);
  }
  const r = d.registry;
  if (!registry || !r || !personKeys) return;
  for (let i = from; i < to; i++) {
    const cid = r.cid[i]!;
    const key = personKeys.nums[i]!;
    if (cid >= 0 || key >= 0) registry.touch(cid < 0 ? null : cid, key);
  }
}

function putRow(plan: TablePlan, d: Digest, i: number, next: number[][]): void {
  for (let x = 0; x < plan.indexes.length; x++) {
    const ix = plan.indexes[x]!;
    const dx = d.indexes[x]!;
    const row = ix.insertKey(keyAt(dx.keys, i));
    const cols = ix.columns;
    for (let c = 0; c < cols.length; c++) {
      const code = dx.codes[c]![i]!;
      cols[c]!.setDigested(row, code, code === -1 ? dx.values[c]![next[x]![c]!++]! : null);
    }
  }
}

function feedRow(registry: PersonRegistry, row: number, r: NonNullable<Digest['registry']>, keys: KeyColumn, i: number): number {
  const cid = r.cid[i]!;
  return registry.addPerson(row, cid < 0 ? null : cid, keyAt(keys, i), r.units[r.unit[i]!]!, r.stamp[i]!, r.home[i]!);
}

function byFacts(registry: PersonRegistry, p: NonNullable<Digest['persons']>, i: number): number {
  const cid = p.cid[i]!;
  return registry.personByFacts(cid < 0 ? null : cid, keyAt(p.keys, i));
}
