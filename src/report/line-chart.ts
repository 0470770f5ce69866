import type { Lang } from '../area/names.js';
import type { IndicatorInfo, ResultRow } from '../results/schema.js';
import { niceScale, round, shorten, targetValue, trim } from './bar-chart.js';
import { esc } from './escape.js';
import { resultText, thousands } from './format-values.js';
import { word } from './labels.js';

/** Colour-blind-safe line colours (Okabe–Ito), cycled; the national line is black. */
const PALETTE = ['0072B2', 'E69F00', '009E73', 'CC79A7', '56B4E9', 'D55E00', 'F0E442', '999999'];

export interface LineChartSize {
  readonly width: number;
  readonly height: number;
  /** Room on the right for the area names at the lines' ends (none in a small multiple). */
  readonly legend: number;
}

export const BIG: LineChartSize = { width: 720, height: 300, legend: 150 };
export const SMALL: LineChartSize = { width: 230, height: 150, legend: 0 };

const LEFT = 48;
const TOP = 20;
const AXIS = 22;

/** The short name of a period on the x axis: `R6`, `M03`, `2023-12`. */
function tick(label: string): string {
  return label.replace(/^FY\d{4} /, '');
}

/**
 * A line per area (result by period, the national line in black) over the periods of one
 * indicator, with the target as steps: each period's own target drawn across its slot, so
 * round targets (15, 30, 45, 60) rise as stairs. Inline SVG: the report works offline.
 */
export function lineChart(rows: readonly ResultRow[], periods: readonly string[], info: IndicatorInfo | undefined, lang: Lang, size: LineChartSize = BIG): string {
  const plotRight = size.width - size.legend - 10;
  const slot = (plotRight - LEFT) / periods.length;
  const xOf = (p: number) => LEFT + slot * (p + 0.5);
  const targets = periods.map((label) => targetValue(rows.find((r) => r.period === label)?.target ?? ''));
  const top = Math.max(0, ...targets.map((t) => t ?? 0), ...rows.map((r) => r.result ?? 0));
  const { max, step } = niceScale(top);
  const bottom = size.height - AXIS;
  const yOf = (v: number) => bottom - (Math.max(0, v) / max) * (bottom - TOP);
  const parts: string[] = [];
  for (let v = 0; v <= max + step / 2; v += step) {
    parts.push(`<line class="gridline" x1="${LEFT}" x2="${round(plotRight)}" y1="${round(yOf(v))}" y2="${round(yOf(v))}"/>`);
    parts.push(`<text class="tick" x="${LEFT - 4}" y="${round(yOf(v) + 3)}" text-anchor="end">${esc(thousands(trim(v)))}</text>`);
  }
  periods.forEach((label, p) => parts.push(`<text class="tick period" x="${round(xOf(p))}" y="${bottom + 14}" text-anchor="middle">${esc(tick(label))}</text>`));
  targets.forEach((t, p) => {
    if (t === null) return;
    const y = round(yOf(t));
    parts.push(`<line class="target-step" data-period="${esc(periods[p]!)}" data-target="${t}" x1="${round(LEFT + slot * p)}" x2="${round(LEFT + slot * (p + 1))}" y1="${y}" y2="${y}"><title>${esc(`${word('target', lang)} ${periods[p]}: ${rows.find((r) => r.period === periods[p])?.target ?? ''}`)}</title></line>`);
    const next = targets[p + 1];
    if (next !== undefined && next !== null && next !== t) parts.push(`<line class="target-riser" x1="${round(LEFT + slot * (p + 1))}" x2="${round(LEFT + slot * (p + 1))}" y1="${y}" y2="${round(yOf(next))}"/>`);
  });
  const areas = [...new Set(rows.map((r) => `${r.level} ${r.area_code}`))];
  let colour = 0;
  for (const area of areas) {
    const mine = rows.filter((r) => `${r.level} ${r.area_code}` === area);
    const points = periods.map((label) => mine.find((r) => r.period === label) ?? null);
    if (points.every((r) => r === null || r.result === null)) continue;
    const first = mine[0]!;
    const national = first.level === 'country';
    const stroke = national ? '000000' : PALETTE[colour++ % PALETTE.length]!;
    const name = first.level === 'unit' ? `${first.area_code} ${first.area_name}` : first.area_name;
    let d = '';
    let pen = false;
    const dots: string[] = [];
    points.forEach((r, p) => {
      if (r === null || r.result === null) { pen = false; return; }
      d += `${pen ? 'L' : 'M'}${round(xOf(p))} ${round(yOf(r.result))} `;
      pen = true;
      dots.push(`<circle class="dot" cx="${round(xOf(p))}" cy="${round(yOf(r.result))}" r="2.5" fill="#${stroke}"><title>${esc(`${name} ${r.period}: ${thousands(resultText(r, info))}`)}</title></circle>`);
    });
    parts.push(`<path class="line${national ? ' national' : ''}" data-area="${esc(first.area_code)}" d="${d.trim()}" stroke="#${stroke}" fill="none"/>`, ...dots);
    if (size.legend > 0) {
      const last = [...points].reverse().find((r) => r !== null && r.result !== null)!;
      parts.push(`<text class="line-label${national ? ' national' : ''}" x="${round(plotRight + 6)}" y="${round(yOf(last.result!) + 4)}" fill="#${stroke}">${esc(shorten(name))}</text>`);
    }
  }
  const title = `${info?.title[lang] ?? rows[0]?.indicator ?? ''}`;
  return `<svg class="chart line-chart" role="img" aria-label="${esc(title)}" viewBox="0 0 ${size.width} ${size.height}" width="${size === BIG ? '100%' : size.width}" xmlns="http://www.w3.org/2000/svg">${parts.join('')}</svg>`;
}
