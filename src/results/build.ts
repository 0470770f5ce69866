import type { Hospitals } from '../area/hospitals.js';
import { areaName, compareCodes, type Lang } from '../area/names.js';
import { codeAt, type Level, type Place } from '../area/place.js';
import { REGIONS } from '../area/provinces.js';
import { add, roundHalfAway, toNumber, ZERO, type Rational } from '../num/rational.js';
import type { Period } from '../period/period.js';
import { scoreByBands, scoreByLadder } from '../score/scoring.js';
import { meetsTarget } from '../score/target.js';
import type { CheckedTemplate } from '../template/checked.js';
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
  const tpl = t.template;
  const raw = evalFormula(t.formula, values);
  const result = raw === null ? null : roundHalfAway(raw, tpl.decimals);
  const target = (o.period.round && t.rounds[o.period.round]) || t.target;
  const score = result === null || !t.scoring ? null
    : t.scoring.kind === 'ladder' ? scoreByLadder(result, t.scoring.thresholds, tpl.better, t.scoring.interpolate)
    : scoreByBands(result, t.scoring.bands);
  const measure = (name: string) => (t.measures.has(name) ? toNumber(values.get(name) ?? ZERO) : null);
  return {
    indicator: tpl.id,
    period: o.period.label,
    level,
    area_code: code,
    area_name: areaName(level, code, o.lang, o.hospitals),
    a: measure('A'),
    b: measure('B'),
    result: result === null ? null : toNumber(result),
    target: target.text,
    pass: result === null ? null : meetsTarget(result, target),
    score: score === null ? null : toNumber(score),
  };
}

export function indicatorInfo(t: CheckedTemplate): IndicatorInfo {
  const { id, title, unit, better, decimals } = t.template;
  return { id, title, unit, better, decimals };
}
