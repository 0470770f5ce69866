import { stringify } from 'csv-stringify/sync';
import { RESULT_FIELDS, type IndicatorInfo, type ResultRow } from '../results/schema.js';
import { passText, resultText } from './format-values.js';

/** DESIGN.md's columns in order; `result` keeps the indicator's decimals, no value is an empty cell. */
export function renderCsv(rows: readonly ResultRow[], infos: ReadonlyMap<string, IndicatorInfo>): string {
  const records = rows.map((r) => [
    r.indicator, r.period, r.level, r.area_code, r.area_name,
    r.a ?? '', r.b ?? '', resultText(r, infos.get(r.indicator)), r.target, passText(r.pass), r.score ?? '',
  ]);
  return stringify([RESULT_FIELDS as string[], ...records.map((rec) => rec.map(String))]);
}
