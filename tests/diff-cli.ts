import { kpi as run, type Run } from './helpers/cli.js';

/** The real CLI, arguments spread (diff tests read better that way). */
export function kpi(...args: string[]): Run {
  return run(args);
}

export interface JsonDiffRow {
  indicator: string;
  level: string;
  area_code: string;
  status: string;
  flag: string | null;
  change: number | null;
  old: { a: number | null; b: number | null; result: number | null } | null;
  new: { a: number | null; b: number | null; result: number | null } | null;
}

export interface JsonDiff {
  summary: Record<string, number>;
  indicators: Array<{ id: string; better: string | null; better_from: string }>;
  rows: JsonDiffRow[];
}

/** `indicator level area_code` → `status flag change`, the facts a test compares with its hand-worked table. */
export function outline(doc: JsonDiff): Record<string, string> {
  return Object.fromEntries(doc.rows.map((r) => [`${r.indicator} ${r.level} ${r.area_code}`, [r.status, r.flag ?? '-', r.change ?? '-'].join(' ')]));
}
