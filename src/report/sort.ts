import { compareCodes } from '../area/names.js';
import type { IndicatorInfo, ResultRow } from '../results/schema.js';

export const SORTS = ['code', 'result'] as const;
export type Sort = (typeof SORTS)[number];

/**
 * `result`: within each indicator, best result first by its `better` (higher or lower), areas
 * without a result last, ties by code; the total row stays last. `code` keeps the order built.
 */
export function sortRows(rows: readonly ResultRow[], sort: Sort, infos: readonly IndicatorInfo[]): ResultRow[] {
  if (sort === 'code') return [...rows];
  const better = new Map(infos.map((i) => [i.id, i.better]));
  const order = (a: ResultRow, b: ResultRow): number => {
    if ((a.level === 'country') !== (b.level === 'country')) return a.level === 'country' ? 1 : -1;
    if ((a.result === null) !== (b.result === null)) return a.result === null ? 1 : -1;
    const sign = better.get(a.indicator) === 'lower' ? 1 : -1;
    const byResult = a.result !== null && b.result !== null ? sign * (a.result - b.result) : 0;
    return byResult || compareCodes(a.area_code, b.area_code);
  };
  const out: ResultRow[] = [];
  for (const group of groups(rows)) out.push(...group.sort(order));
  return out;
}

/** Consecutive rows of one indicator, in the order they come. */
function groups(rows: readonly ResultRow[]): ResultRow[][] {
  const out: ResultRow[][] = [];
  for (const r of rows) {
    const last = out[out.length - 1];
    if (last && last[0]!.indicator === r.indicator) last.push(r);
    else out.push([r]);
  }
  return out;
}
