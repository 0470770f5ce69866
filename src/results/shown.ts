import { totalName, type Coverage } from '../area/coverage.js';
import type { Lang } from '../area/names.js';
import type { Period } from '../period/period.js';
import type { CheckedTemplate } from '../template/checked.js';
import { indicatorInfo, notComputedRow, type BuildOptions } from './build.js';
import type { IndicatorInfo, ResultRow } from './schema.js';

/** What a run shows: the indicators and their rows, in template order. */
export interface Shown {
  readonly infos: IndicatorInfo[];
  readonly rows: ResultRow[];
}

/**
 * Rows in template order, as `compute` and `merge` show them: an indicator that could not be
 * computed (`reasons`: a missing column, a formula a result file cannot rebuild) is shown by
 * one row per period saying why, so every period's column carries it.
 */
export function shownRows(templates: readonly CheckedTemplate[], computed: readonly CheckedTemplate[], rows: readonly ResultRow[], reasons: ReadonlyMap<string, string>, b: Omit<BuildOptions, 'period'>, periods: readonly Period[]): Shown {
  const shown = templates.filter((t) => computed.includes(t) || reasons.has(t.template.id));
  const byId = new Map<string, ResultRow[]>();
  for (const r of rows) byId.set(r.indicator, [...(byId.get(r.indicator) ?? []), r]);
  const rowsOf = (t: CheckedTemplate) => {
    const reason = reasons.get(t.template.id);
    return reason === undefined ? byId.get(t.template.id) ?? [] : periods.map((period) => notComputedRow(t, reason, { ...b, period }));
  };
  return { infos: shown.map((t) => indicatorInfo(t, reasons.get(t.template.id))), rows: shown.flatMap(rowsOf) };
}

/** The total row is named for what the data covers (a province's export adds up to that province). */
export function nameTotal(rows: readonly ResultRow[], c: Coverage, lang: Lang): ResultRow[] {
  const name = totalName(c, lang);
  return rows.map((r) => (r.level === 'country' ? { ...r, area_name: name } : r));
}
