import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TemplateError } from '../src/errors.js';
import { checkExpr } from '../src/expr/check.js';
import { compileExpr } from '../src/expr/compile.js';
import { addSpan } from '../src/expr/dates.js';
import { parseExpr } from '../src/expr/parse.js';
import { fromInt } from '../src/num/rational.js';
import { cidNumber } from '../src/person/cid.js';
import { KeyTable } from '../src/data/key-table.js';
import { key2 } from '../src/engine/row.js';
import { homeStatusOf, PersonRegistry, stampOf } from '../src/person/registry.js';
import { PersonSet } from '../src/person/set.js';
import { targetFor, parseTarget } from '../src/score/target.js';
import { loadTemplates } from '../src/template/load.js';

describe('date arithmetic', () => {
  it('moves dates by days, months and years, months cut to the month end', () => {
    expect(addSpan('20231001', -1, 'day')).toBe('20230930');
    expect(addSpan('20240301', -1, 'day')).toBe('20240229');
    expect(addSpan('20231231', 1, 'day')).toBe('20240101');
    expect(addSpan('20240131', 1, 'month')).toBe('20240229');
    expect(addSpan('20240229', 1, 'year')).toBe('20250228');
    expect(addSpan('20240315', -15, 'month')).toBe('20221215');
  });

  const env = {
    period: { start: '20231001', end: '20240930' },
    resolve: (name: string) => ({ get: () => ({ 'FY.START': '20231001', BIRTH: '20091001' } as Record<string, string>)[name] ?? null, kind: 'date' as const }),
  };
  const value = (src: string) => {
    const e = parseExpr(src);
    expect(checkExpr(e, () => ({ kind: 'date' }), 'bool').map((x) => x.message)).toEqual([]);
    return compileExpr(e, env)(null);
  };

  it('takes ages on any date expression', () => {
    // Born 2009-10-01: 14 on 2023-10-01, still 13 the day before.
    expect(value('age_years(BIRTH, fy.start) = 14')).toBe(true);
    expect(value('age_years(BIRTH, fy.start - 1 day) = 13')).toBe(true);
    expect(value('BIRTH + 14 years = fy.start')).toBe(true);
    expect(value('fy.start - 1 day < fy.start')).toBe(true);
  });

  it('refuses a duration standing alone or added to a number, and a fractional one', () => {
    expect(checkExpr(parseExpr('1 day'), () => ({ kind: 'num' }), 'num').map((e) => e.message)).toEqual(['a duration goes after a date and + or -, as in fy.start - 1 day']);
    expect(checkExpr(parseExpr('A - 2 years > 3'), () => ({ kind: 'num' }), 'bool').map((e) => e.message)).toEqual(['expected a date here']);
    expect(() => parseExpr('fy.start + 1.5 days')).toThrow('a duration is a whole number of days, months or years');
  });
});

/** A registry whose PERSON rows are numbered as the engine's join index numbers them: by HOSPCODE + PID, in order. */
function registry(tracksLast: boolean) {
  const rows = new KeyTable();
  const r = new PersonRegistry(tracksLast);
  r.useRows({ find: (k) => rows.get(k) });
  // A row's facts as the plan works them out (`feedRegistry`, `personOfRow`).
  const add = (h: string, p: string, cid: string, typearea: string, discharge: string, updated: string) => { r.addPerson(rows.insert(key2(h, p)), cidNumber(cid), key2(h, p), h, stampOf(updated), homeStatusOf(typearea, discharge)); };
  const personOf = (h: string, p: string, cid: string | null) => r.personByFacts(cidNumber(cid), key2(h, p));
  return { r, add, personOf };
}

describe('CIDs and the registry', () => {
  it('reads only 13-digit CIDs with the right check digit', () => {
    // 3509900001109: 3×13 + 5×12 + 0 + 9×10 + 9×9 + 0 + 0 + 0 + 0 + 1×4 + 1×3 + 0 = 277; 277 mod 11 = 2; (11 − 2) mod 10 = 9.
    expect(cidNumber('3509900001109')).toBe(3509900001109);
    expect(cidNumber('3509900001108')).toBeNull();
    expect(cidNumber('1234567890123')).toBeNull();
    expect(cidNumber('350990000110')).toBeNull();
    expect(cidNumber('35099OOOO1109')).toBeNull();
    expect(cidNumber(null)).toBeNull();
  });

  it('reads a CID as 13 digits of text: a leading 0 is kept, a decimal point or an exponent is no CID', () => {
    // 0123456789016: 0×13 + 1×12 + 2×11 + 3×10 + 4×9 + 5×8 + 6×7 + 7×6 + 8×5 + 9×4 + 0×3 + 1×2 = 302; 302 mod 11 = 5; (11 − 5) mod 10 = 6.
    expect(cidNumber('0123456789016')).toBe(123456789016);
    expect(cidNumber('0123456789015')).toBeNull();
    expect(cidNumber('123456789016')).toBeNull();
    expect(cidNumber('3509900001109.0')).toBeNull();
    expect(cidNumber('35099000011.9')).toBeNull();
    expect(cidNumber('3.50990000e12')).toBeNull();
    expect(cidNumber('+509900001109')).toBeNull();
  });

  it('gives the home unit to the latest TYPEAREA 1/3, DISCHARGE 9/1 row, a tie to the row read last', () => {
    const { r, add, personOf } = registry(true);
    const cid = '3509900001109';
    add('10001', '1', cid, '1', '9', '20240301000000');
    add('10002', '5', cid, '3', '9', '20240301000000');
    add('10003', '9', cid, '4', '9', '20240901000000'); // TYPEAREA 4: no home
    add('10004', '2', cid, '1', '2', '20240902000000'); // moved out: no home
    const p = personOf('10001', '1', null);
    expect(personOf('10003', '9', '')).toBe(p);
    expect(r.homeOf(p)).toBe('10002');
    expect(r.isLiving(p)).toBe(true);
    expect(r.lastPersonRow(p).unit).toBe('10004');
    expect(r.size).toBe(1);
  });

  it('keeps persons without a valid CID apart, and lets a row\'s own CID link it', () => {
    const { r, add, personOf } = registry(false);
    add('10001', '1', '1234567890123', '1', '1', '20240101000000');
    add('10003', '7', '1234567890123', '4', '9', '20240101000000');
    const a = personOf('10001', '1', null);
    expect(personOf('10003', '7', null)).not.toBe(a);
    expect(r.isRegistered(a)).toBe(true);
    expect(r.isLiving(a)).toBe(false);
    expect(r.withoutCid).toBe(2);
    add('20001', '4', '3509900013221', '1', '9', '20240101000000');
    expect(r.lastPersonRow(a).unit).toBeNull(); // not kept unless a template counts "all" persons
    // A hospital row with no PERSON row of its own, carrying the CID.
    expect(personOf('10003', '598', '3509900013221')).toBe(personOf('20001', '4', null));
    expect(r.homeOf(personOf('99999', '1', null))).toBeNull();
  });

  it('a set of persons counts each once', () => {
    const s = new PersonSet(4);
    for (const p of [3, 70, 3, 1000]) s.add(p);
    const t = new PersonSet();
    t.add(70); t.add(5);
    const seen: number[] = [];
    s.union(t).forEach((p) => seen.push(p));
    expect(seen).toEqual([3, 5, 70, 1000]);
    expect(s.size).toBe(3);
    expect(s.filter((p) => p > 3).size).toBe(2);
  });
});

describe('rounds', () => {
  const yearly = parseTarget('>= 60');
  const r6 = parseTarget('>= 30')!;
  it('judges only listed rounds; without rounds, every period by target; a window that is no round only when every round is judged', () => {
    expect(targetFor({ 6: r6 }, yearly, 6)).toEqual({ target: r6, judged: true });
    expect(targetFor({ 6: r6 }, yearly, 3)).toEqual({ target: null, judged: false });
    expect(targetFor({}, yearly, 3)).toEqual({ target: yearly, judged: true });
    expect(targetFor({}, yearly, undefined)).toEqual({ target: yearly, judged: true });
    // Issue 13: a part-year window must not be held to the yearly cut-off of a template that leaves rounds unjudged.
    expect(targetFor({ 6: r6, 12: yearly }, yearly, undefined)).toEqual({ target: null, judged: false });
    const all = { 3: parseTarget('>= 15'), 6: r6, 9: parseTarget('>= 45'), 12: yearly };
    expect(targetFor(all, yearly, undefined)).toEqual({ target: yearly, judged: true });
    expect(yearly!.value).toEqual(fromInt(60));
  });
});

const base = { id: 't', title: { th: 'ก', en: 'x' }, reference: 'test', unit: { th: 'ร้อยละ', en: 'percent' }, formula: 'A / B * 100', better: 'higher', target: '>= 1' };

async function problems(measures: Record<string, unknown>): Promise<string[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kpi-person-'));
  await writeFile(path.join(dir, 't.json'), JSON.stringify({ ...base, measures }));
  const err = await loadTemplates([dir]).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(TemplateError);
  return (err as TemplateError).problems.map((p) => `${p.path}: ${p.message}`);
}

describe('checking person measures', () => {
  const B = { from: 'PERSON', person: 'living' };
  it('needs a table with HOSPCODE and PID, no area, and latest per person', async () => {
    expect(await problems({ B, A: { from: 'CHRONIC', person: 'living', area: 'residence' } })).toEqual(['$.measures.A.area: a person is placed at the home unit: a person measure takes no "area"']);
    expect(await problems({ B, A: { from: 'CHRONICFU', person: 'living', latest: { per: 'HOSPCODE, PID', by: 'DATE_SERV' } } }))
      .toEqual(['$.measures.A.latest.per: in a person measure "latest" is kept per person: write "per": "person"']);
    expect(await problems({ B, A: { from: 'CHRONICFU', count: 'rows', latest: { per: 'person', by: 'DATE_SERV' } } }))
      .toEqual(['$.measures.A.latest.per: "per": "person" groups rows by person: the measure needs "person" instead of "count"']);
    expect(await problems({ B, A: { from: 'CHRONICFU', person: 'all', count: 'rows' } }))
      .toEqual(['$.measures.A: a measure needs exactly one of "count" ("rows" or "distinct COL, …"), "sum" and "person"']);
  });

  it('within, outside and either_of name person measures, without a circle', async () => {
    expect(await problems({ B, C: { from: 'PERSON', count: 'rows' }, A: { from: 'CHRONIC', person: 'living', within: ['C'] } }))
      .toEqual(['$.measures.A.within[0]: \'C\' does not count persons (it needs "person", or is an either_of of such measures)']);
    expect(await problems({ B, A: { either_of: ['B', 'X'] } })).toEqual(['$.measures.A.either_of[1]: no measure named \'X\'']);
    expect(await problems({ B: { from: 'PERSON', person: 'living', within: ['A'] }, A: { from: 'CHRONIC', person: 'living', outside: ['B'] } }))
      .toEqual(['$.measures.B: measures name each other in a circle through B (within / outside / either_of)']);
    expect(await problems({ B: { from: 'PERSON', count: 'rows' }, A: { of: 'B', within: ['B'] } }))
      .toEqual([
        '$.measures.A.within: "within" and "outside" relate persons: the measure it is of needs "person"',
        '$.measures.A.within[0]: \'B\' does not count persons (it needs "person", or is an either_of of such measures)',
      ]);
  });
});
