import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadHospitals } from '../src/area/hospitals.js';
import { RowIssues } from '../src/data/issues.js';
import { findInputs } from '../src/data/inputs.js';
import { runEngine } from '../src/engine/run.js';
import { parseExpr } from '../src/expr/parse.js';
import { roundPeriod } from '../src/period/period.js';
import { loadTemplates } from '../src/template/load.js';
import { ROOT } from './helpers/cli.js';

/** The engine's hook for `kpi cases`: who each measure counted, kept only when asked. */
describe('the engine keeps members only when asked', async () => {
  const [anc] = await loadTemplates([path.join(ROOT, 'templates/anc-first-visit-12wk.json')]);
  const data = await findInputs([path.join(ROOT, 'fixtures/demo')]);
  const hospitals = await loadHospitals(path.join(ROOT, 'fixtures/demo/hospitals.csv'));
  const base = { period: roundPeriod(2567, 12), hospitals, requireAll: true };

  it('keeps nothing without a request', async () => {
    const engine = await runEngine([anc!], data, base, new RowIssues());
    expect(engine.members.size).toBe(0);
  });

  it('keeps the members of each measure in the area, with the values asked for on each counted row', async () => {
    const show = new Map([['anc-first-visit-12wk', new Map([['B', [parseExpr('GA')]]])]]);
    const engine = await runEngine([anc!], data, { ...base, keep: { show, area: { level: 'unit', code: '10001' } } }, new RowIssues());
    const byMeasure = engine.members.get('anc-first-visit-12wk')!;
    const list = (m: string) => [...byMeasure.get(m)!.counted.values()].map((x) => `${x.key.join('-')}: ${x.rows.map((r) => r[0]).join(', ')}`);
    // fixtures/demo/README.md: at 10001, B = 10001-1 (its ANCNO 1 row twice, GA 10), 10001-2 (GA 14), 10001-6 (GA 12); A = 1 and 6.
    expect(list('B')).toEqual(['10001-1: 10, 10', '10001-2: 14', '10001-6: 12']);
    expect(list('A')).toEqual(['10001-1: 10, 10', '10001-6: 12']);
    // The totals are the same as without the request.
    const plain = await runEngine([anc!], data, base, new RowIssues());
    expect(engine.totals).toEqual(plain.totals);
  });
});
