import { ExprError } from './errors.js';

/** A compiled ICD-10 pattern list: codes and inclusive ranges, dot-less, any depth. */
export type IcdMatcher = (code: string) => boolean;

const CODE = /^[A-Z][0-9A-Z]{1,6}$/;

export function normaliseIcd(code: string): string {
  return code.replace(/\./g, '').trim().toUpperCase();
}

/**
 * 'W65-W74' covers every code whose first 3 characters lie in W65…W74 (so W749,
 * not W75); 'X34' covers X34 and all its sub-codes. Range ends compare at their
 * own depth, so 'I20-I25' covers I259 and 'E10-E149' covers E1499.
 */
export function icdMatcher(patterns: Array<{ text: string; start: number; end: number }>): IcdMatcher {
  const tests = patterns.map(({ text, start, end }) => {
    const parts = normaliseIcd(text).split('-');
    if (parts.length > 2 || !parts.every((p) => CODE.test(p))) {
      throw new ExprError(`'${text}' is not an ICD-10 code or range such as 'W65-W74'`, start, end);
    }
    const lo = parts[0]!;
    const hi = parts[1] ?? lo;
    if (hi.slice(0, lo.length) < lo.slice(0, hi.length)) throw new ExprError(`ICD-10 range '${text}' ends before it starts`, start, end);
    return (c: string) => c.slice(0, lo.length) >= lo && c.slice(0, hi.length) <= hi;
  });
  return (code) => {
    const c = normaliseIcd(code);
    if (c === '') return false;
    for (const t of tests) if (t(c)) return true;
    return false;
  };
}
