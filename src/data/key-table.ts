import type { Key } from './key.js';

/**
 * Numbers each distinct key 0, 1, 2, … in order of first sight, in typed arrays only, so it
 * has no size limit but memory (a JS `Map` or `Set` stops at 2^24 entries) and nothing for
 * the garbage collector to trace. An open-addressing hash at most half full (4 bytes a slot)
 * holds key numbers; number keys (the usual HOSPCODE + PID) are kept densely by key number
 * (8 bytes each), text keys as their UTF-16 code units in one growing arena (2 bytes a
 * character plus a 2-unit length), the key number's entry pointing there.
 *
 * A slot's low bits (`mask`) hold the key number + 1; its high bits hold the same high bits of
 * the key's hash. A probe that meets another key's slot is turned away on those bits, without
 * reading that key: on a table of a million keys each such read is a cache miss, and on a
 * machine whose caches other threads share, those misses were most of an insert's time.
 */
export class KeyTable {
  /** Slot → key number + 1 in the bits of `mask` (0 = empty), the key's hash in the bits above. */
  private slots: Int32Array;
  private mask: number;
  /** Key number → the number key, or for a text key -1 - its offset in `chars`. */
  private keys: Float64Array;
  /** Text keys: a length (two code units: high, low) then the code units. */
  private chars: Uint16Array = new Uint16Array(0);
  private used = 0;
  private count = 0;
  /** What `touch` read, kept so that the read is not optimized away. */
  private touched = 0;
  /** Arrays made from now on live on shared memory (`reserve(n, true)`), so that `share` copies nothing. */
  private onShared = false;

  /** `capacity`: slots to start with (rounded up to a power of two, 2 at least); tables grow by doubling, so small ones (a distinct count per unit) stay small. */
  constructor(capacity = 16) {
    let size = 2;
    while (size < capacity) size *= 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    this.keys = new Float64Array(size >> 1);
  }

  /**
   * The table's arrays moved onto shared memory (one copy, once the table is complete), so
   * evaluating threads read it through `KeyTable.adopt` without a copy each. This table keeps
   * working on the shared arrays; nothing may insert while another thread reads.
   */
  share(): KeyTableState {
    this.slots = shared(this.slots);
    this.keys = shared(this.keys);
    this.chars = shared(this.chars.subarray(0, this.used));
    return { slots: this.slots, keys: this.keys, chars: this.chars, used: this.used, count: this.count };
  }

  /** A table over the arrays another thread shared: for `get` only. */
  static adopt(state: KeyTableState): KeyTable {
    const t = new KeyTable(1);
    t.slots = state.slots;
    t.mask = state.slots.length - 1;
    t.keys = state.keys;
    t.chars = state.chars;
    t.used = state.used;
    t.count = state.count;
    return t;
  }

  /** Forgets every key, keeping the arrays (a counting thread's per-place tables, emptied after each range). */
  clear(): void {
    this.slots.fill(0);
    this.used = 0;
    this.count = 0;
  }

  /** Every key, by number (order of first sight). */
  keysInOrder(): Key[] {
    const out = new Array<Key>(this.count);
    for (let id = 0; id < this.count; id++) {
      const k = this.keys[id]!;
      out[id] = k >= 0 ? k : this.textAt(-1 - k);
    }
    return out;
  }

  private textAt(at: number): string {
    const { chars } = this;
    const n = chars[at]! * 65536 + chars[at + 1]!;
    let s = '';
    for (let j = 0; j < n; j++) s += String.fromCharCode(chars[at + 2 + j]!);
    return s;
  }

  /** How many distinct keys were inserted. */
  get size(): number {
    return this.count;
  }

  /** Bytes held by the arrays, for memory messages. */
  get bytes(): number {
    return this.slots.byteLength + this.keys.byteLength + this.chars.byteLength;
  }

  /**
   * Makes room for `n` keys in all, so that a table whose size is known ahead (a join index on
   * a million persons) is not rehashed a dozen times on the way.
   */
  reserve(n: number, onShared = false): void {
    this.onShared ||= onShared;
    if (n > this.keys.length) this.keys = grown(this.keys, n, this.onShared);
    let size = this.slots.length;
    while (n * 2 > size - 1) size *= 2;
    if (size > this.slots.length) this.grow(size);
  }

  /** The number of `key`, or -1 when it was never inserted. */
  get(key: Key): number {
    const { slots, mask } = this;
    const h = hashKey(key);
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const s = slots[i]!;
      if (s === 0) return -1;
      if (((s ^ h) & ~mask) === 0 && this.equals((s & mask) - 1, key)) return (s & mask) - 1;
    }
  }

  /**
   * Reads the slot where a number key's probe starts, changing nothing. Called for a batch of
   * keys before inserting them, it lets their cache misses overlap instead of coming one
   * after another: on a large table that is most of an insert's time.
   */
  touch(key: Key): void {
    if (typeof key === 'number') this.touched ^= this.slots[hashNumber(key) & this.mask]!;
  }

  /** The number of `key`, giving it the next one when it is new. */
  insert(key: Key): number {
    // A negative number would read as a text key's place in `chars`. The key is not named: a
    // person's is their CID as a number.
    if (typeof key === 'number' && !(key >= 0 && key <= Number.MAX_SAFE_INTEGER)) throw new RangeError('a key table holds number keys from 0 to 2^53 - 1 only');
    const { slots, mask } = this;
    const h = hashKey(key);
    let i = h & mask;
    for (; ; i = (i + 1) & mask) {
      const s = slots[i]!;
      if (s === 0) break;
      if (((s ^ h) & ~mask) === 0 && this.equals((s & mask) - 1, key)) return (s & mask) - 1;
    }
    const id = this.count++;
    if (id >= this.keys.length) this.keys = grown(this.keys, id + 1, this.onShared);
    this.keys[id] = typeof key === 'number' ? key : -1 - this.store(key);
    slots[i] = (h & ~mask) | (id + 1);
    // Kept at most half full, so probes stay short.
    if (this.count * 2 > mask) this.grow();
    return id;
  }

  private equals(id: number, key: Key): boolean {
    const k = this.keys[id]!;
    // A negative `k` is a text key's place, which no number key (never negative) can equal.
    if (typeof key === 'number') return k === key && k >= 0;
    if (k >= 0) return false;
    const { chars } = this;
    const at = -1 - k;
    const n = chars[at]! * 65536 + chars[at + 1]!;
    if (n !== key.length) return false;
    for (let j = 0; j < n; j++) if (chars[at + 2 + j] !== key.charCodeAt(j)) return false;
    return true;
  }

  private store(key: string): number {
    const at = this.used;
    const need = at + 2 + key.length;
    if (need > this.chars.length) this.chars = grown(this.chars, need, this.onShared);
    const { chars } = this;
    chars[at] = Math.floor(key.length / 65536);
    chars[at + 1] = key.length & 0xffff;
    for (let j = 0; j < key.length; j++) chars[at + 2 + j] = key.charCodeAt(j);
    this.used = need;
    return at;
  }

  private grow(size = this.slots.length * 2): void {
    const slots = allocate(Int32Array, size, this.onShared);
    const mask = size - 1;
    const keys = this.keys;
    for (let id = 0; id < this.count; id++) {
      const k = keys[id]!;
      const h = k >= 0 ? hashNumber(k) : hashStored(this.chars, -1 - k);
      let i = h & mask;
      while (slots[i] !== 0) i = (i + 1) & mask;
      slots[i] = (h & ~mask) | (id + 1);
    }
    this.slots = slots;
    this.mask = mask;
  }
}

/** What a shared key table is made of, as posted to another thread. */
export interface KeyTableState {
  readonly slots: Int32Array;
  readonly keys: Float64Array;
  readonly chars: Uint16Array;
  readonly used: number;
  readonly count: number;
}

/** A copy of `a` on a `SharedArrayBuffer` (`a` itself when it is there already). */
export function shared<T extends Int32Array | Float64Array | Uint16Array>(a: T): T {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const out = allocate(a.constructor as TypedArrayOf<T>, a.length, true);
  out.set(a);
  return out;
}

/** A copy at least `need` long, doubling, so that n inserts cost O(n) copying in all. */
function grown<T extends Float64Array | Uint16Array>(a: T, need: number, onShared: boolean): T {
  let n = Math.max(8, a.length * 2);
  while (n < need) n *= 2;
  const more = allocate(a.constructor as TypedArrayOf<T>, n, onShared);
  more.set(a);
  return more;
}

type TypedArrayOf<T> = { new (n: number): T; new (b: SharedArrayBuffer): T; readonly BYTES_PER_ELEMENT: number };

/** `n` zeros, on shared memory or not. */
export function allocate<T>(kind: TypedArrayOf<T>, n: number, onShared: boolean): T {
  return onShared ? new kind(new SharedArrayBuffer(n * kind.BYTES_PER_ELEMENT)) : new kind(n);
}

function hashKey(key: Key): number {
  return typeof key === 'number' ? hashNumber(key) : hashText(key);
}

/** Keys are non-negative integers below 2^53: mix both 32-bit halves. */
function hashNumber(k: number): number {
  const lo = k >>> 0;
  const hi = (k / 4294967296) >>> 0;
  let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** FNV-1a over the code units, then mixed. */
function hashText(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return mix(h);
}

/** `hashText` of a key stored at `at` in the arena, without making its string. */
function hashStored(chars: Uint16Array, at: number): number {
  const n = chars[at]! * 65536 + chars[at + 1]!;
  let h = 0x811c9dc5;
  for (let i = 0; i < n; i++) h = Math.imul(h ^ chars[at + 2 + i]!, 0x01000193);
  return mix(h);
}

function mix(h: number): number {
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  return (h ^ (h >>> 13)) >>> 0;
}
