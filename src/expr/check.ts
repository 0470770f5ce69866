import type { Expr } from './ast.js';
import { ExprError } from './errors.js';
import { icdMatcher } from './icd10.js';
import { FUNCTIONS, type Kind } from './kinds.js';

/** Says what a name is, or why it is not allowed here. */
export type NameLookup = (name: string) => { kind: Kind } | { error: string };

const DATE_LIKE = new Set<Kind>(['date', 'datetime', 'text', 'any']);

/** Every problem in one expression: unknown names and functions, arity, misplaced kinds. */
export function checkExpr(e: Expr, lookup: NameLookup, want: 'bool' | 'num'): ExprError[] {
  const errors: ExprError[] = [];
  const top = kindOf(e, lookup, errors);
  if (errors.length === 0 && top !== want && top !== 'any' && !(want === 'num' && top === 'num')) {
    errors.push(new ExprError(want === 'bool' ? 'a condition must be true or false (a comparison, in, between, is empty …)' : 'a formula must give a number', e.start, e.end));
  }
  return errors;
}

function kindOf(e: Expr, lookup: NameLookup, errors: ExprError[]): Kind {
  const sub = (x: Expr) => kindOf(x, lookup, errors);
  const expect = (x: Expr, ok: (k: Kind) => boolean, what: string) => {
    const k = sub(x);
    if (k !== 'any' && !ok(k)) errors.push(new ExprError(`expected ${what} here`, x.start, x.end));
    return k;
  };
  const value = (x: Expr) => expect(x, (k) => k !== 'bool', 'a value, not a condition');
  const numeric = (x: Expr) => expect(x, (k) => k === 'num' || k === 'text', 'a number');
  const condition = (x: Expr) => expect(x, (k) => k === 'bool', 'a condition');
  switch (e.kind) {
    case 'number': return 'num';
    case 'string': return 'text';
    case 'name': {
      const r = lookup(e.name);
      if ('error' in r) { errors.push(new ExprError(r.error, e.start, e.end)); return 'any'; }
      return r.kind;
    }
    case 'call': return callKind(e, sub, errors);
    case 'neg': numeric(e.operand); return 'num';
    case 'arith':
      if (e.right.kind === 'span' && (e.op === '+' || e.op === '-')) { expect(e.left, (k) => DATE_LIKE.has(k), 'a date'); return 'date'; }
      numeric(e.left); numeric(e.right); return 'num';
    case 'span': errors.push(new ExprError('a duration goes after a date and + or -, as in fy.start - 1 day', e.start, e.end)); return 'any';
    case 'compare': value(e.left); value(e.right); return 'bool';
    case 'in': value(e.operand); e.list.forEach(value); return 'bool';
    case 'between': value(e.operand); value(e.low); value(e.high); return 'bool';
    case 'isEmpty': value(e.operand); return 'bool';
    case 'inPeriod': expect(e.operand, (k) => DATE_LIKE.has(k), 'a date'); return 'bool';
    case 'not': condition(e.operand); return 'bool';
    case 'and': case 'or': condition(e.left); condition(e.right); return 'bool';
  }
}

function callKind(e: Extract<Expr, { kind: 'call' }>, sub: (x: Expr) => Kind, errors: ExprError[]): Kind {
  // Own keys only: `constructor(…)` or `__proto__(…)` are unknown functions, not Object's.
  const sig = Object.hasOwn(FUNCTIONS, e.fn) ? FUNCTIONS[e.fn] : undefined;
  if (!sig) {
    errors.push(new ExprError(`unknown function '${e.fn}' (known: ${Object.keys(FUNCTIONS).join(', ')})`, e.start, e.start + e.fn.length));
    return 'any';
  }
  const min = sig.params.length + (sig.literalRest ?? 0);
  const max = sig.literalRest === undefined ? sig.params.length : Infinity;
  if (e.args.length < min || e.args.length > max) {
    errors.push(new ExprError(`wrong number of arguments: ${sig.help}`, e.start, e.end));
    return sig.result;
  }
  e.args.forEach((a, i) => {
    const want = sig.params[i];
    if (want === undefined) {
      if (a.kind !== 'string') errors.push(new ExprError(`expected a quoted code such as 'W65-W74' here`, a.start, a.end));
      else {
        const problem = literalProblem(e.fn, a);
        if (problem) errors.push(problem);
      }
      return;
    }
    const k = sub(a);
    const ok = want === 'any' ? k !== 'bool' : want === 'date' ? DATE_LIKE.has(k) : k === want || k === 'any' || (want === 'text' && k !== 'bool' && k !== 'num');
    if (!ok && k !== 'any') errors.push(new ExprError(`expected ${want === 'date' ? 'a date' : want === 'text' ? 'a code' : 'a value'} here`, a.start, a.end));
  });
  return sig.result;
}

/** The compiler builds matchers from literal arguments: a pattern it would refuse is refused here first. */
function literalProblem(fn: string, a: Extract<Expr, { kind: 'string' }>): ExprError | null {
  if (fn !== 'icd10') return null;
  try {
    icdMatcher([{ text: a.value, start: a.start, end: a.end }]);
    return null;
  } catch (err) {
    if (err instanceof ExprError) return err;
    throw err;
  }
}
