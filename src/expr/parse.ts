import type { ArithOp, CompareOp, Expr, SpanUnit } from './ast.js';
import { ExprError } from './errors.js';
import { tokenize, type Token } from './tokenize.js';

const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'IN', 'BETWEEN', 'IS', 'EMPTY']);
const COMPARE = new Set(['=', '!=', '<', '<=', '>', '>=']);
/** `1 day`, `3 months`, `15 years`: a whole number followed by one of these is a duration. */
const SPAN_UNITS = new Map<string, SpanUnit>([['DAY', 'day'], ['DAYS', 'day'], ['MONTH', 'month'], ['MONTHS', 'month'], ['YEAR', 'year'], ['YEARS', 'year']]);

/**
 * How deep a tree may grow: parentheses, `not`s, minus signs and function calls
 * inside each other, and each term of an `a + b + c …` or `x and y and …` chain,
 * which nests to the left. The parser, the checker, the compiler and `explain`
 * all recurse over the tree, so a hostile template must stop here with a parse
 * error instead of overflowing the stack. No real condition comes near it.
 */
export const MAX_DEPTH = 200;

const arith = (left: Expr, op: ArithOp, right: Expr): Expr => ({ kind: 'arith', op, left, right, start: left.start, end: right.end });
const logical = (left: Expr, op: 'and' | 'or', right: Expr): Expr => ({ kind: op, left, right, start: left.start, end: right.end });

/**
 * Precedence, loosest first: or · and · not · comparison/in/between/is ·
 * + - · * / · unary minus · atoms. Throws ExprError at the offending token,
 * also when the expression nests deeper than MAX_DEPTH.
 */
export function parseExpr(src: string): Expr {
  const p = new Parser(tokenize(src));
  const e = p.or();
  p.expectEnd();
  return e;
}

class Parser {
  private i = 0;
  /** Parentheses, `not`s, minus signs and calls open around the current token. */
  private open = 0;
  /** Height of every node built so far (a leaf is 1). */
  private readonly heights = new WeakMap<Expr, number>();
  constructor(private readonly toks: Token[]) {}

  private tooDeep(at: Token): never {
    throw new ExprError(`too deeply nested (limit ${MAX_DEPTH})`, at.start, at.end);
  }

  /** Runs `inner` one level deeper, refusing before the recursion itself can overflow. */
  private nested<T>(at: Token, inner: () => T): T {
    if (++this.open > MAX_DEPTH) this.tooDeep(at);
    try {
      return inner();
    } finally {
      this.open--;
    }
  }

  /** Records `e`'s height above its children; `at` is the token blamed when it is too high. */
  private built(e: Expr, children: readonly Expr[], at: Token): Expr {
    let h = 0;
    for (const c of children) h = Math.max(h, this.heights.get(c) ?? 1);
    if (h + 1 > MAX_DEPTH) this.tooDeep(at);
    this.heights.set(e, h + 1);
    return e;
  }

  private get tok(): Token { return this.toks[this.i]!; }
  private next(): Token { return this.toks[this.i++]!; }
  private isWord(w: string, t: Token = this.tok): boolean { return t.kind === 'name' && t.text === w; }
  private isOp(o: string): boolean { return this.tok.kind === 'op' && this.tok.text === o; }

  private fail(what: string, t: Token = this.tok): never {
    const found = t.kind === 'eof' ? 'the end' : `'${t.kind === 'string' ? `'${t.text}'` : t.text}'`;
    throw new ExprError(`expected ${what}, found ${found}`, t.start, t.end);
  }

  private expectOp(o: string, what = `'${o}'`): Token {
    if (!this.isOp(o)) this.fail(what);
    return this.next();
  }

  expectEnd(): void {
    if (this.tok.kind !== 'eof') this.fail('an operator or the end');
  }

  or(): Expr {
    return this.leftAssoc(() => this.and(), () => (this.isWord('OR') ? 'or' : null), logical);
  }

  private and(): Expr {
    return this.leftAssoc(() => this.not(), () => (this.isWord('AND') ? 'and' : null), logical);
  }

  /** `operand (op operand)*`, grouped to the left: a loop, so only the tree's height is limited. */
  private leftAssoc<O extends string>(operand: () => Expr, op: () => O | null, make: (left: Expr, op: O, right: Expr) => Expr): Expr {
    let left = operand();
    for (let o = op(); o !== null; o = op()) {
      const t = this.next();
      const right = operand();
      left = this.built(make(left, o, right), [left, right], t);
    }
    return left;
  }

  private not(): Expr {
    if (this.isWord('NOT')) {
      const t = this.next();
      const operand = this.nested(t, () => this.not());
      return this.built({ kind: 'not', operand, start: t.start, end: operand.end }, [operand], t);
    }
    return this.predicate();
  }

  private predicate(): Expr {
    const operand = this.additive();
    const start = operand.start;
    if (this.tok.kind === 'op' && COMPARE.has(this.tok.text)) {
      const t = this.next();
      const right = this.additive();
      return this.built({ kind: 'compare', op: t.text as CompareOp, left: operand, right, start, end: right.end }, [operand, right], t);
    }
    if (this.isWord('IS')) {
      const is = this.next();
      const negated = this.isWord('NOT') ? (this.next(), true) : false;
      if (!this.isWord('EMPTY')) this.fail("'empty' after 'is'");
      const t = this.next();
      return this.built({ kind: 'isEmpty', negated, operand, start, end: t.end }, [operand], is);
    }
    let negated = false;
    if (this.isWord('NOT') && (this.isWord('IN', this.toks[this.i + 1]) || this.isWord('BETWEEN', this.toks[this.i + 1]))) {
      this.next();
      negated = true;
    }
    if (this.isWord('IN')) return this.inTail(operand, negated);
    if (this.isWord('BETWEEN')) {
      const t = this.next();
      const low = this.additive();
      if (!this.isWord('AND')) this.fail("'and' in 'between … and …'");
      this.next();
      const high = this.additive();
      return this.built({ kind: 'between', negated, operand, low, high, start, end: high.end }, [operand, low, high], t);
    }
    if (negated) this.fail("'in' or 'between' after 'not'");
    return operand;
  }

  private inTail(operand: Expr, negated: boolean): Expr {
    const t = this.next();
    if (this.isWord('PERIOD')) {
      const p = this.next();
      return this.built({ kind: 'inPeriod', negated, operand, start: operand.start, end: p.end }, [operand], t);
    }
    const open = this.expectOp('(', "'(' or 'period' after 'in'");
    const list = this.nested(open, () => this.list(() => this.additive()));
    const close = this.expectOp(')', "',' or ')'");
    return this.built({ kind: 'in', negated, operand, list, start: operand.start, end: close.end }, [operand, ...list], t);
  }

  /** `item (, item)*`: a flat list, however long. */
  private list(item: () => Expr): Expr[] {
    const out: Expr[] = [item()];
    while (this.isOp(',')) {
      this.next();
      out.push(item());
    }
    return out;
  }

  private additive(): Expr {
    return this.leftAssoc(() => this.multiplicative(), () => this.arithOp('+', '-'), arith);
  }

  private multiplicative(): Expr {
    return this.leftAssoc(() => this.unary(), () => this.arithOp('*', '/'), arith);
  }

  private arithOp(a: ArithOp, b: ArithOp): ArithOp | null {
    return this.isOp(a) ? a : this.isOp(b) ? b : null;
  }

  private unary(): Expr {
    if (this.isOp('-')) {
      const t = this.next();
      const operand = this.nested(t, () => this.unary());
      return this.built({ kind: 'neg', operand, start: t.start, end: operand.end }, [operand], t);
    }
    return this.atom();
  }

  private atom(): Expr {
    const t = this.tok;
    if (t.kind === 'number') {
      this.next();
      const unit = this.tok.kind === 'name' ? SPAN_UNITS.get(this.tok.text) : undefined;
      if (unit === undefined) return { kind: 'number', text: t.text, start: t.start, end: t.end };
      if (t.text.includes('.')) throw new ExprError('a duration is a whole number of days, months or years', t.start, this.tok.end);
      const u = this.next();
      return { kind: 'span', amount: Number(t.text), unit, start: t.start, end: u.end };
    }
    if (t.kind === 'string') { this.next(); return { kind: 'string', value: t.text, start: t.start, end: t.end }; }
    if (this.isOp('(')) {
      this.next();
      const inner = this.nested(t, () => this.or());
      this.expectOp(')', "')'");
      return inner;
    }
    if (t.kind === 'name' && !KEYWORDS.has(t.text)) {
      this.next();
      if (!this.isOp('(')) return { kind: 'name', name: t.text, start: t.start, end: t.end };
      const open = this.next();
      const args = this.isOp(')') ? [] : this.nested(open, () => this.list(() => this.additive()));
      const close = this.expectOp(')', "',' or ')'");
      return this.built({ kind: 'call', fn: t.text.toLowerCase(), args, start: t.start, end: close.end }, args, t);
    }
    return this.fail('a value (field, number, quoted text or parenthesis)');
  }
}
