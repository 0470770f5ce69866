import { describe, expect, it } from 'vitest';
import { checkExpr, type NameLookup } from '../src/expr/check.js';
import { compileExpr } from '../src/expr/compile.js';
import { ageMonths, ageYears, daysBetween, toDate } from '../src/expr/dates.js';
import { ExprError, caret } from '../src/expr/errors.js';
import { icdMatcher } from '../src/expr/icd10.js';
import type { Kind, Value } from '../src/expr/kinds.js';
import { parseExpr } from '../src/expr/parse.js';

type Row = Record<string, Value>;
const KINDS: Record<string, Kind> = { GA: 'text', ANCNO: 'text', CDEATH: 'text', BIRTH: 'date', DATE_SERV: 'date', WEIGHT: 'num', HEIGHT: 'num', X: 'text' };
const lookup: NameLookup = (n) => (KINDS[n] ? { kind: KINDS[n]! } : { error: `no field ${n}` });

/** Parses, checks and compiles a condition, then evaluates it on a row. */
function evalOn(src: string, row: Row): Value {
  const e = parseExpr(src);
  expect(checkExpr(e, lookup, 'bool')).toEqual([]);
  const f = compileExpr<Row>(e, { period: { start: '20231001', end: '20240930' }, resolve: (n) => ({ get: (r) => r[n] ?? null, kind: KINDS[n]! }) });
  return f(row);
}

function parseError(src: string): ExprError {
  try {
    parseExpr(src);
  } catch (e) {
    return e as ExprError;
  }
  throw new Error(`${src} parsed`);
}

describe('parser', () => {
  it('gives and precedence over or', () => {
    expect(evalOn("X = 'a' or X = 'b' and X = 'c'", { X: 'a' })).toBe(true);
    expect(evalOn("(X = 'a' or X = 'b') and X = 'c'", { X: 'a' })).toBe(false);
  });
  it('gives * precedence over + and left-associates -', () => {
    expect(evalOn('WEIGHT + 2 * 3 = 7', { WEIGHT: 1 })).toBe(true);
    expect(evalOn('10 - 4 - 3 = WEIGHT', { WEIGHT: 3 })).toBe(true);
    expect(evalOn('-WEIGHT * 2 = -4', { WEIGHT: 2 })).toBe(true);
  });
  it('reads keywords and names in any case', () => {
    expect(evalOn("x IN ('a', 'b') AND Not x = 'b'", { X: 'a' })).toBe(true);
  });
  it('points at an unexpected token', () => {
    const e = parseError("ANCNO = = '1'");
    expect([e.start, e.message]).toEqual([8, "expected a value (field, number, quoted text or parenthesis), found '='"]);
  });
  it('points at an unterminated string from its opening quote', () => {
    const e = parseError("ANCNO = '1");
    expect(e.start).toBe(8);
    expect(e.message).toMatch(/unterminated string/);
  });
  it('points at a missing closing parenthesis at the end', () => {
    const e = parseError("X in ('1', '3'");
    expect(e.start).toBe(14);
    expect(e.message).toBe("expected ',' or ')', found the end");
  });
  it('draws a caret under the bad spot', () => {
    expect(caret("X = 'a' annd Y", 8, 12)).toBe("X = 'a' annd Y\n        ^^^^");
  });
  it('cuts a long expression to 120 characters around the bad spot', () => {
    // 300 characters, the X at 200: shown from 200 - 30 = 170 to 290, with … at both ends.
    const src = `${'a'.repeat(200)}X${'b'.repeat(99)}`;
    expect(caret(src, 200, 201)).toBe(`…${'a'.repeat(30)}X${'b'.repeat(89)}…\n${' '.repeat(31)}^`);
  });
});

describe('checker', () => {
  it('reports every unknown name and function with its place', () => {
    const errs = checkExpr(parseExpr("FOO = 1 and bar(X) and BAZ = 'x'"), lookup, 'bool');
    expect(errs.map((e) => [e.start, e.message.split(' (')[0]])).toEqual([
      [0, 'no field FOO'],
      [12, "unknown function 'bar'"],
      [23, 'no field BAZ'],
    ]);
  });
  it('rejects a value where a condition is needed', () => {
    expect(checkExpr(parseExpr('WEIGHT + 1'), lookup, 'bool')).toHaveLength(1);
  });
  it('wants quoted codes in icd10', () => {
    expect(checkExpr(parseExpr('icd10(CDEATH, X)'), lookup, 'bool')[0]!.message).toMatch(/quoted code/);
  });
});

describe('SQL-style empty values', () => {
  it('makes a comparison with an empty value false, and its negation false too', () => {
    expect(evalOn('num(GA) <= 12', { GA: null })).toBe(null);
    expect(evalOn('not num(GA) <= 12', { GA: null })).toBe(null);
  });
  it('treats num() strictly', () => {
    expect(evalOn('num(GA) <= 12', { GA: '12' })).toBe(true);
    expect(evalOn('num(GA) <= 30', { GA: '23,5' })).toBe(null);
    expect(evalOn('num(GA) <= 200', { GA: '1e2' })).toBe(null);
    expect(evalOn('num(GA) <= 20', { GA: ' 12' })).toBe(null);
  });
  it('lets or be true when one side is true and the other unknown', () => {
    expect(evalOn("num(GA) < 1 or X = 'a'", { GA: null, X: 'a' })).toBe(true);
  });
  it('tests emptiness without unknowns', () => {
    expect(evalOn('GA is empty', { GA: null })).toBe(true);
    expect(evalOn('GA is not empty', { GA: null })).toBe(false);
  });
  it('is unknown for not in with an empty value', () => {
    expect(evalOn("X not in ('a')", { X: null })).toBe(null);
    expect(evalOn("X not in ('a')", { X: 'b' })).toBe(true);
  });
  it('does between inclusively', () => {
    expect(evalOn('WEIGHT between 5 and 14', { WEIGHT: 14 })).toBe(true);
    expect(evalOn('WEIGHT not between 5 and 14', { WEIGHT: 15 })).toBe(true);
  });
  it('compares a BMI of exactly 25 as 25 despite binary floating point', () => {
    expect(64 / ((160 / 100) * (160 / 100))).toBeLessThan(25);
    expect(evalOn('WEIGHT / ((HEIGHT / 100) * (HEIGHT / 100)) >= 25', { WEIGHT: 64, HEIGHT: 160 })).toBe(true);
  });
  it('gives no value for a division by zero', () => {
    expect(evalOn('WEIGHT / 0 > 1', { WEIGHT: 3 })).toBe(null);
  });
});

describe('dates and ages', () => {
  it('counts completed years: a birthday on the day counts', () => {
    expect(ageYears('20081001', '20231001')).toBe(15);
    expect(ageYears('20081002', '20231001')).toBe(14);
  });
  it('treats 29 February birthdays as not yet reached on 28 February', () => {
    expect(ageYears('20200229', '20210228')).toBe(0);
    expect(ageYears('20200229', '20210301')).toBe(1);
  });
  it('counts completed months', () => {
    expect(ageMonths('20230601', '20231130')).toBe(5);
    expect(ageMonths('20230601', '20231201')).toBe(6);
    expect(ageMonths('20240131', '20240229')).toBe(0);
  });
  it('has no age before birth', () => {
    expect(ageYears('20240101', '20231231')).toBeNull();
    expect(evalOn('age_years(BIRTH, DATE_SERV) >= 0', { BIRTH: '20240101', DATE_SERV: '20231231' })).toBe(null);
  });
  it('has no age for an impossible date', () => {
    expect(evalOn("age_years(date(X), DATE_SERV) >= 0", { X: '20230230', DATE_SERV: '20231231' })).toBe(null);
  });
  it('counts days across a leap day', () => {
    expect(daysBetween('20240228', '20240301')).toBe(2);
  });
  it('reads dates in three spellings and rejects impossible ones', () => {
    expect(toDate('2024-02-29')).toBe('20240229');
    expect(toDate('20240229235959')).toBe('20240229');
    expect(toDate('20230229')).toBeNull();
    expect(toDate('20231301')).toBeNull();
  });
  it('tests periods inclusively at both ends', () => {
    expect(evalOn('DATE_SERV in period', { DATE_SERV: '20231001' })).toBe(true);
    expect(evalOn('DATE_SERV in period', { DATE_SERV: '20240930' })).toBe(true);
    expect(evalOn('DATE_SERV in period', { DATE_SERV: '20230930' })).toBe(false);
    expect(evalOn('DATE_SERV in period', { DATE_SERV: '20241001' })).toBe(false);
  });
});

describe('ICD-10 ranges', () => {
  const m = (...p: string[]) => icdMatcher(p.map((text) => ({ text, start: 0, end: 1 })));
  it('covers sub-codes of the range end, not the next code', () => {
    const drowning = m('W65-W74');
    expect(['W65', 'W74', 'W749', 'W700'].map(drowning)).toEqual([true, true, true, true]);
    expect(['W75', 'W64', 'W6', 'X74'].map(drowning)).toEqual([false, false, false, false]);
  });
  it('covers deeper codes with a deep range end (I20-I25 covers I259)', () => {
    expect(m('I20-I25')('I259')).toBe(true);
    expect(m('E10-E149')('E149')).toBe(true);
    expect(m('E10-E149')('E15')).toBe(false);
  });
  it('ignores dots and letter case and matches single codes as prefixes', () => {
    expect(m('X34')('x34.1')).toBe(true);
    expect(m('V01-V89', 'X34')('V89.9')).toBe(true);
  });
  it('rejects a malformed code', () => {
    expect(() => m('W65--W74')).toThrow(ExprError);
    expect(() => m('W74-W65')).toThrow(/ends before it starts/);
  });
});
