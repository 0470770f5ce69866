/** An exact fraction; the denominator is always positive and the pair reduced. */
export interface Rational {
  readonly n: bigint;
  readonly d: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export function rat(n: bigint, d: bigint = 1n): Rational {
  if (d === 0n) throw new RangeError('zero denominator');
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d);
  return g > 1n ? { n: n / g, d: d / g } : { n, d };
}

export const ZERO = rat(0n);

export function fromInt(value: number): Rational {
  return rat(BigInt(value));
}

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** Parses `-?digits[.digits]` exactly; anything else (`1e2`, `23,5`, ` 1`) is `null`. */
export function parseDecimal(text: string): Rational | null {
  const m = DECIMAL.exec(text);
  if (!m) return null;
  const frac = m[3] ?? '';
  const n = BigInt(m[2] + frac) * (m[1] === '-' ? -1n : 1n);
  return rat(n, 10n ** BigInt(frac.length));
}

export const add = (a: Rational, b: Rational): Rational => rat(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a: Rational, b: Rational): Rational => rat(a.n * b.d - b.n * a.d, a.d * b.d);
export const mul = (a: Rational, b: Rational): Rational => rat(a.n * b.n, a.d * b.d);

/** `null` for a zero divisor: a rate over nobody has no value. */
export function div(a: Rational, b: Rational): Rational | null {
  return b.n === 0n ? null : rat(a.n * b.d, a.d * b.n);
}

export function cmp(a: Rational, b: Rational): number {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}

/** Rounds to `decimals` places, halves away from zero, exactly. */
export function roundHalfAway(x: Rational, decimals: number): Rational {
  const scale = 10n ** BigInt(decimals);
  const neg = x.n < 0n;
  const abs = neg ? -x.n : x.n;
  const q = (2n * abs * scale + x.d) / (2n * x.d);
  return rat(neg ? -q : q, scale);
}

/** Fixed-point text with exactly `decimals` places (the value should already be rounded). */
export function toFixed(x: Rational, decimals: number): string {
  const r = roundHalfAway(x, decimals);
  const scale = 10n ** BigInt(decimals);
  const neg = r.n < 0n;
  const scaled = ((neg ? -r.n : r.n) * scale) / r.d;
  const digits = scaled.toString().padStart(decimals + 1, '0');
  const int = digits.slice(0, digits.length - decimals);
  const frac = digits.slice(digits.length - decimals);
  return (neg && scaled !== 0n ? '-' : '') + int + (decimals > 0 ? '.' + frac : '');
}

/** Shortest exact decimal text when the value has one (sums of decimal columns always do). */
export function toDecimalString(x: Rational): string {
  let d = x.d;
  let places = 0;
  while (d % 10n === 0n) { d /= 10n; places++; }
  while (d % 2n === 0n || d % 5n === 0n) {
    d = d % 2n === 0n ? d / 2n : d / 5n;
    places++;
  }
  if (d !== 1n) return toFixed(x, 12);
  return toFixed(x, places);
}

export function toNumber(x: Rational): number {
  return Number(toDecimalString(x));
}
