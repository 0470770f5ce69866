import type { ChalkInstance } from 'chalk';
import { compareCodes, type Lang } from '../area/names.js';
import { toFixed } from '../num/rational.js';
import { pairPeriods, resultChange } from '../results/periods.js';
import type { IndicatorInfo, ResultRow } from '../results/schema.js';
import { cells } from './blocks.js';
import { plainText } from './escape.js';
import { levelLabel, periodText, word } from './labels.js';
import { displayWidth, padEnd, padStart } from './width.js';

/** How several periods are laid out: their labels in order, and whether the second half is a compared year. */
export interface PeriodLayout {
  readonly periods: readonly string[];
  readonly compared: boolean;
}

/** One period's columns in the wide table: B, A, result, and pass/score where judged; last year's result and the change. */
export interface Group {
  readonly period: string;
  readonly title: string;
  readonly header: string[];
  /** Per area key, the cells of this group (`-` where the period has no row for the area). */
  readonly cells: (areaKey: string) => string[];
}

const areaKey = (r: ResultRow) => `${r.level} ${r.area_code}`;

/**
 * The Ministry's page layout for several periods: one row per area, per period the columns
 * B / A / result (+ pass and score when the period is judged). Too wide for `width`, the table
 * is cut between period groups (never inside one), the area column repeated on each part.
 */
export function renderPeriodTable(rows: readonly ResultRow[], infos: ReadonlyMap<string, IndicatorInfo>, lang: Lang, colour: ChalkInstance, o: PeriodLayout & { width: number }): string {
  const out: string[] = [];
  for (const id of [...new Set(rows.map((r) => r.indicator))]) {
    const info = infos.get(id);
    const { title, first, areas, groups } = periodColumns(rows.filter((r) => r.indicator === id), info, lang, o);
    out.push(colour.bold(`${id}  ${info ? info.title[lang] : ''}  (${title})`));
    if (info?.source) out.push(colour.dim(plainText(`${word('source', lang)}: ${info.source[lang]}`)));
    for (const part of split(groups, areas, Math.max(...first.map(displayWidth)), o.width)) out.push(renderPart(first, areas, part, colour), '');
  }
  return out.join('\n');
}

/** One indicator's rows as the wide layout: the area column (head first) and a group of columns per period. */
export function periodColumns(rows: readonly ResultRow[], info: IndicatorInfo | undefined, lang: Lang, o: PeriodLayout): { title: string; first: string[]; areas: AreaRow[]; groups: Group[] } {
  const pairs = pairPeriods(o.periods, o.compared);
  const areas = areaRows(rows);
  return {
    title: `${span(pairs.map((p) => p.label))}${o.compared ? ` ↔ ${span(pairs.map((p) => p.before!))}` : ''}`,
    first: [levelLabel(areas.find((a) => a.level !== 'country')?.level ?? 'country', lang), ...areas.map((a) => a.label)],
    areas,
    groups: pairs.map((p) => group(rows, p, info, lang)),
  };
}

export interface AreaRow {
  readonly key: string;
  readonly level: ResultRow['level'];
  readonly label: string;
}

function areaRows(rows: readonly ResultRow[]): AreaRow[] {
  const seen = new Map<string, ResultRow>();
  for (const r of rows) if (!seen.has(areaKey(r))) seen.set(areaKey(r), r);
  return [...seen.values()]
    .sort((a, b) => Number(a.level === 'country') - Number(b.level === 'country') || compareCodes(a.area_code, b.area_code))
    .map((r) => ({ key: areaKey(r), level: r.level, label: cells(r, undefined, 'en')[0]! }));
}

function group(rows: readonly ResultRow[], p: { label: string; before?: string }, info: IndicatorInfo | undefined, lang: Lang): Group {
  const at = new Map(rows.filter((r) => r.period === p.label).map((r) => [areaKey(r), r]));
  const before = new Map(rows.filter((r) => r.period === p.before).map((r) => [areaKey(r), r]));
  const judged = [...at.values()].some((r) => r.target !== '');
  const scored = [...at.values()].some((r) => r.score !== null);
  const header = [word('b', lang), word('a', lang), info ? info.unit[lang] : '', ...(judged ? [word('pass', lang)] : []), ...(scored ? [word('score', lang)] : [])];
  if (p.before) header.push(yearOf(p.before, lang), '±');
  const decimals = info?.decimals ?? 2;
  return {
    period: p.label,
    title: `${periodText(p.label, lang)}${judged ? `  ${word('target', lang)} ${[...at.values()][0]!.target}` : ''}`,
    header,
    cells: (key) => {
      const r = at.get(key);
      const c = r ? cells(r, info, lang) : ['', '-', '-', '-', '-', '-', '-'];
      const own = [c[1]!, c[2]!, c[3]!, ...(judged ? [c[5]!] : []), ...(scored ? [c[6]!] : [])];
      if (!p.before) return own;
      const b = before.get(key);
      const change = resultChange(r?.result ?? null, b?.result ?? null);
      return [...own, b?.result == null ? '-' : b.result.toFixed(decimals), change === null ? '-' : (change.n > 0n ? '+' : '') + toFixed(change, decimals)];
    },
  };
}

/** `FY2567 R3, FY2567 R6` as they are; more as `first … last`, so the title stays short. */
function span(labels: readonly string[]): string {
  return labels.length > 2 ? `${labels[0]} … ${labels[labels.length - 1]}` : labels.join(', ');
}

/** Groups packed left to right into parts no wider than `width` (a group wider than that stands alone). */
function split(groups: readonly Group[], areas: readonly AreaRow[], firstWidth: number, width: number): Group[][] {
  const parts: Group[][] = [];
  let used = Infinity;
  for (const g of groups) {
    const ws = columnWidths(g, areas);
    const w = ws.reduce((a, b) => a + b, 0) + 2 * (ws.length - 1);
    // The first group opens the first part even when the width is unbounded (a pipe without COLUMNS).
    if (parts.length === 0 || used + 4 + w > width) { parts.push([g]); used = firstWidth + 4 + w; } else { parts[parts.length - 1]!.push(g); used += 4 + w; }
  }
  return parts;
}

/** A group's column widths: the widest of head and cells; its title may widen the last column. */
function columnWidths(g: Group, areas: readonly AreaRow[]): number[] {
  const body = areas.map((a) => g.cells(a.key));
  const ws = g.header.map((h, ci) => Math.max(displayWidth(h), ...body.map((row) => displayWidth(row[ci]!))));
  const short = displayWidth(g.title) - (ws.reduce((a, b) => a + b, 0) + 2 * (ws.length - 1));
  if (short > 0) ws[ws.length - 1]! += short;
  return ws;
}

function renderPart(first: string[], areas: readonly AreaRow[], part: readonly Group[], colour: ChalkInstance): string {
  const firstWidth = Math.max(...first.map(displayWidth));
  const body = areas.map((a) => part.map((g) => g.cells(a.key)));
  const widths = part.map((g) => columnWidths(g, areas));
  const groupText = (cellsOf: (gi: number) => string[]) => part.map((_, gi) => cellsOf(gi).map((c, ci) => padStart(c, widths[gi]![ci]!)).join('  ')).join('    ');
  const span = (gi: number) => widths[gi]!.reduce((a, b) => a + b, 0) + 2 * (widths[gi]!.length - 1);
  const titles = padEnd('', firstWidth) + '    ' + part.map((g, gi) => padEnd(g.title, span(gi))).join('    ');
  const header = padEnd(first[0]!, firstWidth) + '    ' + groupText((gi) => part[gi]!.header);
  const rule = '─'.repeat(firstWidth) + '    ' + part.map((_, gi) => widths[gi]!.map((w) => '─'.repeat(w)).join('  ')).join('    ');
  const lines = [titles.trimEnd(), header, rule];
  areas.forEach((a, i) => {
    const text = padEnd(first[i + 1]!, firstWidth) + '    ' + groupText((gi) => body[i]![gi]!);
    lines.push(a.level !== 'country' ? text : i > 0 ? rule + '\n' + colour.bold(text) : colour.bold(text));
  });
  return lines.join('\n');
}

/** The compared year as a short column head (`FY2566`, `ปีงบ 2566`); a single month keeps its words. */
function yearOf(label: string, lang: Lang): string {
  const fy = /^FY(\d{4}) /.exec(label);
  if (!fy) return periodText(label, lang);
  return lang === 'th' ? `ปีงบ ${fy[1]}` : `FY${fy[1]}`;
}
