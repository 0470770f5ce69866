import { daysInMonth } from '../expr/dates.js';
import type { Value } from '../expr/kinds.js';
import type { Decoder } from './split.js';
import type { FieldType } from './tables.js';

/**
 * A field's typed value straight from its bytes, the same value `typed()` in read.ts gives
 * from its decoded text: no string is made for numbers, and ASCII text is made without a
 * decoder (ASCII is the same in UTF-8 and TIS-620). `null` for empty, `undefined` when the
 * row cannot be read (a bad date). Summed columns (summary exports, small) are not read here
 * but by `typed()` itself, so their rules live in one place.
 */
export function valueFromBytes(buf: Buffer, s: number, e: number, type: FieldType, decode: Decoder): Value | undefined {
  if (e === s) return null;
  switch (type) {
    // A byte ≥ 0x80 is no digit, so numbers and dates need no separate ASCII test.
    case 'N': return strictNumberAt(buf, s, e);
    case 'D': case 'DT': return readableAt(buf, s, e, type) ? asciiText(buf, s, e) : undefined;
    default: return isAscii(buf, s, e) ? asciiText(buf, s, e) : decode(buf, s, e);
  }
}

/** A `D` field as `valueFromBytes` reads it, as the number `YYYYMMDD`: 0 when empty, -1 when it cannot be read. */
export function dateNumberAt(b: Buffer, s: number, e: number): number {
  if (e === s) return 0;
  return e - s === 8 && validDateAt(b, s) ? digitsAt(b, s, 8) : -1;
}

/** Whether `valueFromBytes` reads the field (is not `undefined`), without making its value: only a date can fail. */
export function readableAt(buf: Buffer, s: number, e: number, type: FieldType): boolean {
  if (e === s) return true;
  if (type === 'D') return e - s === 8 && validDateAt(buf, s);
  if (type === 'DT') return e - s === 14 && validDateAt(buf, s) && validTimeAt(buf, s + 8);
  return true;
}

function isAscii(b: Buffer, s: number, e: number): boolean {
  for (let i = s; i < e; i++) if (b[i]! >= 0x80) return false;
  return true;
}

/** ASCII bytes as a string; short ones without the native call, which costs more than they do. */
export function asciiText(b: Buffer, s: number, e: number): string {
  const f = String.fromCharCode;
  switch (e - s) {
    case 1: return f(b[s]!);
    case 2: return f(b[s]!, b[s + 1]!);
    case 3: return f(b[s]!, b[s + 1]!, b[s + 2]!);
    case 4: return f(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!);
    case 5: return f(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!);
    case 6: return f(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!);
    case 7: return f(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!);
    case 8: return f(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!);
    default: return b.toString('latin1', s, e);
  }
}

const ZERO = 48;
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * `num()`'s strict reading (`-?digits[.digits]`) from bytes. With at most 15 digits the digits
 * as an integer and the power of ten are exact doubles, so their quotient is the correctly
 * rounded value, exactly what `Number(text)` gives; longer ones go through `Number`.
 */
export function strictNumberAt(b: Buffer, s: number, e: number): number | null {
  let i = s;
  const neg = b[i] === 45;
  if (neg) i++;
  let m = 0;
  let digits = 0;
  let frac = -1;
  for (; i < e; i++) {
    const d = b[i]! - ZERO;
    if (d >= 0 && d <= 9) { m = m * 10 + d; digits++; continue; }
    if (b[i] !== 46 || frac !== -1 || digits === 0) return null;
    frac = digits;
  }
  if (digits === 0 || frac === digits) return null;
  if (digits > 15) return Number(b.toString('latin1', s, e));
  const v = frac === -1 ? m : m / POW10[digits - frac]!;
  return neg ? -v : v;
}

/** The `n` bytes from `s` read as ASCII digits, -1 when one is not a digit. */
export function digitsAt(b: Buffer, s: number, n: number): number {
  let v = 0;
  for (let i = s; i < s + n; i++) {
    const d = b[i]! - ZERO;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** A real calendar date `YYYYMMDD` from year 1000 on, as `isValidDate`, and not a Buddhist Era year. */
function validDateAt(b: Buffer, s: number): boolean {
  const y = digitsAt(b, s, 4);
  const m = digitsAt(b, s + 4, 2);
  const d = digitsAt(b, s + 6, 2);
  return y >= 1000 && y < BUDDHIST_FROM && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/**
 * Years from 2400 on are Buddhist Era years (BE 2400 is 1857 CE; no CE date in a health
 * export is that late): `25661201` is 1 December 2023 written in BE, which the 43 files
 * do not use, and read as CE it would silently fall outside every period.
 */
const BUDDHIST_FROM = 2400;

export function isBuddhistYear(date: string): boolean {
  return date.length >= 8 && /^\d{8}/.test(date) && Number(date.slice(0, 4)) >= BUDDHIST_FROM;
}

/** `HHMMSS` of a valid time of day, as `isValidDateTime`. */
function validTimeAt(b: Buffer, s: number): boolean {
  const h = digitsAt(b, s, 2);
  const mi = digitsAt(b, s + 2, 2);
  const se = digitsAt(b, s + 4, 2);
  return h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && se >= 0 && se <= 59;
}
