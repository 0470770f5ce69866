import { cmp, parseDecimal, type Rational } from '../num/rational.js';

export type TargetOp = '>=' | '<=' | '>' | '<' | '=';

export interface Target {
  readonly op: TargetOp;
  readonly value: Rational;
  readonly text: string;
}

const PATTERN = /^\s*(>=|<=|>|<|=)\s*(-?\d+(?:\.\d+)?)\s*$/;

export function parseTarget(text: string): Target | null {
  const m = PATTERN.exec(text);
  const value = m ? parseDecimal(m[2]!) : null;
  return m && value ? { op: m[1] as TargetOp, value, text: `${m[1]} ${m[2]}` } : null;
}

export function meetsTarget(result: Rational, t: Target): boolean {
  const c = cmp(result, t.value);
  switch (t.op) {
    case '>=': return c >= 0;
    case '<=': return c <= 0;
    case '>': return c > 0;
    case '<': return c < 0;
    case '=': return c === 0;
  }
}
