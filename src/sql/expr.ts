import type { CompareOp, Expr } from '../expr/ast.js';
import { addSpan, ageMonths, ageYears, daysBetween, toDate } from '../expr/dates.js';
import { normaliseIcd } from '../expr/icd10.js';
import { strictNumber } from '../expr/compile.js';
import type { Kind, Value } from '../expr/kinds.js';
import type { SqlDialect } from './dialect.js';

/**
 * A template expression as SQL. `num` is a double, `text` is text (dates are `YYYYMMDD`
 * text, as in the engine), `bool` is SQL's three-valued logic, which is the engine's: a
 * comparison with an empty value is unknown, and only a true condition keeps a row.
 * `constant` is set when the value is known before any row is read (period words,
 * literals), so date arithmetic on them is done here, exactly as the engine does it.
 */
export interface SqlExpr {
  readonly sql: string;
  readonly kind: 'num' | 'text' | 'bool';
  readonly constant?: Value;
  /** A date field as read (already a valid `YYYYMMDD` or empty). */
  readonly isDate?: boolean;
}

/** How the compiler reads a name: a column (with its kind) or a period word's value. */
export type NameResolver = (name: string) => { sql: string; kind: Kind; ready?: boolean } | { constant: Value };

const NUMBER = '^-?[0-9]+([.][0-9]+)?$';
// Written out: an exponent literal sends some SQL grammars (Spark's in dt-sql-parser) down a slow path.
const EPSILON = '0.000000001';

export class ExprCompiler {
  constructor(
    private readonly d: SqlDialect,
    private readonly resolve: NameResolver,
    /** `num(COLUMN)` as a column of its own, read once per row, when the caller can add one. */
    private readonly numberColumn: (name: string) => string | null = () => null,
  ) {}

  /** A condition: SQL true, false or unknown. */
  condition(e: Expr): string {
    const x = this.expr(e);
    return x.kind === 'bool' ? x.sql : 'NULL';
  }

  expr(e: Expr): SqlExpr {
    switch (e.kind) {
      case 'number': return this.constant(Number(e.text));
      case 'string': return this.constant(e.value);
      case 'name': {
        const r = this.resolve(e.name);
        if ('constant' in r) return this.constant(r.constant);
        // Already read (a valid date or a strict number, else NULL) in a column of its own.
        if (r.ready) return r.kind === 'num' ? { sql: r.sql, kind: 'num' } : { sql: r.sql, kind: 'text', isDate: r.kind === 'date' };
        const col = `NULLIF(${r.sql}, '')`;
        if (r.kind === 'num') return { sql: this.strictNumber(col), kind: 'num' };
        if (r.kind === 'bool') return { sql: col, kind: 'bool' };
        // A date column as the reader reads it: a real `YYYYMMDD` before BE years, else no date.
        if (r.kind === 'date') return { sql: this.readable(col, 'date'), kind: 'text', isDate: true };
        return { sql: col, kind: 'text' };
      }
      case 'span': throw new Error('a duration stands only after a date and + or -');
      case 'call': return this.call(e);
      case 'neg': {
        const x = this.num(this.expr(e.operand));
        return x.constant !== undefined ? this.constant(x.constant === null ? null : -(x.constant as number)) : { sql: `(-${x.sql})`, kind: 'num' };
      }
      case 'arith': return e.right.kind === 'span' ? this.span(e.left, e.op, e.right) : this.arith(e.op, this.expr(e.left), this.expr(e.right));
      case 'compare': return this.compare(this.expr(e.left), e.op, this.expr(e.right));
      case 'in': {
        const v = this.expr(e.operand);
        if (e.list.length === 0) return { sql: 'NULL', kind: 'bool' };
        const any = `(${e.list.map((i) => this.compare(v, '=', this.expr(i)).sql).join(' OR ')})`;
        return { sql: e.negated ? `(NOT ${any})` : any, kind: 'bool' };
      }
      case 'between': {
        const v = this.expr(e.operand);
        const lo = this.compare(v, '>=', this.expr(e.low)).sql;
        const hi = this.compare(v, '<=', this.expr(e.high)).sql;
        // Unknown when either bound is, even where the other already decides (as the engine does).
        const inside = `(CASE WHEN ${lo} IS NULL OR ${hi} IS NULL THEN NULL WHEN ${lo} AND ${hi} THEN TRUE ELSE FALSE END)`;
        return { sql: e.negated ? `(NOT ${inside})` : inside, kind: 'bool' };
      }
      case 'isEmpty': {
        const v = this.expr(e.operand);
        const empty = v.kind === 'text' ? `(${v.sql} IS NULL OR ${v.sql} = '')` : `(${v.sql} IS NULL)`;
        return { sql: e.negated ? `(NOT ${empty})` : empty, kind: 'bool' };
      }
      case 'inPeriod': {
        const d = this.date(e.operand);
        const r = this.resolve('PERIOD.START'); const s = this.resolve('PERIOD.END');
        const start = 'constant' in r ? String(r.constant) : ''; const end = 'constant' in s ? String(s.constant) : '';
        const inside = `(${this.d.textCompare(d.sql, '>=', this.d.quoteText(start))} AND ${this.d.textCompare(d.sql, '<=', this.d.quoteText(end))})`;
        return { sql: e.negated ? `(NOT ${inside})` : inside, kind: 'bool' };
      }
      case 'not': return { sql: `(NOT ${this.bool(this.expr(e.operand))})`, kind: 'bool' };
      case 'and': case 'or': return { sql: `(${this.bool(this.expr(e.left))} ${e.kind.toUpperCase()} ${this.bool(this.expr(e.right))})`, kind: 'bool' };
    }
  }

  private bool(x: SqlExpr): string {
    return x.kind === 'bool' ? x.sql : 'NULL';
  }

  private constant(v: Value): SqlExpr {
    if (v === null) return { sql: 'NULL', kind: 'text', constant: null };
    if (typeof v === 'number') return { sql: this.d.toDouble(this.d.quoteText(String(v))), kind: 'num', constant: v };
    if (typeof v === 'boolean') return { sql: v ? 'TRUE' : 'FALSE', kind: 'bool', constant: v };
    return { sql: this.d.quoteText(v), kind: 'text', constant: v };
  }

  /** `num()`'s strict reading: `-?digits[.digits]`, anything else empty. */
  strictNumber(text: string): string {
    return `(CASE WHEN ${this.d.matches(text, NUMBER)} THEN ${this.d.toDouble(text)} END)`;
  }

  /** A value as a number the way `compareValues` and arithmetic read it. */
  private num(x: SqlExpr): SqlExpr {
    if (x.constant !== undefined) { const n = strictNumber(x.constant); return n === null ? { sql: 'NULL', kind: 'num', constant: null } : this.constant(n); }
    if (x.kind === 'num') return x;
    if (x.kind === 'bool') return { sql: 'NULL', kind: 'num', constant: null };
    return { sql: this.strictNumber(x.sql), kind: 'num' };
  }

  private compare(l: SqlExpr, op: CompareOp, r: SqlExpr): SqlExpr {
    if (l.kind === 'bool' || r.kind === 'bool') return { sql: 'NULL', kind: 'bool' };
    if (l.kind === 'num' || r.kind === 'num') {
      const a = this.num(l).sql; const b = this.num(r).sql;
      // Decimal text can meet exactly (BMI 25.0) and differ in the last bit: the engine's relative epsilon.
      const eq = `(ABS(${a} - ${b}) <= ${EPSILON} * GREATEST(1, ABS(${a}), ABS(${b})))`;
      const sql = op === '=' ? eq : op === '!=' ? `(NOT ${eq})`
        : op === '<' ? `((${a} < ${b}) AND NOT ${eq})` : op === '>' ? `((${a} > ${b}) AND NOT ${eq})`
          : op === '<=' ? `((${a} < ${b}) OR ${eq})` : `((${a} > ${b}) OR ${eq})`;
      return { sql, kind: 'bool' };
    }
    return { sql: this.d.textCompare(l.sql, op, r.sql), kind: 'bool' };
  }

  private arith(op: string, l: SqlExpr, r: SqlExpr): SqlExpr {
    const a = this.num(l); const b = this.num(r);
    if (a.constant !== undefined && b.constant !== undefined) {
      const x = a.constant as number | null; const y = b.constant as number | null;
      if (x === null || y === null) return this.constant(null);
      return this.constant(op === '+' ? x + y : op === '-' ? x - y : op === '*' ? x * y : y === 0 ? null : x / y);
    }
    if (op === '/') return { sql: `(${a.sql} / NULLIF(${b.sql}, ${this.d.toDouble("'0'")}))`, kind: 'num' };
    return { sql: `(${a.sql} ${op} ${b.sql})`, kind: 'num' };
  }

  /** A valid `YYYYMMDD` or empty, as the engine's `asDate`: a date field as it is, other text through `toDate`. */
  date(e: Expr): SqlExpr {
    const x = this.expr(e);
    if (x.constant !== undefined) return this.constant(typeof x.constant === 'string' ? toDate(x.constant) : null);
    if (x.isDate) return x;
    if (x.kind !== 'text') return { sql: 'NULL', kind: 'text', constant: null };
    return { sql: this.toDate(x.sql), kind: 'text', isDate: true };
  }

  /**
   * A date or datetime column's value when the reader would accept it (`YYYYMMDD`, or
   * `YYYYMMDDHHMMSS`, a real date from year 1000 and before BE 2400), else empty.
   */
  readable(col: string, kind: 'date' | 'datetime'): string {
    if (kind === 'date') return this.validDate(col, true);
    return `(CASE WHEN ${this.d.matches(col, '^[0-9]{14}$')} THEN (CASE WHEN ${this.validTime(this.sub(col, 9, 6))} AND ${this.validDate(this.sub(col, 1, 8), true)} IS NOT NULL THEN ${col} END) END)`;
  }

  private toDate(text: string): string {
    const t = `TRIM(${text})`;
    return `(CASE WHEN ${this.d.matches(t, '^[0-9]{4}-[0-9]{2}-[0-9]{2}$')} THEN ${this.validDate(this.d.concat([this.sub(t, 1, 4), this.sub(t, 6, 2), this.sub(t, 9, 2)]))}`
      + ` WHEN ${this.d.matches(t, '^[0-9]{14}$')} THEN (CASE WHEN ${this.validTime(this.sub(t, 9, 6))} THEN ${this.validDate(this.sub(t, 1, 8))} END)`
      + ` ELSE ${this.validDate(t)} END)`;
  }

  private sub(s: string, from: number, n: number): string {
    return `SUBSTRING(${s}, ${from}, ${n})`;
  }

  private int(s: string): string {
    return this.d.toBigint(s);
  }

  /** The text itself when it is a real calendar date `YYYYMMDD` from year 1000 on, else empty. */
  private validDate(s: string, beforeBE = false): string {
    const y = this.int(this.sub(s, 1, 4)); const m = this.int(this.sub(s, 5, 2)); const day = this.int(this.sub(s, 7, 2));
    const mod = (n: number) => this.d.mod(y, n);
    const leap = `((${mod(4)} = 0 AND ${mod(100)} <> 0) OR ${mod(400)} = 0)`;
    const dim = `(CASE WHEN ${m} = 2 THEN (CASE WHEN ${leap} THEN 29 ELSE 28 END) WHEN ${m} IN (4, 6, 9, 11) THEN 30 ELSE 31 END)`;
    // CASE, not AND: some engines would cast the digits of a non-date before the pattern test.
    return `(CASE WHEN ${this.d.matches(s, '^[0-9]{8}$')} THEN (CASE WHEN ${y} >= 1000${beforeBE ? ` AND ${y} < 2400` : ''} AND ${m} >= 1 AND ${m} <= 12 AND ${day} >= 1 AND ${day} <= ${dim} THEN ${s} END) END)`;
  }

  private validTime(s: string): string {
    return `(${this.int(this.sub(s, 1, 2))} <= 23 AND ${this.int(this.sub(s, 3, 2))} <= 59 AND ${this.int(this.sub(s, 5, 2))} <= 59)`;
  }

  private span(left: Expr, op: string, right: Extract<Expr, { kind: 'span' }>): SqlExpr {
    const d = this.date(left);
    const n = op === '-' ? -right.amount : right.amount;
    if (d.constant !== undefined) return this.constant(d.constant === null ? null : addSpan(d.constant as string, n, right.unit));
    const sql = right.unit === 'day' ? this.d.addDays(d.sql, n) : this.d.addMonths(d.sql, right.unit === 'year' ? 12 * n : n);
    return { sql: `(CASE WHEN ${d.sql} IS NOT NULL THEN ${sql} END)`, kind: 'text', isDate: true };
  }

  private call(e: Extract<Expr, { kind: 'call' }>): SqlExpr {
    const args = e.args;
    switch (e.fn) {
      case 'num': {
        const own = args[0]!.kind === 'name' ? this.numberColumn(args[0]!.name) : null;
        return own !== null ? { sql: own, kind: 'num' } : this.num(this.expr(args[0]!));
      }
      case 'date': return this.date(args[0]!);
      case 'age_years': case 'age_months': case 'days': return this.dateDiff(e.fn, this.date(args[0]!), this.date(args[1]!));
      case 'icd10': return this.icd10(this.expr(args[0]!), args.slice(1).map((a) => (a.kind === 'string' ? a.value : '')));
      default: throw new Error(`unchecked function ${e.fn}`);
    }
  }

  private dateDiff(fn: 'age_years' | 'age_months' | 'days', a: SqlExpr, b: SqlExpr): SqlExpr {
    if (a.constant !== undefined && b.constant !== undefined) {
      const p = a.constant as string | null; const q = b.constant as string | null;
      return this.constant(p === null || q === null ? null : fn === 'age_years' ? ageYears(p, q) : fn === 'age_months' ? ageMonths(p, q) : daysBetween(p, q));
    }
    const known = `${a.sql} IS NOT NULL AND ${b.sql} IS NOT NULL`;
    if (fn === 'days') return { sql: `(CASE WHEN ${known} THEN ${this.d.daysBetween(a.sql, b.sql)} END)`, kind: 'num' };
    const y = (s: string) => this.int(this.sub(s, 1, 4)); const m = (s: string) => this.int(this.sub(s, 5, 2));
    const whole = fn === 'age_years' ? `(${y(b.sql)} - ${y(a.sql)})` : `((${y(b.sql)} - ${y(a.sql)}) * 12 + (${m(b.sql)} - ${m(a.sql)}))`;
    const rest = (s: string) => (fn === 'age_years' ? this.sub(s, 5, 4) : this.sub(s, 7, 2));
    const short = this.d.textCompare(rest(b.sql), '<', rest(a.sql));
    // Completed years or months; empty when the birth is after the date.
    const sql = `(CASE WHEN ${known} THEN (CASE WHEN ${this.d.textCompare(a.sql, '>', b.sql)} THEN NULL WHEN ${short} THEN ${whole} - 1 ELSE ${whole} END) END)`;
    return { sql: this.d.toDouble(sql), kind: 'num' };
  }

  /** Each pattern is a code or a range compared at its own depth, as `icdMatcher`. */
  private icd10(code: SqlExpr, patterns: readonly string[]): SqlExpr {
    if (code.kind !== 'text') return { sql: 'NULL', kind: 'bool' };
    const c = `UPPER(TRIM(REPLACE(${code.sql}, '.', '')))`;
    const tests = patterns.map((p) => {
      const [lo, hi = lo] = normaliseIcd(p).split('-') as [string, string?];
      return `(${this.d.textCompare(this.sub(c, 1, lo.length), '>=', this.d.quoteText(lo))} AND ${this.d.textCompare(this.sub(c, 1, hi!.length), '<=', this.d.quoteText(hi!))})`;
    });
    return { sql: `(CASE WHEN ${code.sql} IS NULL OR ${code.sql} = '' THEN NULL WHEN ${c} = '' THEN FALSE ELSE (${tests.join(' OR ')}) END)`, kind: 'bool' };
  }
}
