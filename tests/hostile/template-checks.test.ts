import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kpi, tempDir } from '../helpers/cli.js';
import { ancTemplate, DEMO, NO_STACK, writeTemplate } from './templates.js';

/** A template that counts the rows of a CSV shipped beside it, placed by its `C` column. */
function baselineTemplate(file: string) {
  const t = ancTemplate();
  t.formula = 'A';
  delete t.scoring;
  t.measures = { A: { from: 'BASE', file, count: 'rows', area: { code: 'C' } } };
  return t;
}

describe('a template reads only files in its own folder', () => {
  it.each([
    ['/etc/passwd', 'is an absolute path: give a path relative to the template\'s folder'],
    ['../secret.csv', 'leaves the template\'s folder (\'..\'): a template reads only files in its folder or below'],
    ['baselines/../../secret.csv', 'leaves the template\'s folder'],
    ['..\\secret.csv', 'leaves the template\'s folder'],
    ['C:\\data\\x.csv', 'is an absolute path'],
  ])('"file": %s fails validate and compute with exit 2', (file, message) => {
    const t = writeTemplate(baselineTemplate(file));
    const v = kpi(['validate', t]);
    expect(v.code).toBe(2);
    expect(v.stderr).toContain(`t.json: $.measures.A.file: "${file}"`);
    expect(v.stderr).toContain(message);
    const c = kpi(['compute', '--templates', t, ...DEMO, '--format', 'csv']);
    expect(c.code).toBe(2);
    expect(c.stdout).toBe('');
    expect(c.stderr).not.toContain('root:');
    expect(c.stderr).not.toMatch(NO_STACK);
  });

  it('a link inside the folder that leads out is refused too', () => {
    const outside = tempDir('kpi-outside-');
    writeFileSync(path.join(outside, 'secret.csv'), 'C,N\n50,1\n');
    const dir = tempDir('kpi-tpl-');
    mkdirSync(path.join(dir, 'baselines'));
    symlinkSync(path.join(outside, 'secret.csv'), path.join(dir, 'baselines', 'b.csv'));
    const r = kpi(['validate', writeTemplate(baselineTemplate('baselines/b.csv'), dir)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('$.measures.A.file: "baselines/b.csv" is a link that leads out of the template\'s folder');
  });

  it('a file below the folder is read: 2 rows in province 50, 1 in 51', () => {
    const dir = tempDir('kpi-tpl-');
    mkdirSync(path.join(dir, 'baselines'));
    writeFileSync(path.join(dir, 'baselines', 'b.csv'), 'C,N\n50,1\n50,2\n51,3\n');
    const t = writeTemplate(baselineTemplate('baselines/b.csv'), dir);
    expect(kpi(['validate', t]).code).toBe(0);
    const r = kpi(['compute', '--templates', t, ...DEMO, '--by', 'province', '--format', 'csv']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('province,50,เชียงใหม่,2,,2.00');
    expect(r.stdout).toContain('country,TH,รวมเขตสุขภาพที่ 1,3,,3.00');
    expect(r.stderr).not.toMatch(NO_STACK);
  });
});

describe('identifier columns are refused where a value is summed, placed or shown', () => {
  const measureB = () => ancTemplate().measures.B!;
  const withB = (b: Record<string, unknown>) => {
    const t = ancTemplate();
    t.measures.B = b;
    return writeTemplate(t);
  };
  const REFUSED = 'identifies a person or a house: it may be used in conditions and person keys';

  it.each([
    ['"sum": "CID"', { from: 'PERSON', sum: 'CID' }, '$.measures.B.sum: PERSON.CID', 'not summed'],
    ['"sum" of a joined NAME', { from: 'LABOR', join: { PERSON: ['HOSPCODE', 'PID'] }, sum: 'PERSON.NAME' }, '$.measures.B.sum: PERSON.NAME', 'not summed'],
    ['"sum": "TELEPHONE"', { from: 'HOME', sum: 'TELEPHONE' }, '$.measures.B.sum: HOME.TELEPHONE', 'not summed'],
    ['"area": { "code": "HOUSE_ID" }', { from: 'ADDRESS', count: 'rows', area: { code: 'HOUSE_ID' } }, '$.measures.B.area: ADDRESS.HOUSE_ID', 'not as an area code'],
    ['"area": { "region": "PASSPORT" }', { from: 'PERSON', count: 'rows', area: { region: 'passport' } }, '$.measures.B.area: PERSON.PASSPORT', 'not as an area code'],
    ['"area" by a free-form table\'s cid', { from: 's_list', count: 'rows', area: { code: 'cid' } }, '$.measures.B.area: S_LIST.CID', 'not as an area code'],
  ])('%s: validate exits 2', (_, b, where, role) => {
    const r = kpi(['validate', withB(JSON.parse(JSON.stringify(b)) as Record<string, unknown>)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${where} ${REFUSED}, ${role}`);
  });

  it('"of" naming an identifier column is no measure: exit 2', () => {
    const t = ancTemplate();
    t.measures.A = { of: 'CID', where: ['num(GA) <= 12'] };
    const r = kpi(['validate', writeTemplate(t)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("$.measures.A.of: no measure named 'CID'");
  });

  it('conditions and keys may name identifiers: the demo counts stay 5 of 8', () => {
    const t = ancTemplate();
    // Every demo PERSON row has a CID and a NAME, the PERSON rows of every delivery too: B counts the same women.
    t.measures.B = { ...measureB(), join: { PERSON: ['HOSPCODE', 'PID'] }, where: [...(measureB().where as string[]), 'PERSON.CID is not empty', "PERSON.NAME != ''"] };
    // A key of identifiers, in a measure the formula does not use: accepted.
    t.measures.K = { from: 'PERSON', count: 'distinct HOSPCODE, PID, CID', where: ["NAME != ''"] };
    const file = writeTemplate(t);
    expect(kpi(['validate', file]).code).toBe(0);
    const r = kpi(['compute', '--templates', file, ...DEMO, '--format', 'csv']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('country,TH,ภาพรวมประเทศ,5,8,62.50,>= 60,true,');
  });
});
