import type { Lang } from '../area/names.js';
import type { IndicatorInfo, ResultDocument } from '../results/schema.js';
import { BAND_COLOUR, bandLabel, bandOf, BANDS } from './bands.js';
import { barChart } from './bar-chart.js';
import { toBlocks, type Block } from './blocks.js';
import { esc } from './escape.js';
import { resultText, thousands } from './format-values.js';
import { cornerLabel, summaryGrid, type Grid } from './grid.js';
import { levelLabel, periodText, targetText, word } from './labels.js';
import { HTML_STYLE } from './html-style.js';
import { periodSection } from './html-periods.js';
import type { PeriodLayout } from './period-table.js';
import { readerWarnings } from './reader-warnings.js';

const HEADING = { th: 'ผลการดำเนินงานตามตัวชี้วัด', en: 'Indicator results' } as const;

/**
 * One self-contained page (inline CSS and SVG, no scripts, no network): the period and data
 * sources, a summary grid of all indicators × areas, then per indicator a bar chart and its
 * table. Every text from templates or input files is escaped.
 */
export function renderHtml(doc: ResultDocument, lang: Lang, layout?: PeriodLayout): string {
  const infos = new Map(doc.indicators.map((i) => [i.id, i]));
  const blocks = toBlocks(doc.results, infos, lang);
  const several = layout && layout.periods.length > 1 ? layout : null;
  // The summary of several periods is the year so far: the last period of the year computed.
  const latest = several ? several.periods[(several.compared ? several.periods.length / 2 : several.periods.length) - 1] : null;
  return [
    '<!DOCTYPE html>',
    `<html lang="${lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(`${HEADING[lang]} ${periodText(doc.period, lang)}`)}</title>`,
    `<style>${HTML_STYLE}</style>`,
    '</head>',
    '<body>',
    header(doc, lang),
    warnings(doc, lang),
    summary(latest ? { ...doc, results: doc.results.filter((r) => r.period === latest) } : doc, lang),
    ...(several ? [...new Set(doc.results.map((r) => r.indicator))].map((id) => periodSection(id, doc, several, lang, anchor(id))) : blocks.map((b) => indicator(b, doc, lang))),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function header(doc: ResultDocument, lang: Lang): string {
  const sources = doc.inputs.map((i) => `<li>${esc(i.file)} <span class="muted">(${esc(i.table)}, ${i.rows} ${word('rows', lang)}${i.skipped ? `, ${word('skipped', lang)} ${i.skipped}` : ''})</span></li>`);
  return [
    '<header>',
    `<h1>${esc(HEADING[lang])}</h1>`,
    `<p class="period">${esc(word('period', lang))}: <strong>${esc(periodText(doc.period, lang))}</strong></p>`,
    `<details open><summary>${esc(word('sources', lang))}</summary><ul class="sources">${sources.join('')}</ul></details>`,
    '</header>',
  ].join('\n');
}

/** Above this many areas the printed grid turns areas into rows, so that 77 provinces fit A4 landscape. */
const WIDE = 14;

function summary(doc: ResultDocument, lang: Lang): string {
  const grid = summaryGrid(doc.results, new Map(doc.indicators.map((i) => [i.id, i])));
  const head = `<tr><th class="label">${esc(cornerLabel(grid, lang))}</th>${grid.areas.map((a) => `<th class="${a.level === 'country' ? 'national' : ''}">${esc(a.label)}</th>`).join('')}</tr>`;
  const body = grid.lines.map((line) => {
    const name = line.info ? `<a href="#${anchor(line.indicator)}">${esc(line.info.title[lang])}</a>` : esc(line.indicator);
    return `<tr><th class="name label">${name}</th>${line.cells.map((r) => gridCell(r, line.info)).join('')}</tr>`;
  });
  const key = BANDS.map((b) => `<li><span class="swatch" style="background:#${BAND_COLOUR[b]}"></span>${esc(bandLabel(b, lang))}</li>`).join('');
  const wide = grid.areas.length > WIDE;
  return [
    `<section class="summary${wide ? ' wide' : ''}">`,
    `<h2>${esc(word('summary', lang))}</h2>`,
    `<div class="scroll screen-grid"><table class="grid"><thead>${head}</thead><tbody>${body.join('')}</tbody></table></div>`,
    wide ? printGrid(grid, lang) : '',
    `<ul class="key" aria-label="${esc(word('colourKey', lang))}">${key}</ul>`,
    '</section>',
  ].join('\n');
}

function gridCell(r: ResultDocument['results'][number] | null, info: IndicatorInfo | undefined): string {
  const shown = r && r.result !== null ? thousands(resultText(r, info)) : '-';
  return `<td class="num${shown === '-' ? ' none' : ''}" style="background:#${BAND_COLOUR[r ? bandOf(r) : 'none']}">${esc(shown)}</td>`;
}

/** For paper: one row per area, one numbered column per indicator, the numbers keyed below. */
function printGrid(grid: Grid, lang: Lang): string {
  const head = `<tr><th class="label">${esc(levelLabel(grid.level, lang))}</th>${grid.lines.map((l, i) => `<th title="${esc(l.info?.title[lang] ?? l.indicator)}">${i + 1}</th>`).join('')}</tr>`;
  const body = grid.areas.map((a, j) => `<tr${a.level === 'country' ? ' class="national"' : ''}><th class="label">${esc(a.label)}</th>${grid.lines.map((l) => gridCell(l.cells[j] ?? null, l.info)).join('')}</tr>`);
  const key = grid.lines.map((l, i) => `<li>${i + 1} ${esc(l.info?.title[lang] ?? l.indicator)}</li>`).join('');
  return `<div class="print-grid"><table class="grid"><thead>${head}</thead><tbody>${body.join('')}</tbody></table><ol class="grid-key">${key}</ol></div>`;
}

function indicator(b: Block, doc: ResultDocument, lang: Lang): string {
  const id = b.rows[0]!.row.indicator;
  const info = doc.indicators.find((i) => i.id === id);
  const head = `<tr>${b.header.map((h, i) => `<th${i > 0 ? ' class="num"' : ''}>${esc(h)}</th>`).join('')}</tr>`;
  const body = b.rows.map(({ cells, row }) => {
    const tds = cells.map((c, i) => {
      const style = i === 3 && row.result !== null ? ` style="background:#${BAND_COLOUR[bandOf(row)]}"` : '';
      return `<td${i > 0 ? ' class="num"' : ''}${style}>${esc(c)}</td>`;
    });
    return `<tr${row.level === 'country' ? ' class="national"' : ''}>${tds.join('')}</tr>`;
  });
  return [
    `<section class="indicator" id="${anchor(id)}">`,
    `<h2>${esc(info?.title[lang] ?? id)}</h2>`,
    `<p class="meta"><code>${esc(id)}</code> · ${esc(info?.unit[lang] ?? '')} · ${esc(word('target', lang))} ${esc(targetText(b.rows[0]!.row.target, lang))} · ${esc(periodText(b.rows[0]!.row.period, lang))}</p>`,
    ...(b.source ? [`<p class="source">${esc(b.source)}</p>`] : []),
    hasData(b) ? barChart(b.rows.map((r) => r.row), info, lang) : `<p class="no-data">${esc(word('noData', lang))}</p>`,
    `<table class="results"><thead>${head}</thead><tbody>${body.join('')}</tbody></table>`,
    '</section>',
  ].join('\n');
}

/** An indicator with no counted row anywhere gets a sentence, not an empty chart. */
function hasData(b: Block): boolean {
  return b.rows.some(({ row }) => row.result !== null || (row.b ?? 0) > 0 || (row.a ?? 0) > 0);
}

function warnings(doc: ResultDocument, lang: Lang): string {
  if (doc.warnings.length === 0) return '';
  return `<section class="notes"><h2>${esc(word('warnings', lang))}</h2><ul>${readerWarnings(doc.warnings, lang).map((w) => `<li>${esc(w)}</li>`).join('')}</ul></section>`;
}

/** Template ids are kebab-case; anything else is dropped so the anchor stays a valid id. */
function anchor(id: string): string {
  return `ind-${id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}
