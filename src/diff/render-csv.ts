import { stringify } from 'csv-stringify/sync';
import { neutralise, type CsvOptions } from '../report/csv.js';
import type { ResultRow } from '../results/schema.js';
import type { Comparison } from './comparison.js';
import { fixed, signed } from './values.js';

export const DIFF_CSV_FIELDS = [
  'indicator', 'level', 'area_code', 'area_name', 'status', 'flag',
  'period_old', 'period_new', 'a_old', 'a_new', 'b_old', 'b_new', 'result_old', 'result_new', 'change',
  'target_old', 'target_new', 'pass_old', 'pass_new', 'score_old', 'score_new',
] as const;

/**
 * One line per listed row; no value is an empty cell, results keep the indicator's decimals.
 * `excel`: as `compute --excel` (BOM, CRLF, text cells that cannot run as formulas); the
 * number columns are left as numbers.
 */
export function renderDiffCsv(c: Comparison, options: CsvOptions = {}): string {
  const text = options.excel ? neutralise : (s: string) => s;
  const records = c.rows.map((r) => {
    const decimals = c.indicators.byId.get(r.indicator)!.decimals;
    const side = (x: ResultRow | null) => ({
      period: x?.period ?? '', a: x?.a ?? '', b: x?.b ?? '', result: fixed(x?.result ?? null, decimals),
      target: x?.target ?? '', pass: x?.pass ?? '', score: x?.score ?? '',
    });
    const o = side(r.old);
    const n = side(r.new);
    return [
      text(r.indicator), text(r.level), text(r.area_code), text(r.area_name), r.status, r.flag ?? '',
      text(o.period), text(n.period), o.a, n.a, o.b, n.b, o.result, n.result, signed(r.change, decimals),
      text(o.target), text(n.target), o.pass, n.pass, o.score, n.score,
    ].map(String);
  });
  return stringify([[...DIFF_CSV_FIELDS], ...records], options.excel ? { bom: true, record_delimiter: 'windows' } : {});
}
