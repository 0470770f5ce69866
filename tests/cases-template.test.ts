import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kpi, tempDir } from './helpers/cli.js';

const text = (en: string) => ({ th: en, en });

/** An ANC template whose `cases` section makes every mistake `kpi validate` must name. */
function template(cases: unknown): string {
  const file = path.join(tempDir(), 'anc-cases.json');
  writeFileSync(file, JSON.stringify({
    id: 'anc-cases', title: text('ANC'), reference: 'test', unit: text('percent'), formula: 'A / B * 100', better: 'higher',
    measures: {
      B: { from: 'ANC', join: { PERSON: ['HOSPCODE', 'PID'] }, where: ["ANCNO = '1'"], count: 'distinct HOSPCODE, PID' },
      A: { of: 'B', where: ['num(GA) <= 12'] },
      T: { sum_of: ['A', 'B'] },
    },
    cases,
  }));
  return file;
}

describe('the cases section of a template', () => {
  it('is checked by kpi validate, every problem with its JSON path', () => {
    const file = template({
      fields: [
        { name: 'who', label: text('Name'), measure: 'B', show: '{PERSON.NAME} {PERSON.LNAME}' },
        { name: 'cid', label: text('CID'), measure: 'B', show: '{PERSON.CID}' },
        { name: 'ga', label: text('GA'), measure: 'X', show: '{GA}' },
        { name: 'total', label: text('T'), measure: 'T', show: '{GA}' },
        { name: 'bad', label: text('bad'), measure: 'B', show: '{GAX} and {num(GA) <= 12}' },
        { name: 'plain', label: text('plain'), measure: 'B', show: 'no hole' },
      ],
      sort: ['first_anc'],
      reasons: { A: text('GA {gax}'), Z: text('z') },
    });
    const r = kpi(['validate', file]);
    expect(r.code).toBe(2);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith(file));
    const at = (p: string) => lines.filter((l) => l.startsWith(`${file}: ${p}: `)).map((l) => l.slice(file.length + p.length + 4));
    expect(at('$.cases.fields[0].show')).toEqual([
      'PERSON.NAME identifies a person or a house: it may be used in conditions and person keys, not shown in a kpi cases field (--identify adds CID and names by itself)',
      'PERSON.LNAME identifies a person or a house: it may be used in conditions and person keys, not shown in a kpi cases field (--identify adds CID and names by itself)',
    ]);
    expect(at('$.cases.fields[1].show')).toEqual(['PERSON.CID identifies a person or a house: it may be used in conditions and person keys, not shown in a kpi cases field (--identify adds CID and names by itself)']);
    expect(at('$.cases.fields[2].measure')).toEqual(["no counted measure named 'X' (a sum_of has no rows of its own)"]);
    expect(at('$.cases.fields[3].measure')).toEqual(["no counted measure named 'T' (a sum_of has no rows of its own)"]);
    expect(at('$.cases.fields[4].show')).toEqual(['ANC has no field GAX', 'expected a value, not a condition here']);
    expect(at('$.cases.fields[5].show')).toEqual(['show has no {FIELD} to show']);
    expect(at('$.cases.sort[0]')).toEqual(['no field named "first_anc" in cases.fields']);
    expect(at('$.cases.reasons.A.th')).toEqual(['{gax}: no field of that name in cases.fields']);
    expect(at('$.cases.reasons.Z')).toEqual(["no measure named 'Z'"]);
  });

  it('is optional, and a good one passes', () => {
    const ok = template({ which: 'group', fields: [{ name: 'ga', label: text('GA'), measure: ['A', 'B'], show: 'GA {GA} on {DATE_SERV}', rows: 'all' }], sort: ['ga'], reasons: { A: [text('GA {ga}'), text('no GA')] } });
    const r = kpi(['validate', ok]);
    expect(r.code, r.stderr).toBe(0);
  });
});
