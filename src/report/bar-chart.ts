import type { Lang } from '../area/names.js';
import type { IndicatorInfo, ResultRow } from '../results/schema.js';
import { BAND_COLOUR, bandOf } from './bands.js';
import { esc } from './escape.js';
import { resultText, thousands } from './format-values.js';
import { targetText, word } from './labels.js';

const WIDTH = 720;
const LABEL = 200;
const VALUE = 90;
const BAR_AREA = WIDTH - LABEL - VALUE;
const ROW = 22;
const TOP = 22;
const AXIS = 24;
const MAX_LABEL_CHARS = 30;

/**
 * A horizontal bar per area with a result (the national row too, set apart), bars from 0 and
 * coloured by score band, the target as a dashed line. Inline SVG: the report works offline.
 */
export function barChart(rows: readonly ResultRow[], info: IndicatorInfo | undefined, lang: Lang): string {
  const target = targetValue(rows[0]?.target ?? '');
  const top = Math.max(0, target ?? 0, ...rows.map((r) => r.result ?? 0));
  const { max, step } = niceScale(top);
  const x = (v: number) => LABEL + (Math.max(0, v) / max) * BAR_AREA;
  const height = TOP + rows.length * ROW + AXIS;
  const parts: string[] = [];
  for (let v = 0; v <= max + step / 2; v += step) {
    parts.push(`<line class="gridline" x1="${round(x(v))}" x2="${round(x(v))}" y1="${TOP}" y2="${height - AXIS}"/>`);
    parts.push(`<text class="tick" x="${round(x(v))}" y="${height - AXIS + 14}" text-anchor="middle">${esc(thousands(trim(v)))}</text>`);
  }
  rows.forEach((r, i) => {
    const y = TOP + i * ROW;
    const national = r.level === 'country';
    const name = r.level === 'unit' ? `${r.area_code} ${r.area_name}` : r.area_name;
    const shown = r.result === null ? '-' : thousands(resultText(r, info));
    parts.push(`<text class="area${national ? ' national' : ''}" x="${LABEL - 6}" y="${y + ROW / 2 + 4}" text-anchor="end"><title>${esc(name)}</title>${esc(shorten(name))}</text>`);
    if (r.result !== null) {
      const w = x(r.result) - LABEL;
      parts.push(`<rect class="bar${national ? ' national' : ''}" data-area="${esc(r.area_code)}" x="${LABEL}" y="${y + 3}" width="${round(w)}" height="${ROW - 6}" fill="#${BAND_COLOUR[bandOf(r)]}"><title>${esc(`${name}: ${shown}`)}</title></rect>`);
    }
    parts.push(`<text class="value${national ? ' national' : ''}" x="${round(r.result === null ? LABEL + 4 : x(r.result) + 4)}" y="${y + ROW / 2 + 4}">${esc(shown)}</text>`);
  });
  if (target !== null) {
    parts.push(`<line class="target" x1="${round(x(target))}" x2="${round(x(target))}" y1="${TOP - 6}" y2="${height - AXIS}"/>`);
    parts.push(`<text class="target-label" x="${round(x(target))}" y="${TOP - 9}" text-anchor="middle">${esc(`${word('target', lang)} ${targetText(rows[0]!.target, lang)}`)}</text>`);
  }
  const title = `${info?.title[lang] ?? rows[0]?.indicator ?? ''}`;
  return `<svg class="chart" role="img" aria-label="${esc(title)}" viewBox="0 0 ${WIDTH} ${height}" width="100%" xmlns="http://www.w3.org/2000/svg">${parts.join('')}</svg>`;
}

/** The number of a target such as `>= 60` or `<= 6.5`; null when there is none to draw. */
function targetValue(text: string): number | null {
  const m = /-?\d+(?:\.\d+)?/.exec(text);
  return m ? Number(m[0]) : null;
}

/** An axis end and step of 1, 2 or 5 × 10ⁿ, about five steps, at or above `top`. */
export function niceScale(top: number): { max: number; step: number } {
  if (!(top > 0)) return { max: 1, step: 0.2 };
  const rough = top / 5;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough)!;
  return { max: Math.ceil(top / step - 1e-9) * step, step };
}

function shorten(name: string): string {
  const chars = [...name];
  return chars.length > MAX_LABEL_CHARS ? chars.slice(0, MAX_LABEL_CHARS - 1).join('') + '…' : name;
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}

function trim(v: number): string {
  return String(Number(v.toPrecision(12)));
}
