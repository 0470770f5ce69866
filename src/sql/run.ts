import type { Hospitals } from '../area/hospitals.js';
import { placeByCode, placeByRegion, placeByUnit, type Place } from '../area/place.js';
import { parseDecimal, type Rational } from '../num/rational.js';
import type { Period } from '../period/period.js';
import type { CheckedTemplate } from '../template/checked.js';
import type { MeasureTotals } from '../engine/run.js';
import type { Unplaced } from '../engine/plan.js';
import { DIALECTS } from './dialects/index.js';
import type { DialectName } from './dialect.js';
import { inlineFiles } from './inline.js';
import type { SourceOptions } from './plan-root.js';
import { measureColumn, ROWS_COLUMN, templateSql } from './query.js';

/** What `kpi compute --db` needs of a database connection (src/db's `Db` is one). */
export interface QueryRunner {
  readonly dialect: DialectName;
  query(sql: string): Promise<Array<Record<string, unknown>>>;
}

export interface DbTotals {
  /** Per period of the run, in order: per template, per measure, the total of each place (as the streaming engine gives them). */
  readonly periodTotals: MeasureTotals[];
  /** Units not in the hospitals file, with how many counted rows named them. */
  readonly unplaced: Unplaced;
}

/**
 * `tables`: sources to read instead of a table (upper-case name → derived table), for a
 * database whose columns are typed (`typedColumnSources`).
 *
 * Runs each template's query for each period and reads the rows back into the engine's
 * shape, so roll-up, scoring and reports are the ones `compute` always uses. Places are made
 * once per code, as the engine makes them.
 */
export async function dbTotals(templates: readonly CheckedTemplate[], periods: readonly Period[], db: QueryRunner, hospitals: Hospitals | null, order: string | null, tables: ReadonlyMap<string, string> = new Map()): Promise<DbTotals> {
  const d = DIALECTS[db.dialect];
  const places = new Map<string, Place>();
  const unplaced: Unplaced = new Map();
  const placeOf = (kind: 'u' | 'c' | 'r', v: string): Place => {
    let p = places.get(kind + v);
    if (!p) { p = kind === 'u' ? placeByUnit(v, hospitals) : kind === 'c' ? placeByCode(v) : placeByRegion(v); places.set(kind + v, p); }
    return p;
  };
  const periodTotals: MeasureTotals[] = periods.map(() => new Map());
  for (const t of templates) {
    const inline = new Map([...tables, ...(await inlineFiles(t, d, order))]);
    for (const [p, period] of periods.entries()) {
      const byMeasure = new Map<string, Map<Place, Rational>>();
      periodTotals[p]!.set(t.template.id, byMeasure);
      if (t.composite) continue;
      const rows = await db.query(templateSql(t, period, d, { order, inline, ...unitsOfTypeIn(hospitals) }));
      const names = [...t.measures.keys(), ...t.totals.keys(), ...t.eithers.keys()];
      for (const n of names) byMeasure.set(n, new Map());
      for (const row of rows) {
        const place = placeOfRow(row, placeOf);
        for (const n of names) {
          const v = row[measureColumn(n)];
          if (v === null || v === undefined) continue;
          byMeasure.get(n)!.set(place, parseDecimal(String(v))!);
        }
        if (p === periods.length - 1) countUnplaced(row, place, t, unplaced);
      }
    }
  }
  return { periodTotals, unplaced };
}

const NOWHERE: Place = { unit: null, district: null, province: null, region: null };

function placeOfRow(row: Record<string, unknown>, placeOf: (kind: 'u' | 'c' | 'r', v: string) => Place): Place {
  const text = (k: string) => (row[k] === null || row[k] === undefined ? null : String(row[k]));
  const unit = text('hospcode'); const code = text('area_code'); const region = text('region');
  if (unit !== null) return placeOf('u', unit);
  if (code !== null) return placeOf('c', code);
  if (region !== null) return placeOf('r', region);
  return NOWHERE;
}

/** Counted rows (and persons) at a unit the hospitals file does not know, for the warning. */
function countUnplaced(row: Record<string, unknown>, place: Place, t: CheckedTemplate, unplaced: Unplaced): void {
  if (place.unit === null || place.district !== null) return;
  const persons = [...t.measures.values()].filter((m) => m.person !== null).map((m) => m.name).concat([...t.eithers.keys()]);
  const n = Number(row[ROWS_COLUMN] ?? 0) + persons.reduce((s, m) => s + Number(row[measureColumn(m)] ?? 0), 0);
  if (n > 0) unplaced.set(place.unit, (unplaced.get(place.unit) ?? 0) + n);
}

/** The units of a hospitals file by type, for `unit_types` (nothing when there is no file: the compiler then says what is missing). */
export function unitsOfTypeIn(hospitals: Hospitals | null): Pick<SourceOptions, 'unitsOfType'> {
  if (!hospitals) return {};
  return { unitsOfType: (types) => [...hospitals].filter(([, u]) => u.type !== undefined && types.includes(u.type)).map(([code]) => code).sort() };
}
