import { stringify } from 'csv-stringify/sync';
import type { ResultRow } from '../results/schema.js';
import type { Comparison } from './comparison.js';
import { fixed, signed } from './values.js';

export const DIFF_CSV_FIELDS = [
  'indicator', 'level', 'area_code', 'area_name', 'status', 'flag',
  'period_old', 'period_new', 'a_old', 'a_new', 'b_old', 'b_new', 'result_old', 'result_new', 'change',
  'target_old', 'target_new', 'pass_old', 'pass_new', 'score_old', 'score_new',
] as const;

/** One line per listed row; no value is an empty cell, results keep the indicator's decimals. */
export function renderDiffCsv(c: Comparison): string {
  const records = c.rows.map((r) => {
    const decimals = c.indicators.byId.get(r.indicator)!.decimals;
    const side = (x: ResultRow | null) => ({
      period: x?.period ?? '', a: x?.a ?? '', b: x?.b ?? '', result: fixed(x?.result ?? null, decimals),
      target: x?.target ?? '', pass: x?.pass ?? '', score: x?.score ?? '',
    });
    const o = side(r.old);
    const n = side(r.new);
    return [
      r.indicator, r.level, r.area_code, r.area_name, r.status, r.flag ?? '',
      o.period, n.period, o.a, n.a, o.b, n.b, o.result, n.result, signed(r.change, decimals),
      o.target, n.target, o.pass, n.pass, o.score, n.score,
    ].map(String);
  });
  return stringify([[...DIFF_CSV_FIELDS], ...records]);
}
