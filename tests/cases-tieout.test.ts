import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadHospitals } from '../src/area/hospitals.js';
import type { Level } from '../src/area/place.js';
import { listCases } from '../src/cases/list.js';
import { RowIssues } from '../src/data/issues.js';
import { findInputs } from '../src/data/inputs.js';
import { runEngine } from '../src/engine/run.js';
import { UsageError } from '../src/errors.js';
import { roundPeriod } from '../src/period/period.js';
import { buildAllRows } from '../src/results/build.js';
import type { Which } from '../src/template/cases.js';
import type { CheckedTemplate } from '../src/template/checked.js';
import { loadTemplates } from '../src/template/load.js';
import { ROOT } from './helpers/cli.js';

/**
 * The list is the very set that was counted: for every bundled template on every
 * fixture that holds its tables, at every unit, province and the country, the
 * achieved list has A persons, the group list B, and the missing list is the
 * group less the achieved (B − A when A lies inside B). A and B come from a
 * plain engine run, as `compute` counts them, not from the lists.
 */
const FIXTURES = ['demo', 'library', 'persons', 'book', 'added'];
const period = roundPeriod(2567, 12);

/** Whether a measure counts persons: the person model, or distinct HOSPCODE + PID; a sum_of / either_of when all its parts do. */
function personsIn(t: CheckedTemplate, name: string): boolean {
  const parts = t.totals.get(name) ?? t.eithers.get(name);
  if (parts) return parts.every((p) => personsIn(t, p));
  const m = t.measures.get(name);
  return m !== undefined && (m.person !== null || m.query.count?.replace(/\s/g, '').toUpperCase() === 'DISTINCTHOSPCODE,PID');
}

describe('kpi cases ties out to compute for every bundled template', async () => {
  const templates = await loadTemplates([path.join(ROOT, 'templates')]);
  /** Templates whose three lists were checked at an area with persons in it. */
  const tiedOut = new Set<string>();
  for (const fixture of FIXTURES) {
    const folder = path.join(ROOT, 'fixtures', fixture);
    const hospitals = await loadHospitals(path.join(folder, 'hospitals.csv'));
    const data = await findInputs([folder]);
    const engine = await runEngine(templates, data, { period, hospitals, requireAll: false }, new RowIssues());
    const computed = templates.filter((t) => engine.totals.has(t.template.id) && !t.composite);
    const build = (level: 'unit' | 'province') => buildAllRows(computed, (id) => engine.totals.get(id)!, { level, period, lang: 'en', hospitals });
    // Units and the country, then the provinces (their build repeats the country row).
    const rows = [...build('unit'), ...build('province').filter((r) => r.level !== 'country')];

    for (const t of computed) {
      const id = t.template.id;
      const areas = rows.filter((r) => r.indicator === id && (r.b ?? 0) + (r.a ?? 0) > 0);
      it(`${id} on fixtures/${fixture}`, async () => {
        const persons = (m: string) => personsIn(t, m);
        const list = (which: Which, level: Level, code: string) => listCases(t, data, { period, hospitals, area: { level, code }, which, identify: false, lang: 'en', encoding: 'auto', strict: false });
        const ids = async (which: Which, level: Level, code: string) => (await list(which, level, code)).cases.map((c) => `${c.unit}/${c.pid}`);
        if (!persons('A') || !persons('B')) await expect(list('missing', 'country', 'TH')).rejects.toThrow(UsageError);
        if (!persons('A')) await expect(list('achieved', 'country', 'TH')).rejects.toThrow(UsageError);
        if (!persons('B')) await expect(list('group', 'country', 'TH')).rejects.toThrow(UsageError);
        for (const r of areas) {
          const level = r.level as Level;
          const at = `${r.level} ${r.area_code}`;
          const achieved = persons('A') ? await ids('achieved', level, r.area_code) : null;
          const group = persons('B') ? await ids('group', level, r.area_code) : null;
          if (achieved) {
            expect(achieved.length, `A at ${at}`).toBe(r.a);
            expect(new Set(achieved).size, `A at ${at} lists each person once`).toBe(achieved.length);
          }
          if (group) expect(group.length, `B at ${at}`).toBe(r.b);
          if (!achieved || !group) continue;
          const missing = await ids('missing', level, r.area_code);
          expect(missing.sort(), `B − A at ${at}`).toEqual(group.filter((p) => !achieved.includes(p)).sort());
          if (achieved.every((p) => group.includes(p))) expect(missing.length, `B − A at ${at}`).toBe(r.b! - r.a!);
          tiedOut.add(id);
        }
      });
    }
  }

  it('checks the three lists of every template whose A and B are persons, somewhere with persons in them', () => {
    const listable = templates.filter((t) => !t.composite && ['A', 'B'].every((m) => personsIn(t, m)));
    expect(listable.length).toBeGreaterThanOrEqual(16);
    expect(listable.map((t) => t.template.id).filter((id) => !tiedOut.has(id))).toEqual([]);
  });
});
