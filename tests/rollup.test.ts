import { describe, expect, it } from 'vitest';
import type { Place } from '../src/area/place.js';
import { placeByCode, placeByRegion } from '../src/area/place.js';
import { fromInt, toDecimalString, type Rational } from '../src/num/rational.js';
import { rollUp } from '../src/results/build.js';

const unitA: Place = { unit: '10001', district: '5001', province: '50', region: 1 };
const unitB: Place = { unit: '10002', district: '5002', province: '50', region: 1 };
const unitC: Place = { unit: '20001', district: '4001', province: '40', region: 7 };
const lost: Place = { unit: '99999', district: null, province: null, region: null };

function totals(rows: Array<[Place, number, number]>): Map<string, Map<Place, Rational>> {
  return new Map([
    ['A', new Map(rows.map(([p, a]) => [p, fromInt(a)]))],
    ['B', new Map(rows.map(([p, , b]) => [p, fromInt(b)]))],
  ]);
}

const show = (m: Map<string, Map<string, Rational>>) =>
  Object.fromEntries([...m].map(([code, v]) => [code, Object.fromEntries([...v].map(([k, r]) => [k, toDecimalString(r)]))]));

describe('roll-up sums A and B, never averages rates', () => {
  // 1/1 = 100 % and 1/9 = 11.1 %: the province is 2/10 = 20 %, not the mean 55.6 %.
  const t = totals([[unitA, 1, 1], [unitB, 1, 9], [unitC, 3, 4], [lost, 2, 2]]);
  it('sums units into their province and region', () => {
    expect(show(rollUp(t, 'province'))).toEqual({ '50': { A: '2', B: '10' }, '40': { A: '3', B: '4' } });
    expect(show(rollUp(t, 'region'))).toEqual({ '1': { A: '2', B: '10' }, '7': { A: '3', B: '4' } });
  });
  it('counts a unit missing from the hospitals file only nationally and at unit level', () => {
    expect(show(rollUp(t, 'country'))).toEqual({ TH: { A: '7', B: '16' } });
    expect(show(rollUp(t, 'unit'))['99999']).toEqual({ A: '2', B: '2' });
    expect(show(rollUp(t, 'district'))['99999']).toBeUndefined();
  });
});

describe('placing by area code and region', () => {
  it('reads province and district from an 8-digit village code', () => {
    expect(placeByCode('50010203')).toEqual({ unit: null, district: '5001', province: '50', region: 1 });
    expect(placeByCode('40')).toEqual({ unit: null, district: null, province: '40', region: 7 });
  });
  it('leaves an unknown province unplaced', () => {
    expect(placeByCode('99010101')).toEqual({ unit: null, district: null, province: null, region: null });
  });
  it('accepts regions 1 to 13 only', () => {
    expect(placeByRegion('13').region).toBe(13);
    expect(placeByRegion('14').region).toBeNull();
    expect(placeByRegion('x').region).toBeNull();
  });
});
