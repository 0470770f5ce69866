import ExcelJS from 'exceljs';
import type { Lang } from '../area/names.js';
import { compareCodes } from '../area/names.js';
import type { IndicatorInfo, ResultDocument, ResultRow } from '../results/schema.js';
import { BAND_COLOUR, bandLabel, bandOf, BANDS, type Band } from './bands.js';
import { toBlocks, type Block } from './blocks.js';
import { cornerLabel, summaryGrid, type Grid } from './grid.js';
import { levelLabel, periodText, targetText, word } from './labels.js';
import type { PeriodLayout } from './period-table.js';
import { readerWarnings } from './reader-warnings.js';
import { sheetNames } from './sheet-names.js';
import { displayWidth } from './width.js';

/** Excel stores creation and modification times; fixed ones make two runs on one input equal. */
const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));

/** Printed for a meeting: A4, as wide as the page, as many pages down as needed. */
const A4 = { paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } as const;

/** Not 9: exceljs takes a width of exactly 9 for its default and leaves it out of the file. */
const MIN_WIDTH = 10;
const MAX_WIDTH = 60;

/** Excel's last column is XFD, 16,384; the summary's first two columns name the indicator. */
export const MAX_SUMMARY_AREAS = 16_384 - 2;

/**
 * A summary sheet (indicators × areas, results filled by score band, with a colour key), then
 * one sheet per indicator in the Ministry's layout. Numbers are numbers with number formats;
 * a `-` of the text table is an empty cell.
 */
export async function renderXlsx(doc: ResultDocument, lang: Lang, layout?: PeriodLayout): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'kpi';
  wb.lastModifiedBy = 'kpi';
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  const infos = new Map(doc.indicators.map((i) => [i.id, i]));
  if (layout && layout.periods.length > 1) {
    // The summary of several periods is the year so far: the last period of the year computed.
    const latest = layout.periods[(layout.compared ? layout.periods.length / 2 : layout.periods.length) - 1];
    const ids = [...new Set(doc.results.map((r) => r.indicator))];
    const names = sheetNames(word('summary', lang), ids);
    summarySheet(wb.addWorksheet(names[0]!), { ...doc, period: latest!, results: doc.results.filter((r) => r.period === latest) }, infos, lang);
    ids.forEach((id, i) => periodSheet(wb.addWorksheet(names[i + 1]!), doc.results.filter((r) => r.indicator === id), layout.periods, infos.get(id), lang));
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }
  const blocks = toBlocks(doc.results, infos, lang);
  const ids = blocks.map((b) => b.rows[0]!.row.indicator);
  const [summary, index, inputs, ...names] = sheetNames(word('summary', lang), [word('index', lang), word('inputsSheet', lang), ...ids]);
  summarySheet(wb.addWorksheet(summary!), doc, infos, lang);
  indexSheet(wb.addWorksheet(index!), ids.map((id, i) => ({ sheet: names[i]!, id, title: infos.get(id)?.title[lang] ?? '' })), lang);
  blocks.forEach((b, i) => indicatorSheet(wb.addWorksheet(names[i]!), b, infos.get(b.rows[0]!.row.indicator), lang));
  inputsSheet(wb.addWorksheet(inputs!), doc, lang);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

function summarySheet(ws: ExcelJS.Worksheet, doc: ResultDocument, infos: ReadonlyMap<string, IndicatorInfo>, lang: Lang): void {
  const grid = summaryGrid(doc.results, infos);
  ws.addRow([`${word('summary', lang)}  (${periodText(doc.period, lang)})`]).font = { bold: true };
  const layout = grid.areas.length > MAX_SUMMARY_AREAS ? longSummary(ws, grid, lang) : wideSummary(ws, grid, lang);
  ws.addRow([]);
  ws.addRow([word('colourKey', lang)]).font = { bold: true };
  for (const b of BANDS) fill(ws.addRow(['', bandLabel(b, lang)]).getCell(1), b);
  ws.views = [{ state: 'frozen', xSplit: layout.frozen[0], ySplit: layout.frozen[1] }];
  ws.pageSetup = { ...A4, orientation: layout.orientation };
  fitColumns(ws, 2, layout.caps);
  for (const c of layout.wrapped) ws.getColumn(c).alignment = { wrapText: true, vertical: 'top' };
}

/** How a summary layout is frozen, printed and sized once all its rows are in. */
interface Layout {
  readonly frozen: readonly [number, number];
  readonly orientation: 'landscape' | 'portrait';
  readonly caps: Readonly<Record<number, number>>;
  /** Columns whose text wraps rather than widening the sheet past a screen. */
  readonly wrapped: readonly number[];
}

/** Indicators down, areas across: the meeting's view, while the areas fit Excel's columns. */
function wideSummary(ws: ExcelJS.Worksheet, grid: Grid, lang: Lang): Layout {
  const head = ws.addRow([cornerLabel(grid, lang), '', ...grid.areas.map((a) => a.label), word('target', lang), `${word('pass', lang)} (${grid.areas.at(-1)?.label ?? ''})`]);
  head.font = { bold: true };
  for (const line of grid.lines) {
    // Target and pass are those of the total row, the last column of the grid.
    const total = line.cells.at(-1) ?? null;
    const pass = total?.pass === null || total?.pass === undefined ? null : word(total.pass ? 'yes' : 'no', lang);
    const row = ws.addRow([line.indicator, line.info?.title[lang] ?? '', ...line.cells.map((r) => r?.result ?? null), targetText(total?.target ?? '', lang) || null, pass]);
    line.cells.forEach((r, i) => {
      const cell = row.getCell(i + 3);
      cell.numFmt = numberFormat(line.info?.decimals ?? 2);
      fill(cell, r ? bandOf(r) : 'none');
    });
  }
  return { frozen: [2, 2], orientation: 'landscape', caps: { 2: 40 }, wrapped: [2] };
}

/**
 * Areas down, indicators across (each headed by its id and title): the long layout, for more
 * areas than Excel has columns (every unit of the country at `--by unit`). Nothing is left out.
 */
function longSummary(ws: ExcelJS.Worksheet, grid: Grid, lang: Lang): Layout {
  ws.addRow([`${levelLabel(grid.level, lang)} / ${word('indicator', lang)}`, ...grid.lines.map((l) => l.indicator)]).font = { bold: true };
  ws.addRow(['', ...grid.lines.map((l) => l.info?.title[lang] ?? '')]).font = { bold: true };
  grid.areas.forEach((area, a) => {
    const row = ws.addRow([area.label, ...grid.lines.map((l) => l.cells[a]?.result ?? null)]);
    grid.lines.forEach((l, i) => {
      const cell = row.getCell(i + 2);
      cell.numFmt = numberFormat(l.info?.decimals ?? 2);
      const r = l.cells[a];
      fill(cell, r ? bandOf(r) : 'none');
    });
  });
  const columns = grid.lines.map((_, i) => i + 2);
  return { frozen: [1, 3], orientation: 'portrait', caps: Object.fromEntries(columns.map((c) => [c, 40])), wrapped: columns };
}

/** Sheet names are indicator ids (Excel allows 31 characters): this sheet gives each its title, linked. */
function indexSheet(ws: ExcelJS.Worksheet, entries: ReadonlyArray<{ sheet: string; id: string; title: string }>, lang: Lang): void {
  ws.addRow([word('index', lang)]).font = { bold: true };
  ws.addRow([word('sheet', lang), word('indicator', lang)]).font = { bold: true };
  for (const e of entries) {
    const row = ws.addRow([e.sheet, e.title]);
    row.getCell(1).value = { text: e.sheet, hyperlink: `#'${e.sheet.replace(/'/g, "''")}'!A1` };
    row.getCell(1).font = { color: { argb: 'FF0563C1' }, underline: true };
  }
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: 2 }];
  fitColumns(ws, 2, { 2: 90 });
}

/** What was read, and what the reader should know about the numbers (as in the HTML report). */
function inputsSheet(ws: ExcelJS.Worksheet, doc: ResultDocument, lang: Lang): void {
  ws.addRow([`${word('sources', lang)}  (${periodText(doc.period, lang)})`]).font = { bold: true };
  ws.addRow([word('file', lang), word('table', lang), word('rows', lang), word('skipped', lang)]).font = { bold: true };
  for (const i of doc.inputs) ws.addRow([i.file, i.table, i.rows, i.skipped]);
  ws.addRow([]);
  ws.addRow([word('warnings', lang)]).font = { bold: true };
  const notes = readerWarnings(doc.warnings, lang);
  for (const w of notes.length ? notes : [word('noWarnings', lang)]) ws.addRow([w]);
  fitColumns(ws, 2);
}

function indicatorSheet(ws: ExcelJS.Worksheet, block: Block, info: IndicatorInfo | undefined, lang: Lang): void {
  ws.addRow([block.source ? `${block.title}  ·  ${block.source}` : block.title]).font = { bold: true };
  ws.addRow([word('code', lang), ...block.header]).font = { bold: true };
  for (const { cells, row: r } of block.rows) {
    // cells: area, B, A, result, target, pass, score; '-' means no value and stays empty.
    const value = (i: number, v: number | null) => (cells[i] === '-' ? null : v);
    const row = ws.addRow([r.area_code, r.area_name, value(1, r.b), value(2, r.a), value(3, r.result), targetText(r.target, lang), cells[5] === '-' ? null : cells[5]!, value(6, r.score)]);
    row.getCell(3).numFmt = numberFormat(0);
    row.getCell(4).numFmt = numberFormat(0);
    row.getCell(5).numFmt = numberFormat(info?.decimals ?? 2);
    if (r.result !== null) fill(row.getCell(5), bandOf(r));
    if (r.level === 'country') row.font = { bold: true };
  }
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: 2 }];
  ws.pageSetup = { ...A4, orientation: 'portrait' };
  fitColumns(ws, 2);
}

/**
 * One indicator over several periods: code and area, then a column group per period (its
 * title merged over B, A, result, target, pass, score), one row per area, the national row last.
 */
function periodSheet(ws: ExcelJS.Worksheet, rows: readonly ResultRow[], periods: readonly string[], info: IndicatorInfo | undefined, lang: Lang): void {
  const id = rows[0]?.indicator ?? '';
  const source = info?.source ? `  ·  ${word('source', lang)}: ${info.source[lang]}` : '';
  ws.addRow([`${id}  ${info?.title[lang] ?? ''}${source}`]).font = { bold: true };
  const heads = [word('b', lang), word('a', lang), info?.unit[lang] ?? '', word('target', lang), word('pass', lang), word('score', lang)];
  const titles = ws.addRow(['', '', ...periods.flatMap((p) => [periodText(p, lang), ...heads.slice(1).map(() => '')])]);
  titles.font = { bold: true };
  periods.forEach((_, g) => ws.mergeCells(2, 3 + g * heads.length, 2, 2 + (g + 1) * heads.length));
  const first = rows.find((r) => r.level !== 'country')?.level ?? 'country';
  ws.addRow([word('code', lang), levelLabel(first, lang), ...periods.flatMap(() => heads)]).font = { bold: true };
  const areas = [...new Map(rows.map((r) => [`${r.level} ${r.area_code}`, r])).values()]
    .sort((a, b) => Number(a.level === 'country') - Number(b.level === 'country') || compareCodes(a.area_code, b.area_code));
  for (const a of areas) {
    const at = periods.map((p) => rows.find((r) => r.period === p && r.level === a.level && r.area_code === a.area_code) ?? null);
    const none = (r: ResultRow) => r.b === 0 && (r.a === 0 || r.a === null);
    const row = ws.addRow([a.area_code, a.area_name, ...at.flatMap((r) => (r === null ? [null, null, null, null, null, null]
      : [none(r) ? null : r.b, none(r) ? null : r.a, r.result, r.target || null, r.pass === null ? null : word(r.pass ? 'yes' : 'no', lang), r.score]))]);
    at.forEach((r, g) => {
      const col = 3 + g * heads.length;
      row.getCell(col).numFmt = numberFormat(0);
      row.getCell(col + 1).numFmt = numberFormat(0);
      row.getCell(col + 2).numFmt = numberFormat(info?.decimals ?? 2);
      if (r && r.result !== null) fill(row.getCell(col + 2), bandOf(r));
    });
    if (a.level === 'country') row.font = { bold: true };
  }
  ws.views = [{ state: 'frozen', xSplit: 2, ySplit: 3 }];
  ws.pageSetup = { ...A4, orientation: 'landscape' };
  fitColumns(ws, 3);
}

/** `#,##0` and `#,##0.00` for 2 decimals: thousands separators, the indicator's decimals. */
function numberFormat(decimals: number): string {
  return decimals > 0 ? `#,##0.${'0'.repeat(decimals)}` : '#,##0';
}

function fill(cell: ExcelJS.Cell, band: Band): void {
  cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${BAND_COLOUR[band]}` } };
}

/**
 * Widths from what is shown (Thai vowel and tone marks take no width), from row `fromRow` on
 * so a long title in row 1 does not widen column A; `caps` overrides the maximum by column number.
 */
function fitColumns(ws: ExcelJS.Worksheet, fromRow: number, caps: Readonly<Record<number, number>> = {}): void {
  const widths: number[] = [];
  ws.eachRow((row, n) => {
    if (n < fromRow) return;
    row.eachCell((cell, col) => {
      widths[col - 1] = Math.max(widths[col - 1] ?? 0, displayWidth(shown(cell)));
    });
  });
  widths.forEach((w, i) => {
    const cap = caps[i + 1] ?? MAX_WIDTH;
    ws.getColumn(i + 1).width = Math.min(cap, Math.max(MIN_WIDTH, w + 2));
  });
}

/** Roughly what Excel shows: a number with its format's decimals and thousands separators. */
function shown(cell: ExcelJS.Cell): string {
  if (typeof cell.value !== 'number') return cell.text ?? '';
  const decimals = /\.(0+)$/.exec(cell.numFmt ?? '')?.[1]?.length ?? 0;
  return cell.value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}
