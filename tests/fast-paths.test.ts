import { describe, expect, it } from 'vitest';
import { readableAt, valueFromBytes } from '../src/data/field-value.js';
import { StoredColumn } from '../src/engine/join-index.js';
import { KeyTable } from '../src/data/key-table.js';
import { key1, key2, keyOf, type Key } from '../src/engine/row.js';
import { strictNumber } from '../src/expr/compile.js';
import { isValidDate, isValidDateTime } from '../src/expr/dates.js';
import { prng } from '../bench/prng.mjs';
import type { Value } from '../src/expr/kinds.js';

/**
 * The fast paths must agree with the plain definitions they replace: values typed from bytes
 * with `num()`/date rules applied to text, compact keys with `keyOf`, the key table with a Map.
 */

const PIECES = ['0', '1', '2', '9', '12', '2024', '0229', '1231', '-', '.', ',', 'e', ' ', 'ก', '00', '235959', '240000', '20230230', '20240229'];

function randomText(rnd: () => number): string {
  let s = '';
  for (let n = Math.floor(rnd() * 5); n >= 0; n--) s += PIECES[Math.floor(rnd() * PIECES.length)]!;
  return rnd() < 0.1 ? '' : s;
}

/** What read.ts's text path gives for the same field (a column that is not summed). */
function fromText(raw: string, type: 'C' | 'N' | 'D' | 'DT') {
  if (raw === '') return null;
  if (type === 'N') return strictNumber(raw);
  // Years from 2400 on are Buddhist Era years, which the 43 files do not use.
  const ce = Number(raw.slice(0, 4)) < 2400;
  if (type === 'D') return isValidDate(raw) && ce ? raw : undefined;
  if (type === 'DT') return isValidDateTime(raw) && ce ? raw : undefined;
  return raw;
}

describe('values typed from bytes', () => {
  it('equal the text rules for 20,000 random fields of every type', () => {
    const rnd = prng(6);
    const decode = (b: Buffer, s: number, e: number) => b.toString('utf8', s, e);
    for (let n = 0; n < 20000; n++) {
      const raw = randomText(rnd);
      const buf = Buffer.from(`|${raw}|`, 'utf8');
      for (const type of ['C', 'N', 'D', 'DT'] as const) {
        expect(valueFromBytes(buf, 1, buf.length - 1, type, decode), `${type} ${JSON.stringify(raw)}`).toEqual(fromText(raw, type));
        // The reader's check of a row it does not build (a gated row) says the same.
        expect(readableAt(buf, 1, buf.length - 1, type), `${type} ${JSON.stringify(raw)}`).toBe(fromText(raw, type) !== undefined);
      }
    }
  });

  it('reads numbers exactly as Number() does, long ones included', () => {
    for (const raw of ['0', '-0', '23.5', '0.1', '-12.75', '123456789012345', '1234567890123456789', '0.000000000000001', '99999999999999.9', '007', '7.10']) {
      const buf = Buffer.from(raw);
      expect(valueFromBytes(buf, 0, buf.length, 'N', () => ''), raw).toBe(Number(raw));
    }
  });
});

describe('compact keys', () => {
  it('tell tuples apart exactly when keyOf does', () => {
    const rnd = prng(42);
    const vals = ['', '0', '00', '1', '01', '10', '001', '12345', '1234567', '12345678901234', 'A1', '1.5', ' 1', 'ก'];
    const seen = new Map<Key, string>();
    for (let n = 0; n < 5000; n++) {
      const a = rnd() < 0.1 ? null : vals[Math.floor(rnd() * vals.length)]!;
      const b = rnd() < 0.1 ? null : vals[Math.floor(rnd() * vals.length)]!;
      const text = keyOf([a, b]);
      const k = key2(a, b);
      if (seen.has(k)) expect(seen.get(k), `${String(a)},${String(b)}`).toBe(text);
      else seen.set(k, text);
      expect(key1(a)).toEqual(key1(a ?? ''));
    }
    // And every distinct keyOf text got its own key.
    expect(new Set(seen.values()).size).toBe(seen.size);
  });

  it('keep tuples apart whose values hold the separator or its escape', () => {
    // Worked by hand: joined plainly, each pair below would read as the same text.
    const pairs: Array<[Value[], Value[]]> = [
      [['a\u001fb', 'c'], ['a', 'b\u001fc']],
      [['a\u001e', '\u001fb'], ['a\u001e\u001f', 'b']],
      [['', '\u001f'], ['\u001f', '']],
      [['x', 'y\u001fz', 'w'], ['x\u001fy', 'z', 'w']],
    ];
    for (const [p, q] of pairs) {
      expect(keyOf(p), JSON.stringify([p, q])).not.toBe(keyOf(q));
      if (p.length === 2) expect(key2(p[0]!, p[1]!)).not.toBe(key2(q[0]!, q[1]!));
    }
    // Values without either character join as before.
    expect(keyOf(['A1', 'ก'])).toBe('A1\u001fก');
    expect(key2('A1', 'ก')).toBe(keyOf(['A1', 'ก']));
  });

  it('split every key of random pieces into its one tuple', () => {
    const rnd = prng(11);
    const pieces = ['', 'a', '\u001f', '\u001e', 'b\u001f', '\u001ea'];
    const seen = new Map<string, string>();
    for (let n = 0; n < 20000; n++) {
      const arity = 2 + Math.floor(rnd() * 2);
      const tuple = Array.from({ length: arity }, () => pieces[Math.floor(rnd() * pieces.length)]! + pieces[Math.floor(rnd() * pieces.length)]!);
      const k = keyOf(tuple);
      const id = JSON.stringify(tuple);
      expect(seen.get(k) ?? id, id).toBe(id);
      seen.set(k, id);
    }
  });

  it('start from any capacity and refuse number keys a text key could be mistaken for', () => {
    for (const capacity of [0, 1, 3, 5]) {
      const table = new KeyTable(capacity);
      for (let k = 0; k < 40; k++) expect(table.insert(k * 7)).toBe(k);
      expect(table.get(14)).toBe(2);
      expect(table.size).toBe(40);
    }
    const table = new KeyTable();
    // The first text key sits at place 0 of the text arena, stored as -1 - 0 = -1.
    expect(table.insert('t')).toBe(0);
    expect(table.get(-1)).toBe(-1);
    expect(() => table.insert(-1)).toThrow(RangeError);
    expect(() => table.insert(Number.NaN)).toThrow(RangeError);
    expect(table.keysInOrder()).toEqual(['t']);
  });

  it('numbers a key table the way a Map of first appearances does (reading ahead changes nothing)', () => {
    const rnd = prng(7);
    const table = new KeyTable(4);
    const map = new Map<Key, number>();
    for (let n = 0; n < 50000; n++) {
      const k: Key = rnd() < 0.1 ? `t${Math.floor(rnd() * 500)}` : Math.floor(rnd() * 2 ** 52 * (rnd() < 0.5 ? 1e-9 : 1));
      if (rnd() < 0.1) table.touch(k);
      if (rnd() < 0.3) { expect(table.get(k)).toBe(map.get(k) ?? -1); continue; }
      if (!map.has(k)) map.set(k, map.size);
      expect(table.insert(k)).toBe(map.get(k));
    }
    expect(table.size).toBe(map.size);
  });
});

describe('join index columns', () => {
  it('give back every value stored, replaced or not', () => {
    const rnd = prng(9);
    const vals = [null, '', '0', '00', '9', '1', '3', '007', '19950315', '123456789', '99999999', 'W74', 'ไทย', 12.5, 0, true];
    const col = new StoredColumn(0);
    const want: Array<string | number | boolean | null> = [];
    for (let n = 0; n < 5000; n++) {
      const i = rnd() < 0.8 ? want.length : Math.floor(rnd() * Math.max(1, want.length));
      const v = vals[Math.floor(rnd() * vals.length)]!;
      col.set(i, v);
      want[i] = v;
    }
    want.forEach((v, i) => expect(col.get(i), `row ${i}`).toBe(v));
  });
});
