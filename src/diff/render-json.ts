import { toDecimalString, toNumber } from '../num/rational.js';
import type { ResultRow } from '../results/schema.js';
import type { Comparison } from './comparison.js';

/** The comparison as data; no timestamps, so the same two files give the same bytes. */
export function renderDiffJson(c: Comparison): string {
  const side = (x: ResultRow | null) => (x ? { period: x.period, a: x.a, b: x.b, result: x.result, target: x.target, pass: x.pass, score: x.score } : null);
  const doc = {
    old: c.old,
    new: c.new,
    tolerance: toDecimalString(c.tolerance),
    summary: c.summary,
    indicators: [...c.indicators.byId.values()].map((i) => ({ id: i.id, title: i.title, unit: i.unit, better: i.better, better_from: i.betterFrom, decimals: i.decimals })),
    rows: c.rows.map((r) => ({
      indicator: r.indicator, level: r.level, area_code: r.area_code, area_name: r.area_name,
      status: r.status, flag: r.flag, change: r.change === null ? null : toNumber(r.change),
      old: side(r.old), new: side(r.new),
    })),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
