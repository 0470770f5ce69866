import type { Hospitals } from '../area/hospitals.js';
import { areaName, compareCodes, type Lang } from '../area/names.js';
import { codeAt, type Level, type Place } from '../area/place.js';
import { REGIONS } from '../area/provinces.js';
import { add, mul, parseDecimal, roundHalfAway, toNumber, ZERO, type Rational } from '../num/rational.js';
import type { Period } from '../period/period.js';
import { scoreByBands, scoreByLadder } from '../score/scoring.js';
import { meetsTarget, targetFor, type Target } from '../score/target.js';
import type { CheckedTemplate } from '../template/checked.js';
import { sourceText } from '../template/source.js';
import { evalFormula } from './formula.js';
import type { IndicatorInfo, ResultRow } from './schema.js';

export interface BuildOptions {
  readonly level: Exclude<Level, 'country'>;
  readonly period: Period;
  readonly lang: Lang;
  readonly hospitals: Hospitals | null;
}

type Totals = ReadonlyMap<string, ReadonlyMap<Place, Rational>>;

/** Rows for one indicator: every area of the level (all 13 at region level), then the national row. */
export function buildRows(t: CheckedTemplate, totals: Totals, o: BuildOptions): ResultRow[] {
  const byArea = rollUp(totals, o.level);
  const codes = new Set(byArea.keys());
  if (o.level === 'region') REGIONS.forEach((r) => codes.add(String(r)));
  const rows = [...codes].sort(compareCodes).map((code) => row(t, o.level, code, byArea.get(code) ?? new Map(), o));
  rows.push(row(t, 'country', 'TH', rollUp(totals, 'country').get('TH') ?? new Map(), o));
  return rows;
}

/**
 * Rows of every template in order; a weighted composite's rows come from the
 * scores its parts got in the same area, so the parts are built first.
 */
export function buildAllRows(templates: readonly CheckedTemplate[], totalsOf: (id: string) => Totals, o: BuildOptions): ResultRow[] {
  const byId = new Map<string, ResultRow[]>();
  for (const t of templates) if (!t.composite) byId.set(t.template.id, buildRows(t, totalsOf(t.template.id), o));
  for (const t of templates) if (t.composite) byId.set(t.template.id, buildCompositeRows(t, byId, o));
  return templates.flatMap((t) => byId.get(t.template.id) ?? []);
}

/** Σ wᵢ·scoreᵢ per area, exact; an area where any part has no score has no result. */
export function buildCompositeRows(t: CheckedTemplate, rowsOf: ReadonlyMap<string, readonly ResultRow[]>, o: BuildOptions): ResultRow[] {
  const parts = t.composite!.parts;
  const scoreAt = new Map<string, Map<string, Rational | null>>();
  for (const p of parts) {
    for (const r of rowsOf.get(p.indicator) ?? []) {
      const m = scoreAt.get(r.area_code) ?? new Map<string, Rational | null>();
      m.set(p.indicator, r.score === null ? null : parseDecimal(String(r.score)));
      scoreAt.set(r.area_code, m);
    }
  }
  const codes = [...scoreAt.keys()].filter((c) => c !== 'TH').sort(compareCodes);
  return [...codes, 'TH'].map((code) => {
    const scores = scoreAt.get(code);
    let sum: Rational | null = ZERO;
    for (const p of parts) {
      const s = scores?.get(p.indicator);
      sum = sum && s ? add(sum, mul(p.weight, s)) : null;
    }
    return judged(t, code === 'TH' ? 'country' : o.level, code, sum, { a: null, b: null }, o);
  });
}

/** Sums each measure's place totals into the areas of one level; places above that level drop out. */
export function rollUp(totals: Totals, level: Level): Map<string, Map<string, Rational>> {
  const out = new Map<string, Map<string, Rational>>();
  for (const [measure, places] of totals) {
    for (const [place, v] of places) {
      const code = codeAt(place, level);
      if (code === null) continue;
      const m = out.get(code) ?? new Map<string, Rational>();
      m.set(measure, add(m.get(measure) ?? ZERO, v));
      out.set(code, m);
    }
  }
  return out;
}

function row(t: CheckedTemplate, level: Level, code: string, values: Map<string, Rational>, o: BuildOptions): ResultRow {
  const measure = (name: string) => (t.measures.has(name) || t.totals.has(name) || t.eithers.has(name) ? toNumber(values.get(name) ?? ZERO) : null);
  const raw = t.formula ? evalFormula(t.formula, values) : null;
  return judged(t, level, code, raw, { a: measure('A'), b: measure('B') }, o);
}

/** Rounds a raw result and judges pass and score on the rounded value, so a row never contradicts itself. */
function judged(t: CheckedTemplate, level: Level, code: string, raw: Rational | null, ab: { a: number | null; b: number | null }, o: BuildOptions): ResultRow {
  const tpl = t.template;
  const result = raw === null ? null : roundHalfAway(raw, tpl.decimals);
  const { target, judged: scored } = rowTarget(t, level, code, o.period.round);
  const score = result === null || !t.scoring || !scored ? null
    : t.scoring.kind === 'ladder' ? scoreByLadder(result, t.scoring.thresholds, tpl.better, t.scoring.interpolate)
    : scoreByBands(result, t.scoring.bands);
  return {
    indicator: tpl.id,
    period: o.period.label,
    level,
    area_code: code,
    area_name: areaName(level, code, o.lang, o.hospitals),
    a: ab.a,
    b: ab.b,
    result: result === null ? null : toNumber(result),
    target: target ? target.text : '',
    pass: result === null || !target ? null : meetsTarget(result, target),
    score: score === null ? null : toNumber(score),
  };
}

/** The target a row is judged by: its round's (or none, for a round the template does not list), replaced by the area's own from `area_targets`. */
export function rowTarget(t: CheckedTemplate, level: Level, code: string, round: number | undefined): { target: Target | null; judged: boolean } {
  const r = targetFor(t.rounds, t.target, round);
  return r.judged ? { target: t.areaTargets.get(`${level} ${code}`) ?? r.target, judged: true } : r;
}

/** `notComputed`: why the indicator has no numbers (e.g. a column its table lacks). */
export function indicatorInfo(t: CheckedTemplate, notComputed?: string): IndicatorInfo {
  const { id, title, unit, better, decimals, source } = t.template;
  return { id, title, unit, better, decimals, ...(source ? { source: sourceText(source) } : {}), ...(notComputed === undefined ? {} : { not_computed: notComputed }) };
}

/**
 * The one row of an indicator that was not computed: the national row with no
 * A, B, result or score, its name saying why, so that every format shows the
 * reason where the numbers would be, and `diff` sees the numbers vanish.
 */
export function notComputedRow(t: CheckedTemplate, reason: string, o: BuildOptions): ResultRow {
  return { indicator: t.template.id, period: o.period.label, level: 'country', area_code: 'TH', area_name: `not computed: ${reason}`, a: null, b: null, result: null, target: '', pass: null, score: null };
}
