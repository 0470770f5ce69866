import type { CompareOp, Expr } from './ast.js';
import { addSpan, ageMonths, ageYears, daysBetween, toDate } from './dates.js';
import { icdMatcher } from './icd10.js';
import type { Kind, Value } from './kinds.js';

export type Getter<C> = (ctx: C) => Value;

export interface CompileEnv<C> {
  /** A getter for a name the checker has accepted. */
  resolve(name: string): { get: Getter<C>; kind: Kind };
  /** Inclusive `YYYYMMDD` bounds of `period`. */
  readonly period: { readonly start: string; readonly end: string };
}

/** Numbers from decimal text can meet exactly (BMI 25.0) yet differ in the last bit. */
const RELATIVE_EPSILON = 1e-9;

function numCompare(a: number, b: number): number {
  const diff = a - b;
  if (Math.abs(diff) <= RELATIVE_EPSILON * Math.max(1, Math.abs(a), Math.abs(b))) return 0;
  return diff < 0 ? -1 : 1;
}

const STRICT_NUMBER = /^-?\d+(\.\d+)?$/;

/** The strict reading of `num()`: `23,5`, `1e2`, ` 12` and empty are no number. */
export function strictNumber(v: Value): number | null {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string' || !STRICT_NUMBER.test(v)) return null;
  return Number(v);
}

/** SQL-style comparison: `null` when either side is empty or the two cannot be compared. */
export function compareValues(a: Value, b: Value): number | null {
  if (a === null || b === null || typeof a === 'boolean' || typeof b === 'boolean') return null;
  if (typeof a === 'number' || typeof b === 'number') {
    const x = strictNumber(a);
    const y = strictNumber(b);
    return x === null || y === null ? null : numCompare(x, y);
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

const TESTS: Record<CompareOp, (c: number) => boolean> = {
  '=': (c) => c === 0, '!=': (c) => c !== 0, '<': (c) => c < 0, '<=': (c) => c <= 0, '>': (c) => c > 0, '>=': (c) => c >= 0,
};

const isEmpty = (v: Value) => v === null || v === '';

/** Compiles a checked expression once into a closure; the hot path never walks the tree. */
export function compileExpr<C>(e: Expr, env: CompileEnv<C>): Getter<C> {
  const c = (x: Expr) => compileExpr(x, env);
  switch (e.kind) {
    case 'number': { const n = Number(e.text); return () => n; }
    case 'string': { const s = e.value; return () => s; }
    case 'name': return env.resolve(e.name).get;
    case 'call': return compileCall(e, env);
    case 'neg': { const f = c(e.operand); return (x) => { const v = strictNumber(f(x)); return v === null ? null : -v; }; }
    case 'arith': {
      if (e.right.kind === 'span') {
        const d = asDate(e.left, env); const { unit } = e.right; const n = e.op === '-' ? -e.right.amount : e.right.amount;
        return (x) => { const v = d(x); return v === null ? null : addSpan(v, n, unit); };
      }
      return compileArith(e.op, c(e.left), c(e.right));
    }
    case 'span': throw new Error('a duration stands only after a date and + or -');
    case 'compare': {
      const l = c(e.left); const r = c(e.right); const t = TESTS[e.op];
      return (x) => { const k = compareValues(l(x), r(x)); return k === null ? null : t(k); };
    }
    case 'in': {
      const f = c(e.operand); const items = e.list.map(c); const neg = e.negated;
      return (x) => {
        const v = f(x);
        if (isEmpty(v)) return null;
        let unknown = false;
        for (const it of items) {
          const k = compareValues(v, it(x));
          if (k === 0) return !neg;
          if (k === null) unknown = true;
        }
        return unknown ? null : neg;
      };
    }
    case 'between': {
      const f = c(e.operand); const lo = c(e.low); const hi = c(e.high); const neg = e.negated;
      return (x) => {
        const v = f(x);
        const a = compareValues(v, lo(x)); const b = compareValues(v, hi(x));
        if (a === null || b === null) return null;
        return (a >= 0 && b <= 0) !== neg;
      };
    }
    case 'isEmpty': { const f = c(e.operand); const neg = e.negated; return (x) => isEmpty(f(x)) !== neg; }
    case 'inPeriod': {
      const f = asDate(e.operand, env); const { start, end } = env.period; const neg = e.negated;
      return (x) => { const d = f(x); return d === null ? null : (d >= start && d <= end) !== neg; };
    }
    case 'not': { const f = c(e.operand); return (x) => { const v = f(x); return v === null ? null : !v; }; }
    case 'and': {
      const l = c(e.left); const r = c(e.right);
      return (x) => { const a = l(x); if (a === false) return false; const b = r(x); if (b === false) return false; return a === null || b === null ? null : true; };
    }
    case 'or': {
      const l = c(e.left); const r = c(e.right);
      return (x) => { const a = l(x); if (a === true) return true; const b = r(x); if (b === true) return true; return a === null || b === null ? null : false; };
    }
  }
}

function compileArith<C>(op: string, l: Getter<C>, r: Getter<C>): Getter<C> {
  return (x) => {
    const a = strictNumber(l(x)); const b = strictNumber(r(x));
    if (a === null || b === null) return null;
    switch (op) {
      case '+': return a + b;
      case '-': return a - b;
      case '*': return a * b;
      default: return b === 0 ? null : a / b;
    }
  };
}

/** A getter giving a valid `YYYYMMDD` or null; fields already checked as dates pass straight through. */
function asDate<C>(e: Expr, env: CompileEnv<C>): (ctx: C) => string | null {
  if (e.kind === 'name') {
    const { get, kind } = env.resolve(e.name);
    if (kind === 'date') return get as (ctx: C) => string | null;
  }
  const f = compileExpr(e, env);
  return (x) => { const v = f(x); return typeof v === 'string' ? toDate(v) : null; };
}

function compileCall<C>(e: Extract<Expr, { kind: 'call' }>, env: CompileEnv<C>): Getter<C> {
  const args = e.args;
  switch (e.fn) {
    case 'num': { const f = compileExpr(args[0]!, env); return (x) => strictNumber(f(x)); }
    case 'date': return asDate(args[0]!, env);
    case 'age_years': case 'age_months': case 'days': {
      const a = asDate(args[0]!, env); const b = asDate(args[1]!, env);
      const fn = e.fn === 'age_years' ? ageYears : e.fn === 'age_months' ? ageMonths : daysBetween;
      return (x) => { const p = a(x); const q = b(x); return p === null || q === null ? null : fn(p, q); };
    }
    case 'icd10': {
      const code = compileExpr(args[0]!, env);
      const match = icdMatcher(args.slice(1).map((a) => ({ text: a.kind === 'string' ? a.value : '', start: a.start, end: a.end })));
      return (x) => { const v = code(x); return typeof v === 'string' && v !== '' ? match(v) : null; };
    }
    default: throw new Error(`unchecked function ${e.fn}`);
  }
}
