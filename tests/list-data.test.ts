import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kpi, tempDir } from './helpers/cli.js';

interface Listed { id: string; computable: boolean; missing: { tables: string[]; columns: Array<{ file: string; columns: string[] }>; parts: string[] } }

function listed(data: string): Map<string, Listed> {
  const r = kpi(['list', '--data', data, '--format', 'json']);
  expect(r.code, r.stderr).toBe(0);
  return new Map((JSON.parse(r.stdout) as Listed[]).map((x) => [x.id, x]));
}

describe('kpi list --data: what this export can compute', () => {
  it('names the missing tables, and a composite whose parts are missing', () => {
    // fixtures/demo holds ANC, DEATH, NUTRITION and PERSON only.
    const m = listed('fixtures/demo');
    expect(m.get('anc-first-visit-12wk')).toMatchObject({ computable: true, missing: { tables: [], columns: [], parts: [] } });
    expect(m.get('dm-control')).toMatchObject({ computable: false, missing: { tables: ['CHRONIC', 'LABFU'] } });
    expect(m.get('consumer-protection-weighted')!.missing.parts).toContain('consumer-protection-food');
    expect(m.get('road-traffic-deaths-reduction')!.computable).toBe(true); // its baseline CSV ships with the template
  });

  it('names a file without a column an indicator needs, reading headers only', () => {
    const dir = tempDir();
    for (const f of readdirSync('fixtures/library')) copyFileSync(path.join('fixtures/library', f), path.join(dir, f));
    // LABOR without BHOSP: the maternal ratio's B needs it; births 15-19 and teen pregnancy do not.
    const labor = readFileSync('fixtures/library/LABOR.csv', 'utf8').split('\n').map((l) => l.split(',').filter((_, i) => i !== 5).join(',')).join('\n');
    writeFileSync(path.join(dir, 'LABOR.csv'), labor);
    const m = listed(dir);
    const maternal = m.get('maternal-deaths-per-100k-births')!;
    expect(maternal.computable).toBe(false);
    expect(maternal.missing.columns).toHaveLength(1);
    expect(maternal.missing.columns[0]!.columns).toEqual(['BHOSP']);
    expect(maternal.missing.columns[0]!.file).toMatch(/LABOR\.csv$/);
    expect(m.get('births-women-15-19-per-1000')!.computable).toBe(true);
    expect(m.get('anc-first-visit-12wk')!.missing.tables).toEqual(['ANC']);
  });

  it('says it in the table too', () => {
    const r = kpi(['list', '--data', 'fixtures/demo', '--lang', 'en']);
    expect(r.stdout.split('\n')[0]).toMatch(/ computable$/);
    expect(r.stdout).toMatch(/^dm-control .* no: needs tables CHRONIC, LABFU$/m);
    expect(r.stdout).toMatch(/^drowning-deaths-under-15 .* yes$/m);
  });
});
