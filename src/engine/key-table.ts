import type { Key } from './row.js';

/**
 * Numbers each distinct key 0, 1, 2, … in order of first sight. Number keys (the usual
 * HOSPCODE + PID) are kept in typed arrays — the keys densely by number (8 bytes each) and an
 * open-addressing hash of numbers at most half full (4 bytes a slot) — so there is nothing for
 * the garbage collector to trace, where a `Map` would box every key above 2^30 and keep an
 * entry for it; text keys go to a `Map`.
 */
export class KeyTable {
  /** Slot → key number + 1 (0 = empty). */
  private slots: Int32Array;
  private mask: number;
  /** Key number → key, for the number keys (a text key's number is never looked up here). */
  private keys: Float64Array;
  private count = 0;
  private numbers = 0;
  private readonly texts = new Map<string, number>();

  /** `capacity`: a power of two; tables grow by doubling, so small ones (a distinct count per unit) stay small. */
  constructor(capacity = 16) {
    this.slots = new Int32Array(capacity);
    this.mask = capacity - 1;
    this.keys = new Float64Array(capacity >> 1);
  }

  /** How many distinct keys were inserted. */
  get size(): number {
    return this.count;
  }

  /** The number of `key`, or -1 when it was never inserted. */
  get(key: Key): number {
    if (typeof key === 'string') return this.texts.get(key) ?? -1;
    const { slots, keys, mask } = this;
    for (let i = hash(key) & mask; ; i = (i + 1) & mask) {
      const id = slots[i]! - 1;
      if (id < 0) return -1;
      if (keys[id] === key) return id;
    }
  }

  /** The number of `key`, giving it the next one when it is new. */
  insert(key: Key): number {
    if (typeof key === 'string') {
      let id = this.texts.get(key);
      if (id === undefined) { id = this.count++; this.texts.set(key, id); }
      return id;
    }
    const { slots, keys, mask } = this;
    let i = hash(key) & mask;
    for (; ; i = (i + 1) & mask) {
      const id = slots[i]! - 1;
      if (id < 0) break;
      if (keys[id] === key) return id;
    }
    const id = this.count++;
    if (id >= keys.length) {
      let n = Math.max(8, keys.length * 2);
      while (n <= id) n *= 2;
      const more = new Float64Array(n);
      more.set(keys);
      this.keys = more;
    }
    this.keys[id] = key;
    slots[i] = id + 1;
    // Kept at most half full, so probes stay short.
    if (++this.numbers * 2 > mask) this.grow();
    return id;
  }

  private grow(): void {
    const size = this.slots.length * 2;
    const slots = new Int32Array(size);
    const mask = size - 1;
    const keys = this.keys;
    for (const old of this.slots) {
      if (old === 0) continue;
      let i = hash(keys[old - 1]!) & mask;
      while (slots[i] !== 0) i = (i + 1) & mask;
      slots[i] = old;
    }
    this.slots = slots;
    this.mask = mask;
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
