import type { Hospitals } from '../area/hospitals.js';
import { placeByUnit, type Place } from '../area/place.js';
import { DataError } from '../errors.js';
import { add, parseDecimal, sub, ZERO, type Rational } from '../num/rational.js';
import type { Period } from '../period/period.js';
import { rowTarget } from '../results/build.js';
import type { ResultRow } from '../results/schema.js';
import type { CheckedTemplate } from '../template/checked.js';
import type { UnitResultFile } from './read.js';

/** The measure totals per place that `results` rolls up, as the engine hands them to `compute`. */
export type Totals = Map<string, Map<Place, Rational>>;

/** Counted in a file's national row but at none of its units (placed by area code or residence). */
export interface Remainder {
  readonly file: string;
  readonly indicator: string;
  readonly measure: 'A' | 'B';
  readonly value: Rational;
}

/** A place below no area: it reaches only the national row. */
const NATIONAL_ONLY: Place = { unit: null, district: null, province: null, region: null };

/**
 * A and B of every unit of every file for one indicator and period, placed through
 * `--hospitals` as the engine places a row counted at that unit. What a file's national
 * row holds beyond its units is kept in the national row only, and reported.
 */
export function unitTotals(t: CheckedTemplate, period: Period, files: readonly UnitResultFile[], hospitals: Hospitals | null): { totals: Totals; remainders: Remainder[] } {
  const measures = countedMeasures(t);
  const totals: Totals = new Map(measures.map((m) => [m, new Map()]));
  const remainders: Remainder[] = [];
  const id = t.template.id;
  for (const f of files) {
    const rows = f.doc.results.filter((r) => r.indicator === id && r.period === period.label);
    const units = rows.filter((r) => r.level === 'unit');
    for (const r of rows) checkTarget(t, period, r, f.file);
    for (const r of units) {
      const place = placeByUnit(r.area_code, hospitals);
      for (const m of measures) totals.get(m)!.set(place, valueOf(r, m, f.file));
    }
    const country = rows.find((r) => r.level === 'country');
    if (!country) continue;
    for (const m of measures) {
      const rest = sub(valueOf(country, m, f.file), units.reduce((s, r) => add(s, valueOf(r, m, f.file)), ZERO));
      if (rest.n === 0n) continue;
      totals.get(m)!.set({ ...NATIONAL_ONLY }, rest);
      remainders.push({ file: f.file, indicator: id, measure: m, value: rest });
    }
  }
  return { totals, remainders };
}

/** Which of A and B the template has: the only measures a result row carries. */
export function countedMeasures(t: CheckedTemplate): Array<'A' | 'B'> {
  return (['A', 'B'] as const).filter((m) => t.measures.has(m) || t.totals.has(m) || t.eithers.has(m));
}

function valueOf(r: ResultRow, m: 'A' | 'B', file: string): Rational {
  const n = m === 'A' ? r.a : r.b;
  const v = n === null ? null : parseDecimal(String(n));
  if (v === null) throw new DataError(`${r.indicator} ${r.level} ${r.area_code} has no ${m}: not a row of \`kpi compute\` for this template`, file);
  return v;
}

/** A row judged by another target than the template's was computed with another version of it. */
function checkTarget(t: CheckedTemplate, period: Period, r: ResultRow, file: string): void {
  const want = rowTarget(t, r.level, r.area_code, period.round).target?.text ?? '';
  if (r.target !== want) {
    throw new DataError(`${r.indicator} ${r.level} ${r.area_code} (${period.label}) has target "${r.target}", but ${t.file} gives "${want}": computed with another version of the template`, file);
  }
}
