/** A set of small numbers (0, 1, 2, … as a key table hands them out), one bit each: persons, units. */
export class IdSet {
  private bits: Uint32Array;
  private count = 0;

  constructor(capacity = 1024) {
    this.bits = new Uint32Array(Math.max(1, capacity >>> 5));
  }

  get size(): number {
    return this.count;
  }

  add(p: number): void {
    const w = p >>> 5;
    if (w >= this.bits.length) {
      const more = new Uint32Array(Math.max(this.bits.length * 2, w + 1));
      more.set(this.bits);
      this.bits = more;
    }
    const mask = 1 << (p & 31);
    if ((this.bits[w]! & mask) === 0) { this.bits[w] = this.bits[w]! | mask; this.count++; }
  }

  has(p: number): boolean {
    const w = p >>> 5;
    return w < this.bits.length && (this.bits[w]! & (1 << (p & 31))) !== 0;
  }

  /** Every number in the set, in order (for persons: the order they were first met). */
  forEach(fn: (p: number) => void): void {
    const bits = this.bits;
    for (let w = 0; w < bits.length; w++) {
      let b = bits[w]!;
      while (b !== 0) {
        const low = b & -b;
        fn((w << 5) + 31 - Math.clz32(low));
        b ^= low;
      }
    }
  }

  /** The numbers of this set that `keep` says yes to. */
  filter(keep: (p: number) => boolean): IdSet {
    const out = new IdSet(this.bits.length << 5);
    this.forEach((p) => { if (keep(p)) out.add(p); });
    return out;
  }

  union(other: IdSet): IdSet {
    const out = this.filter(() => true);
    other.forEach((p) => out.add(p));
    return out;
  }
}
