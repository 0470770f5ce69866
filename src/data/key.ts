import type { Value } from '../expr/kinds.js';

const SEP = '\u001f';
const ESC = '\u001e';

/**
 * A compact text key from several values (null and empty are the same). The parts are joined
 * by SEP; a part that holds SEP or ESC has each of them preceded by ESC, so a key splits into
 * its parts one way only and ('a␟b', 'c') and ('a', 'b␟c') stay two keys. Values without
 * either character (all real data) are joined as they are.
 */
export function keyOf(values: readonly Value[]): string {
  if (values.length === 1) return String(values[0] ?? '');
  let k = part(String(values[0] ?? ''));
  for (let i = 1; i < values.length; i++) k += SEP + part(String(values[i] ?? ''));
  return k;
}

function part(s: string): string {
  return s.indexOf(SEP) < 0 && s.indexOf(ESC) < 0 ? s : s.replace(/[\u001e\u001f]/g, (c) => ESC + c);
}

/**
 * A key for maps and sets: the same tuple always gives the same key, and two tuples that
 * `keyOf` tells apart never share one. Keys of digits (HOSPCODE, PID: the usual case) become
 * one number that holds the digits and their lengths, so leading zeros still count; anything
 * else falls back to `keyOf`'s text. Numbers cost no string, no hashing of text, and less memory.
 */
export type Key = number | string;

/** `text` read as digits: value × 16 + length, or -1 when it is not 0–13 ASCII digits. */
export function digitCode(text: string): number {
  const n = text.length;
  if (n > 13) return -1;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v * 16 + n;
}

const text = (v: Value): string => (typeof v === 'string' ? v : String(v ?? ''));
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13];

export function key1(a: Value): Key {
  const s = text(a);
  const c = digitCode(s);
  return c >= 0 ? c : s;
}

export function key2(a: Value, b: Value): Key {
  const s = text(a);
  const t = text(b);
  if (s.length + t.length <= 13) {
    const x = digitCode(s);
    const y = x < 0 ? -1 : digitCode(t);
    // (a's digits, b's digits, b's length, a's length): at most 13 digits × 256 < 2^53, exact.
    if (y >= 0) return ((Math.floor(x / 16) * POW10[t.length]! + Math.floor(y / 16)) * 16 + t.length) * 16 + s.length;
  }
  return part(s) + SEP + part(t);
}

export function keyN(values: readonly Value[]): Key {
  if (values.length === 1) return key1(values[0] ?? null);
  if (values.length === 2) return key2(values[0] ?? null, values[1] ?? null);
  return keyOf(values);
}

/** A key function over fixed slots of a row's values, specialised for one and two columns. */
export function slotKey(slots: readonly number[]): (values: Value[]) => Key {
  const [s0, s1] = slots;
  if (slots.length === 1) return (v) => key1(v[s0!] ?? null);
  if (slots.length === 2) return (v) => key2(v[s0!] ?? null, v[s1!] ?? null);
  return (v) => keyOf(slots.map((s) => v[s] ?? null));
}
