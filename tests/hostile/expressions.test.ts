import { describe, expect, it } from 'vitest';
import { kpi } from '../helpers/cli.js';
import { ancTemplate, ancWithA, DEMO, NO_STACK, writeTemplate } from './templates.js';

// Heights by hand (limit 200): a field or number is 1, `num(GA)` 2, `num(GA) <= 12` 3; each
// `not`, minus, call, comparison and each further `and`/`+` term adds 1. Parentheses add no node
// but count as a level open while parsing, as does the call inside them.
const COND = 'num(GA) <= 12';

function validate(file: string) {
  return kpi(['validate', file]);
}

describe('expressions nested too deeply are a parse error, not a stack overflow', () => {
  it.each([
    ['542 parentheses', `${'('.repeat(542)}${COND}${')'.repeat(542)}`],
    ['10,000 nots', `${'not '.repeat(10_000)}${COND}`],
    ['a chain of 100,000 terms', Array(100_000).fill(COND).join(' and ')],
    ['10,000 minus signs', `num(GA) <= ${'-'.repeat(10_000)}12`],
  ])('%s: validate exits 2 naming the limit', (_, where) => {
    const r = validate(ancWithA([where]));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('$.measures.A.where[0]: too deeply nested (limit 200)');
    expect(r.stderr).not.toMatch(NO_STACK);
    // The caret line is cut around the spot: the message stays short.
    expect(r.stderr.length).toBeLessThan(1000);
  });

  it('a formula of 100,000 terms too', () => {
    const t = ancTemplate();
    t.formula = ['A / B * 100', ...Array(100_000).fill('0')].join(' + ');
    const r = validate(writeTemplate(t));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('$.formula: too deeply nested (limit 200)');
  });

  it('compute refuses the same template with exit 2 before reading data', () => {
    const r = kpi(['compute', '--templates', ancWithA([`${'not '.repeat(10_000)}${COND}`]), ...DEMO]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('too deeply nested (limit 200)');
    expect(r.stdout).toBe('');
  });

  it.each([
    ['198 nots (height 201)', `${'not '.repeat(198)}${COND}`],
    ['199 and-ed terms (height 201)', Array(199).fill(COND).join(' and ')],
    ['200 parentheses (201 levels with the call)', `${'('.repeat(200)}${COND}${')'.repeat(200)}`],
  ])('just past the limit: %s is refused', (_, where) => {
    expect(validate(ancWithA([where])).stderr).toContain('too deeply nested (limit 200)');
  });

  // At the limit the expression means what it says: an even number of nots, a chain of one
  // condition repeated, or parentheses change nothing, so A stays the demo's 5 of 8 (62.50).
  it.each([
    ['196 nots (height 199)', `${'not '.repeat(196)}${COND}`],
    ['198 and-ed terms (height 200)', Array(198).fill(COND).join(' and ')],
    ['199 parentheses (200 levels)', `${'('.repeat(199)}${COND}${')'.repeat(199)}`],
    ['198 minus signs (height 200)', `num(GA) <= ${'-'.repeat(198)}12`],
  ])('at the limit: %s validates, computes and explains', (_, where) => {
    const file = ancWithA([where]);
    expect(validate(file).code).toBe(0);
    const r = kpi(['compute', '--templates', file, ...DEMO, '--format', 'csv']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('country,TH,ภาพรวมประเทศ,5,8,62.50,>= 60,true,');
    const e = kpi(['explain', 'anc-first-visit-12wk', '--templates', file, ...DEMO, '--area', 'TH']);
    expect(e.code).toBe(0);
    expect(e.stderr).not.toMatch(NO_STACK);
  });
});

describe('hostile template JSON', () => {
  it('a 5,000-deep object under an unknown key is one problem, exit 2', () => {
    const text = JSON.stringify(ancTemplate()).replace(/}$/, `,"extra":${'{"x":'.repeat(5000)}1${'}'.repeat(5000)}}`);
    const r = validate(writeTemplate(text));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/t\.json: \$: unknown field "extra"\n1 problem found\n$/);
  });

  it('so is a 5,000-deep array under an unknown field of a measure', () => {
    const text = JSON.stringify(ancTemplate()).replace('"A":{', `"A":{"deep":${'['.repeat(5000)}${']'.repeat(5000)},`);
    const r = validate(writeTemplate(text));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('$.measures.A: unknown field "deep"');
    expect(r.stderr).not.toMatch(NO_STACK);
  });

  it('an unclosed 100,000-deep array is a JSON error with its line and column', () => {
    const text = `{\n"id": ${'['.repeat(100_000)}${']'.repeat(99_999)}\n}`;
    const r = validate(writeTemplate(text));
    expect(r.code).toBe(2);
    // Line 2 holds 100,000 '[' and 99,999 ']'; the array still open meets the '}' of line 3.
    expect(r.stderr).toMatch(/t\.json: \$: not valid JSON at line 3, column 1: /);
  });
});

describe('the function table is looked up by own keys only', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])("%s('x') = 1 is an unknown function, exit 2", (fn) => {
    const r = validate(ancWithA([`${fn}('x') = 1`]));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`unknown function '${fn.toLowerCase()}' (known: num, date, age_years, age_months, days, icd10)`);
    expect(r.stderr).not.toMatch(NO_STACK);
  });
});

describe('icd10 patterns are checked by validate, so compute never meets a bad one', () => {
  it('validate points at every bad pattern', () => {
    const r = validate(ancWithA(["icd10(ANCRESULT, '.*', 'W65-W74', 'W74-W65', '')"]));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("$.measures.A.where[0]: '.*' is not an ICD-10 code or range such as 'W65-W74'\n    icd10(ANCRESULT, '.*', 'W65-W74', 'W74-W65', '')\n                     ^^^^");
    expect(r.stderr).toContain("ICD-10 range 'W74-W65' ends before it starts");
    expect(r.stderr).toContain("'' is not an ICD-10 code or range");
    expect(r.stderr).toContain('3 problems found');
  });

  it('compute exits 2 with the same message instead of an internal error', () => {
    const r = kpi(['compute', '--templates', ancWithA(["icd10(ANCRESULT, '.*')"]), ...DEMO]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("'.*' is not an ICD-10 code or range");
    expect(r.stderr).not.toMatch(NO_STACK);
  });
});
