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
    const show = new Map([['anc-first-visit-12wk', new Map([['B', [parseExpr('BDATE')]], ['F', [parseExpr('GA')]]])]]);
    const engine = await runEngine([anc!], data, { ...base, keep: { show, area: { level: 'unit', code: '10001' } } }, new RowIssues());
    const byMeasure = engine.members.get('anc-first-visit-12wk')!;
    const list = (m: string) => [...byMeasure.get(m)!.counted.values()].map((x) => `${x.key.join('-')}: ${x.rows.map((r) => r[0]).join(', ')}`);
    // fixtures/demo/README.md. The measures count persons, and a person's area is known only once her home unit
    // is (the list is cut to the area afterwards), so every woman is kept, under the key of her first row read:
    // 20001-1 (also 99999-2, one CID) is counted once, her delivery reported by both units.
    expect(list('B')).toEqual([
      '10001-1: 20231105', '10001-2: 20240115', '10001-3: 20231001', '10002-1: 20240301',
      '10003-1: 20240930', '20001-1: 20231120, 20231120', '20001-2: 20240210', '99999-1: 20240105',
    ]);
    // F keeps each woman's first ANC of a pregnancy that can end in the period, before `within: B` is applied
    // (that happens when persons are counted): 10001-1's earliest of two identical rows (GA 10), 10001-2's GA 14
    // (not her earlier pregnancy's GA 8), 20001-1's at 99999 (GA 11, not GA 20 at home: listed under the key of
    // that row, 99999-2), and the women with
    // no delivery in the period (10001-4, -5, -6, 10002-2, 10003-2); 10002-1 (no GA) and 20001-2 (no ANC) have none.
    const f = ['10001-1: 10', '10001-2: 14', '10001-3: 12', '10001-4: 9', '10001-5: 11', '10001-6: 8', '10002-2: 9', '10003-1: 12', '10003-2: 8', '99999-2: 11', '99999-1: 7'];
    expect(list('F')).toEqual(f);
    // A: those of F at GA ≤ 12, all but 10001-2; within B that is 10001-1, -3, 20001-1, 10003-1, 99999-1 (A = 5).
    expect(list('A')).toEqual(f.filter((x) => x !== '10001-2: 14'));
    // The totals are the same as without the request.
    const plain = await runEngine([anc!], data, base, new RowIssues());
    expect(engine.totals).toEqual(plain.totals);
  });
});
