import type { ArithOp, CompareOp, Expr, SpanUnit } from './ast.js';
import { ExprError } from './errors.js';
import { tokenize, type Token } from './tokenize.js';

const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'IN', 'BETWEEN', 'IS', 'EMPTY']);
const COMPARE = new Set(['=', '!=', '<', '<=', '>', '>=']);
/** `1 day`, `3 months`, `15 years`: a whole number followed by one of these is a duration. */
const SPAN_UNITS = new Map<string, SpanUnit>([['DAY', 'day'], ['DAYS', 'day'], ['MONTH', 'month'], ['MONTHS', 'month'], ['YEAR', 'year'], ['YEARS', 'year']]);

const arith = (left: Expr, op: ArithOp, right: Expr): Expr => ({ kind: 'arith', op, left, right, start: left.start, end: right.end });

/**
 * Precedence, loosest first: or · and · not · comparison/in/between/is ·
 * + - · * / · unary minus · atoms. Throws ExprError at the offending token.
 */
export function parseExpr(src: string): Expr {
  const p = new Parser(tokenize(src));
  const e = p.or();
  p.expectEnd();
  return e;
}

class Parser {
  private i = 0;
  constructor(private readonly toks: Token[]) {}

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
    return this.leftAssoc(() => this.and(), () => (this.isWord('OR') ? 'or' : null), (left, op, right) => ({ kind: op, left, right, start: left.start, end: right.end }));
  }

  private and(): Expr {
    return this.leftAssoc(() => this.not(), () => (this.isWord('AND') ? 'and' : null), (left, op, right) => ({ kind: op, left, right, start: left.start, end: right.end }));
  }

  /** `operand (op operand)*`, grouped to the left. */
  private leftAssoc<O extends string>(operand: () => Expr, op: () => O | null, make: (left: Expr, op: O, right: Expr) => Expr): Expr {
    let left = operand();
    for (let o = op(); o !== null; o = op()) {
      this.next();
      left = make(left, o, operand());
    }
    return left;
  }

  private not(): Expr {
    if (this.isWord('NOT')) {
      const t = this.next();
      const operand = this.not();
      return { kind: 'not', operand, start: t.start, end: operand.end };
    }
    return this.predicate();
  }

  private predicate(): Expr {
    const operand = this.additive();
    const start = operand.start;
    if (this.tok.kind === 'op' && COMPARE.has(this.tok.text)) {
      const op = this.next().text as CompareOp;
      const right = this.additive();
      return { kind: 'compare', op, left: operand, right, start, end: right.end };
    }
    if (this.isWord('IS')) {
      this.next();
      const negated = this.isWord('NOT') ? (this.next(), true) : false;
      if (!this.isWord('EMPTY')) this.fail("'empty' after 'is'");
      const t = this.next();
      return { kind: 'isEmpty', negated, operand, start, end: t.end };
    }
    let negated = false;
    if (this.isWord('NOT') && (this.isWord('IN', this.toks[this.i + 1]) || this.isWord('BETWEEN', this.toks[this.i + 1]))) {
      this.next();
      negated = true;
    }
    if (this.isWord('IN')) return this.inTail(operand, negated);
    if (this.isWord('BETWEEN')) {
      this.next();
      const low = this.additive();
      if (!this.isWord('AND')) this.fail("'and' in 'between … and …'");
      this.next();
      const high = this.additive();
      return { kind: 'between', negated, operand, low, high, start, end: high.end };
    }
    if (negated) this.fail("'in' or 'between' after 'not'");
    return operand;
  }

  private inTail(operand: Expr, negated: boolean): Expr {
    this.next();
    if (this.isWord('PERIOD')) {
      const t = this.next();
      return { kind: 'inPeriod', negated, operand, start: operand.start, end: t.end };
    }
    this.expectOp('(', "'(' or 'period' after 'in'");
    const list: Expr[] = [this.additive()];
    while (this.isOp(',')) {
      this.next();
      list.push(this.additive());
    }
    const close = this.expectOp(')', "',' or ')'");
    return { kind: 'in', negated, operand, list, start: operand.start, end: close.end };
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
      const operand = this.unary();
      return { kind: 'neg', operand, start: t.start, end: operand.end };
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
      const inner = this.or();
      this.expectOp(')', "')'");
      return inner;
    }
    if (t.kind === 'name' && !KEYWORDS.has(t.text)) {
      this.next();
      if (!this.isOp('(')) return { kind: 'name', name: t.text, start: t.start, end: t.end };
      this.next();
      const args: Expr[] = [];
      if (!this.isOp(')')) {
        args.push(this.additive());
        while (this.isOp(',')) { this.next(); args.push(this.additive()); }
      }
      const close = this.expectOp(')', "',' or ')'");
      return { kind: 'call', fn: t.text.toLowerCase(), args, start: t.start, end: close.end };
    }
    return this.fail('a value (field, number, quoted text or parenthesis)');
  }
}
