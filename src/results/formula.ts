import type { Expr } from '../expr/ast.js';
import { add, div, mul, parseDecimal, rat, sub, type Rational } from '../num/rational.js';

/** Evaluates a checked formula exactly; `null` when a divisor is zero (no result, never Infinity). */
export function evalFormula(e: Expr, values: ReadonlyMap<string, Rational>): Rational | null {
  switch (e.kind) {
    case 'number': return parseDecimal(e.text);
    case 'name': return values.get(e.name) ?? rat(0n);
    case 'neg': { const v = evalFormula(e.operand, values); return v && rat(-v.n, v.d); }
    case 'arith': {
      const l = evalFormula(e.left, values);
      const r = evalFormula(e.right, values);
      if (!l || !r) return null;
      switch (e.op) {
        case '+': return add(l, r);
        case '-': return sub(l, r);
        case '*': return mul(l, r);
        case '/': return div(l, r);
      }
    }
    default: throw new Error(`a formula cannot hold ${e.kind}`);
  }
}
