import type { Key } from './row.js';

const EMPTY = -1;

/**
 * Numbers each distinct key 0, 1, 2, … in order of first sight. Number keys (the usual
 * HOSPCODE + PID) live in an open-addressing table of typed arrays — 12 bytes a slot, nothing
 * for the garbage collector to trace — where a `Map` would box every key above 2^30 and
 * keep an entry object for it; text keys go to a `Map`.
 */
export class KeyTable {
  private keys: Float64Array;
  private ids: Int32Array;
  private mask: number;
  private numbers = 0;
  private readonly texts = new Map<string, number>();

  /** `capacity`: a power of two; tables grow by doubling, so small ones (a distinct count per unit) stay small. */
  constructor(capacity = 16) {
    this.keys = new Float64Array(capacity).fill(EMPTY);
    this.ids = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  /** How many distinct keys were inserted. */
  get size(): number {
    return this.numbers + this.texts.size;
  }

  /** The number of `key`, or -1 when it was never inserted. */
  get(key: Key): number {
    if (typeof key === 'string') return this.texts.get(key) ?? -1;
    const keys = this.keys;
    for (let i = hash(key) & this.mask; ; i = (i + 1) & this.mask) {
      const k = keys[i]!;
      if (k === key) return this.ids[i]!;
      if (k === EMPTY) return -1;
    }
  }

  /** The number of `key`, giving it the next one when it is new. */
  insert(key: Key): number {
    if (typeof key === 'string') {
      let id = this.texts.get(key);
      if (id === undefined) { id = this.size; this.texts.set(key, id); }
      return id;
    }
    const keys = this.keys;
    let i = hash(key) & this.mask;
    for (; ; i = (i + 1) & this.mask) {
      const k = keys[i]!;
      if (k === key) return this.ids[i]!;
      if (k === EMPTY) break;
    }
    const id = this.size;
    keys[i] = key;
    this.ids[i] = id;
    // Kept at most half full, so probes stay short.
    if (++this.numbers * 2 > this.mask) this.grow();
    return id;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldIds = this.ids;
    const size = oldKeys.length * 2;
    this.keys = new Float64Array(size).fill(EMPTY);
    this.ids = new Int32Array(size);
    this.mask = size - 1;
    for (let j = 0; j < oldKeys.length; j++) {
      const k = oldKeys[j]!;
      if (k === EMPTY) continue;
      let i = hash(k) & this.mask;
      while (this.keys[i] !== EMPTY) i = (i + 1) & this.mask;
      this.keys[i] = k;
      this.ids[i] = oldIds[j]!;
    }
  }
}

/** Keys are non-negative integers below 2^53: mix both 32-bit halves. */
function hash(k: number): number {
  const lo = k >>> 0;
  const hi = (k / 4294967296) >>> 0;
  let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
