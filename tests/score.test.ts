import { describe, expect, it } from 'vitest';
import { parseDecimal, toDecimalString, type Rational } from '../src/num/rational.js';
import { overlaps, parseInterval, scoreByBands, scoreByLadder, type Band } from '../src/score/scoring.js';
import { meetsTarget, parseTarget } from '../src/score/target.js';

const d = (s: string): Rational => parseDecimal(s)!;
const show = (r: Rational | null) => (r === null ? null : toDecimalString(r));

describe('targets', () => {
  it('judges on the boundary', () => {
    expect(meetsTarget(d('60'), parseTarget('>= 60')!)).toBe(true);
    expect(meetsTarget(d('59.99'), parseTarget('>=60')!)).toBe(false);
    expect(meetsTarget(d('6.5'), parseTarget('<= 6.5')!)).toBe(true);
    expect(meetsTarget(d('6.5'), parseTarget('< 6.5')!)).toBe(false);
  });
  it('rejects text that is not a comparison', () => {
    expect(parseTarget('60%')).toBeNull();
    expect(parseTarget('=> 60')).toBeNull();
  });
});

describe('bands (drowning, ministry #4: >7.4 → 1 … ≤6.5 → 5)', () => {
  const ranges: Array<[number, string]> = [[1, '(7.4, inf)'], [2, '(7.1, 7.4]'], [3, '(6.8, 7.1]'], [4, '(6.5, 6.8]'], [5, '[0, 6.5]']];
  const bands: Band[] = ranges.map(([s, r]) => ({ score: d(String(s)), interval: parseInterval(r)! }));
  it.each([['7.41', '1'], ['7.4', '2'], ['7.11', '2'], ['7.1', '3'], ['6.8', '4'], ['6.51', '4'], ['6.5', '5'], ['0', '5']])('%s scores %s', (x, s) => {
    expect(show(scoreByBands(d(x), bands))).toBe(s);
  });
  it('leaves a gap without a score', () => {
    expect(scoreByBands(d('-1'), bands)).toBeNull();
  });
  it('finds overlaps, including a shared closed end, but not touching open ends', () => {
    expect(overlaps(parseInterval('(7.1, 7.4]')!, parseInterval('[7.4, 8)')!)).toBe(true);
    expect(overlaps(parseInterval('(7.1, 7.4]')!, parseInterval('(7.4, inf)')!)).toBe(false);
    expect(overlaps(parseInterval('(-inf, 5)')!, parseInterval('[4, 6]')!)).toBe(true);
  });
  it('rejects malformed or empty intervals', () => {
    expect(parseInterval('7.1 - 7.4')).toBeNull();
    expect(parseInterval('(7.4, 7.1]')).toBeNull();
    expect(parseInterval('(7, 7]')).toBeNull();
  });
});

describe('ladder', () => {
  const up = [40, 45, 50, 55, 60].map((x) => d(String(x)));
  const down = [10, 8, 6, 4, 2].map((x) => d(String(x)));
  it('reaches score k at t_k and 0 below t1', () => {
    expect(show(scoreByLadder(d('39.99'), up, 'higher', false))).toBe('0');
    expect(show(scoreByLadder(d('40'), up, 'higher', false))).toBe('1');
    expect(show(scoreByLadder(d('54.99'), up, 'higher', false))).toBe('3');
    expect(show(scoreByLadder(d('60'), up, 'higher', false))).toBe('5');
    expect(show(scoreByLadder(d('99'), up, 'higher', false))).toBe('5');
  });
  it('counts at or below the thresholds when lower is better', () => {
    expect(show(scoreByLadder(d('10.01'), down, 'lower', false))).toBe('0');
    expect(show(scoreByLadder(d('6'), down, 'lower', false))).toBe('3');
    expect(show(scoreByLadder(d('1'), down, 'lower', false))).toBe('5');
  });
  it('interpolates linearly between thresholds, to 2 decimals', () => {
    expect(show(scoreByLadder(d('47.5'), up, 'higher', true))).toBe('2.5');
    expect(show(scoreByLadder(d('41'), up, 'higher', true))).toBe('1.2');
    expect(show(scoreByLadder(d('46.23'), up, 'higher', true))).toBe('2.25');
    expect(show(scoreByLadder(d('7'), down, 'lower', true))).toBe('2.5');
    expect(show(scoreByLadder(d('61'), up, 'higher', true))).toBe('5');
    expect(show(scoreByLadder(d('30'), up, 'higher', true))).toBe('0');
  });
});
