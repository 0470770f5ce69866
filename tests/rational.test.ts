import { describe, expect, it } from 'vitest';
import { div, parseDecimal, rat, roundHalfAway, toDecimalString, toFixed } from '../src/num/rational.js';

const d = (s: string) => parseDecimal(s)!;

describe('rounding half away from zero, exactly', () => {
  it('rounds 2.675 up to 2.68 (binary floating point would give 2.67)', () => {
    expect((2.675).toFixed(2)).toBe('2.67');
    expect(toFixed(d('2.675'), 2)).toBe('2.68');
  });
  it('rounds negative halves away from zero', () => {
    expect(toFixed(d('-2.675'), 2)).toBe('-2.68');
    expect(toFixed(d('-0.004'), 2)).toBe('0.00');
  });
  it('rounds 1.005 to 1.01 and 0.125 to 0.13', () => {
    expect(toFixed(d('1.005'), 2)).toBe('1.01');
    expect(toFixed(d('0.125'), 2)).toBe('0.13');
  });
  it('rounds fractions such as 2/3 and 4/7', () => {
    expect(toFixed(rat(2n, 3n), 2)).toBe('0.67');
    expect(toFixed(roundHalfAway(div(rat(400n), rat(7n))!, 2), 2)).toBe('57.14');
  });
  it('keeps trailing zeros when asked for decimals', () => {
    expect(toFixed(rat(664n, 10n), 2)).toBe('66.40');
    expect(toFixed(rat(5n), 0)).toBe('5');
  });
});

describe('decimal parsing is strict', () => {
  it.each(['23,5', '1e2', ' 12', '12 ', '', '.5', '5.', '+1'])('%j is no number', (s) => {
    expect(parseDecimal(s)).toBeNull();
  });
  it('reads -12.50 exactly', () => {
    expect(toDecimalString(d('-12.50'))).toBe('-12.5');
  });
  it('division by zero has no value', () => {
    expect(div(rat(1n), rat(0n))).toBeNull();
  });
});
