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

/**
 * The target a run is judged by, or `null` when it is not judged. A template that lists
 * `rounds` judges only the rounds it lists: a part-year rate must not be held to a yearly
 * cut-off, so any other round shows A, B and the result without target, pass or score. A
 * template that leaves some round unjudged (a rate over a year's population lists round 12
 * only) leaves unjudged too every window that is no round (quarters 2–4, a month on its own,
 * most `--from/--to` windows). Otherwise a window is judged by `target`, as is every round of
 * a template without `rounds`.
 */
export function targetFor(rounds: Readonly<Partial<Record<number, Target | null>>>, target: Target | null, round: number | undefined): { target: Target | null; judged: boolean } {
  const listed = Object.keys(rounds).length;
  if (listed === 0 || (round === undefined && listed === 4)) return { target, judged: true };
  if (round === undefined) return { target: null, judged: false };
  // A round listed as null is judged, but only where an area has a target of its own.
  return round in rounds ? { target: rounds[round] ?? null, judged: true } : { target: null, judged: false };
}
