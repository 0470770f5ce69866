import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadHospitals } from '../src/area/hospitals.js';
import { RowIssues } from '../src/data/issues.js';
import { findInputs } from '../src/data/inputs.js';
import { runEngine } from '../src/engine/run.js';
import { roundPeriod } from '../src/period/period.js';
import { loadTemplates } from '../src/template/load.js';

/**
 * Templates that repeat a query share one pass over its rows (one root, one accumulator per
 * distinct `of` filter). Sharing must not change any figure: every copy of a template gets
 * exactly what the template gets alone, and the unplaced-unit warning still counts per template.
 */

const ROOT = path.resolve(import.meta.dirname, '..');

function copies(dir: string, file: string, ids: string[], edit?: (t: { measures: Record<string, { where?: string[] }> }) => void): void {
  const t = JSON.parse(readFileSync(path.join(ROOT, 'templates', file), 'utf8'));
  for (const id of ids) {
    const c = structuredClone(t);
    c.id = id;
    if (edit && id.endsWith('-edited')) edit(c);
    writeFileSync(path.join(dir, `${id}.json`), JSON.stringify(c));
  }
}

async function run(dir: string) {
  const templates = await loadTemplates([dir]);
  const hospitals = await loadHospitals(path.join(ROOT, 'fixtures/demo/hospitals.csv'));
  const data = await findInputs([path.join(ROOT, 'fixtures/demo')]);
  return runEngine(templates, data, { period: roundPeriod(2567, 12), hospitals, requireAll: false }, new RowIssues());
}

/** Totals of one template as plain numbers per unit, for comparing. */
function figures(totals: Map<string, Map<object, unknown>>): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const [measure, byPlace] of totals) {
    out[measure] = {};
    for (const [place, v] of byPlace) out[measure]![JSON.stringify(place)] = JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x));
  }
  return out;
}

describe('templates sharing a query', () => {
  it('give every copy the figures of the template alone', async () => {
    const dirs = ['bf', 'dr', 'an', 'many'].map((n) => mkdtempSync(path.join(tmpdir(), `kpi-${n}-`)));
    const [bfDir, drDir, anDir, manyDir] = dirs as [string, string, string, string];
    copies(bfDir, 'breastfeeding-exclusive-6mo.json', ['bf']);
    copies(drDir, 'drowning-deaths-under-15.json', ['dr']);
    copies(anDir, 'anc-first-visit-12wk.json', ['an']);
    // Same queries under other ids, and one whose A filter differs (so B is shared, A not).
    copies(manyDir, 'breastfeeding-exclusive-6mo.json', ['bf', 'bf-2', 'bf-3-edited'], (t) => { t.measures.A!.where = ["FOOD = '2'"]; });
    copies(manyDir, 'drowning-deaths-under-15.json', ['dr', 'dr-2']);
    copies(manyDir, 'anc-first-visit-12wk.json', ['an', 'an-2']);
    const bf = await run(bfDir);
    const dr = await run(drDir);
    const an = await run(anDir);
    const all = await run(manyDir);
    for (const id of ['bf', 'bf-2']) expect(figures(all.totals.get(id)!), id).toEqual(figures(bf.totals.get('bf')!));
    expect(figures(all.totals.get('bf-3-edited')!).B).toEqual(figures(bf.totals.get('bf')!).B);
    expect(figures(all.totals.get('bf-3-edited')!).A).not.toEqual(figures(bf.totals.get('bf')!).A);
    for (const id of ['dr', 'dr-2']) expect(figures(all.totals.get(id)!), id).toEqual(figures(dr.totals.get('dr')!));
    // The unplaced-unit warning counts rows per template, as when each template had its own pass.
    for (const id of ['an', 'an-2']) expect(figures(all.totals.get(id)!), id).toEqual(figures(an.totals.get('an')!));
    const units = new Set([...bf.unplaced.keys(), ...dr.unplaced.keys(), ...an.unplaced.keys()]);
    expect(units.size).toBeGreaterThan(0);
    for (const u of units) expect(all.unplaced.get(u), u).toBe(3 * (bf.unplaced.get(u) ?? 0) + 2 * (dr.unplaced.get(u) ?? 0) + 2 * (an.unplaced.get(u) ?? 0));
  });
});
