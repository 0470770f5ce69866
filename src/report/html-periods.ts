import type { Lang } from '../area/names.js';
import type { IndicatorInfo, ResultDocument, ResultRow } from '../results/schema.js';
import { esc } from './escape.js';
import { periodText, word } from './labels.js';
import { BIG, lineChart, SMALL } from './line-chart.js';
import { periodColumns, type PeriodLayout } from './period-table.js';

/**
 * An indicator over several periods: a line chart (a line per area, the target as steps),
 * small multiples per area below region level, and the wide table (a column group per period).
 */
export function periodSection(id: string, doc: ResultDocument, layout: PeriodLayout, lang: Lang, anchor: string): string {
  const info = doc.indicators.find((i) => i.id === id);
  const rows = doc.results.filter((r) => r.indicator === id);
  const shown = layout.compared ? layout.periods.slice(0, layout.periods.length / 2) : layout.periods;
  const year = rows.filter((r) => shown.includes(r.period));
  const level = rows.find((r) => r.level !== 'country')?.level;
  return [
    `<section class="indicator" id="${anchor}">`,
    `<h2>${esc(info?.title[lang] ?? id)}</h2>`,
    `<p class="meta"><code>${esc(id)}</code> · ${esc(info?.unit[lang] ?? '')} · ${esc(shown.map((p) => periodText(p, lang)).join(', '))}</p>`,
    ...(info?.source ? [`<p class="source">${esc(`${word('source', lang)}: ${info.source[lang]}`)}</p>`] : []),
    lineChart(year, shown, info, lang, BIG),
    level && level !== 'region' ? multiples(year, shown, info, lang) : '',
    table(rows, info, lang, layout),
    '</section>',
  ].join('\n');
}

/** One small chart per area (the national one last), each with its own line and the target steps. */
function multiples(rows: readonly ResultRow[], periods: readonly string[], info: IndicatorInfo | undefined, lang: Lang): string {
  const areas = [...new Map(rows.map((r) => [`${r.level} ${r.area_code}`, r])).values()]
    .sort((a, b) => Number(a.level === 'country') - Number(b.level === 'country'));
  const figures = areas.map((a) => {
    const mine = rows.filter((r) => r.level === a.level && r.area_code === a.area_code);
    const name = a.level === 'unit' ? `${a.area_code} ${a.area_name}` : a.area_name;
    return `<figure class="multiple" data-area="${esc(a.area_code)}"><figcaption>${esc(name)}</figcaption>${lineChart(mine, periods, info, lang, SMALL)}</figure>`;
  });
  return `<div class="multiples">${figures.join('')}</div>`;
}

/** The wide table: the area column, then per period its B, A, result (and pass, score; last year's result and the change). */
function table(rows: readonly ResultRow[], info: IndicatorInfo | undefined, lang: Lang, layout: PeriodLayout): string {
  const { first, areas, groups } = periodColumns(rows, info, lang, layout);
  const top = `<tr><th rowspan="2">${esc(first[0]!)}</th>${groups.map((g) => `<th colspan="${g.header.length}" class="period">${esc(g.title)}</th>`).join('')}</tr>`;
  const heads = `<tr>${groups.flatMap((g) => g.header.map((h) => `<th class="num">${esc(h)}</th>`)).join('')}</tr>`;
  const body = areas.map((a, i) => {
    const cells = groups.flatMap((g) => g.cells(a.key).map((c) => `<td class="num">${esc(c)}</td>`));
    return `<tr${a.level === 'country' ? ' class="national"' : ''}><td>${esc(first[i + 1]!)}</td>${cells.join('')}</tr>`;
  });
  return `<div class="scroll"><table class="results periods"><thead>${top}${heads}</thead><tbody>${body.join('')}</tbody></table></div>`;
}

