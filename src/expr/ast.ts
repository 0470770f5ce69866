/** Source span of a node: character offsets into the expression text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=';
export type ArithOp = '+' | '-' | '*' | '/';
/** The unit of a duration added to or taken from a date: `fy.start - 1 day`. */
export type SpanUnit = 'day' | 'month' | 'year';

export type Expr = Span &
  (
    | { kind: 'number'; text: string }
    | { kind: 'span'; amount: number; unit: SpanUnit }
    | { kind: 'string'; value: string }
    | { kind: 'name'; name: string }
    | { kind: 'call'; fn: string; args: Expr[] }
    | { kind: 'neg'; operand: Expr }
    | { kind: 'arith'; op: ArithOp; left: Expr; right: Expr }
    | { kind: 'compare'; op: CompareOp; left: Expr; right: Expr }
    | { kind: 'in'; negated: boolean; operand: Expr; list: Expr[] }
    | { kind: 'inPeriod'; negated: boolean; operand: Expr }
    | { kind: 'between'; negated: boolean; operand: Expr; low: Expr; high: Expr }
    | { kind: 'isEmpty'; negated: boolean; operand: Expr }
    | { kind: 'and' | 'or'; left: Expr; right: Expr }
    | { kind: 'not'; operand: Expr }
  );

/** Every name the expression reads, with where it stands. */
export function namesIn(e: Expr, out: Array<{ name: string } & Span> = []): Array<{ name: string } & Span> {
  switch (e.kind) {
    case 'name': out.push({ name: e.name, start: e.start, end: e.end }); break;
    case 'number': case 'string': case 'span': break;
    case 'call': e.args.forEach((a) => namesIn(a, out)); break;
    case 'neg': case 'not': case 'inPeriod': case 'isEmpty': namesIn(e.operand, out); break;
    case 'in': namesIn(e.operand, out); e.list.forEach((a) => namesIn(a, out)); break;
    case 'between': namesIn(e.operand, out); namesIn(e.low, out); namesIn(e.high, out); break;
    default: namesIn(e.left, out); namesIn(e.right, out);
  }
  return out;
}
