import { compareCodes } from '../area/names.js';
import type { Lang } from '../area/names.js';
import type { IndicatorInfo, ResultRow } from '../results/schema.js';
import { levelLabel, word } from './labels.js';

export interface GridArea {
  readonly level: ResultRow['level'];
  readonly code: string;
  /** Short enough for a column head: a region's number, the name, with the code for units (names repeat). */
  readonly label: string;
}

export interface GridLine {
  readonly indicator: string;
  readonly info: IndicatorInfo | undefined;
  /** One per area of `areas`, null where the indicator has no row for it. */
  readonly cells: ReadonlyArray<ResultRow | null>;
}

/** The summary of all indicators × areas: every area any indicator has, national last. */
export interface Grid {
  /** The level of the areas other than the national one (what the column heads are). */
  readonly level: ResultRow['level'];
  readonly areas: readonly GridArea[];
  readonly lines: readonly GridLine[];
}

const key = (level: string, code: string) => `${level}\u0000${code}`;

export function summaryGrid(rows: readonly ResultRow[], infos: ReadonlyMap<string, IndicatorInfo>): Grid {
  const areas = new Map<string, GridArea>();
  const byIndicator = new Map<string, Map<string, ResultRow>>();
  for (const r of rows) {
    const k = key(r.level, r.area_code);
    if (!areas.has(k)) areas.set(k, { level: r.level, code: r.area_code, label: label(r) });
    const m = byIndicator.get(r.indicator) ?? new Map<string, ResultRow>();
    m.set(k, r);
    byIndicator.set(r.indicator, m);
  }
  const ordered = [...areas.values()].sort((a, b) => Number(a.level === 'country') - Number(b.level === 'country') || compareCodes(a.code, b.code));
  const lines = [...byIndicator].map(([indicator, m]) => ({
    indicator,
    info: infos.get(indicator),
    cells: ordered.map((a) => m.get(key(a.level, a.code)) ?? null),
  }));
  return { level: ordered.find((a) => a.level !== 'country')?.level ?? 'country', areas: ordered, lines };
}

function label(r: ResultRow): string {
  return r.level === 'region' ? r.area_code : r.level === 'unit' ? `${r.area_code} ${r.area_name}` : r.area_name;
}

/** The corner head: what the rows are and what the columns are, `ตัวชี้วัด / จังหวัด`. */
export function cornerLabel(grid: Grid, lang: Lang): string {
  return `${word('indicator', lang)} / ${levelLabel(grid.level, lang)}`;
}
