import { mul, parseDecimal, rat, type Rational } from '../num/rational.js';

/**
 * The decimal a JSON/CSV number was written as, exactly: results are rounded
 * decimals, and `50.1 - 50` in floating point is 0.10000000000000142, which
 * would count as beyond a tolerance of 0.1.
 */
export function exactOf(n: number): Rational {
  const [mantissa, exponent] = String(n).split('e');
  const m = parseDecimal(mantissa!);
  if (!m) throw new RangeError(`not a finite number: ${n}`);
  const e = Number(exponent ?? 0);
  return e >= 0 ? mul(m, rat(10n ** BigInt(e))) : mul(m, rat(1n, 10n ** BigInt(-e)));
}
