import type { Hospitals } from '../area/hospitals.js';
import { placeByCode, placeByRegion, placeByUnit, type Place } from '../area/place.js';
import type { Encoding } from '../data/decode.js';
import type { SizedInput } from '../data/inputs.js';
import { fromInt, type Rational } from '../num/rational.js';
import { fyBounds, type Period } from '../period/period.js';
import type { CheckedTemplate } from '../template/checked.js';
import { readManual, type ManualRow } from './read.js';

/** Per template, per measure (A, B), the total of each place: the engine's shape, so roll-up and scoring need nothing new. */
export type ManualTotals = Map<string, Map<string, Map<Place, Rational>>>;

export interface ManualRun {
  /** Per period, in order. */
  readonly periodTotals: ManualTotals[];
  /** Each file read, as the engine lists its inputs. */
  readonly inputs: Array<{ file: string; table: string; rows: number; skipped: number }>;
  /** Templates whose CSV is not in `--data`. */
  readonly missing: Array<{ templateId: string; tables: string[] }>;
}

/** Reads each manual template's CSV once and totals A and B per place for every period. */
export async function runManual(templates: readonly CheckedTemplate[], data: ReadonlyMap<string, readonly SizedInput[]>, periods: readonly Period[], hospitals: Hospitals | null, encoding: Encoding): Promise<ManualRun> {
  const run: ManualRun = { periodTotals: periods.map(() => new Map()), inputs: [], missing: [] };
  const cache = new Map<string, ManualRow[]>();
  for (const t of templates) {
    const table = t.template.manual;
    if (table === undefined) continue;
    const files = data.get(table) ?? [];
    if (files.length === 0) { run.missing.push({ templateId: t.template.id, tables: [table] }); continue; }
    if (!cache.has(table)) {
      const rows: ManualRow[] = [];
      for (const f of files) {
        const read = readManual(f.display, await bytesOf(f.open()), encoding);
        run.inputs.push({ file: f.display, table, rows: read.length, skipped: 0 });
        rows.push(...read);
      }
      cache.set(table, rows);
    }
    periods.forEach((p, i) => run.periodTotals[i]!.set(t.template.id, totalsFor(cache.get(table)!, p, hospitals)));
  }
  return run;
}

async function bytesOf(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Reports are as-of figures, not additions: per area the latest one dated within the period's
 * fiscal year and on or before the period's end counts (an undated row counts for any period).
 */
export function latestRows(rows: readonly ManualRow[], p: Period): ManualRow[] {
  const fyStart = fyBounds(p.fyBE).start;
  const best = new Map<string, ManualRow>();
  for (const r of rows) {
    if (r.date !== null && (r.date < fyStart || r.date > p.end)) continue;
    const held = best.get(r.code);
    if (!held || (r.date ?? '') > (held.date ?? '')) best.set(r.code, r);
  }
  return [...best.values()];
}

function totalsFor(rows: readonly ManualRow[], p: Period, hospitals: Hospitals | null): Map<string, Map<Place, Rational>> {
  const a = new Map<Place, Rational>();
  const b = new Map<Place, Rational>();
  for (const r of latestRows(rows, p)) {
    const place = placeOf(r, hospitals);
    a.set(place, fromInt(Number(r.a)));
    b.set(place, fromInt(Number(r.b)));
  }
  return new Map([['A', a], ['B', b]]);
}

/** A country row has no place below the nation, so it counts in the national row only. */
function placeOf(r: ManualRow, hospitals: Hospitals | null): Place {
  switch (r.level) {
    case 'unit': return placeByUnit(r.code, hospitals);
    case 'district':
    case 'province': return placeByCode(r.code);
    case 'region': return placeByRegion(r.code);
    case 'country': return { unit: null, district: null, province: null, region: null };
  }
}

/** The engine's result with the manual templates' totals, files and missing tables added, so compute treats both alike. */
export function withManual<E extends { totals: ManualTotals; periodTotals: ManualTotals[]; inputs: ManualRun['inputs']; missing: ManualRun['missing'] }>(engine: E, manual: ManualRun): E {
  const periodTotals = engine.periodTotals.map((t, i) => new Map([...t, ...(manual.periodTotals[i] ?? [])]));
  return { ...engine, totals: periodTotals[0]!, periodTotals, inputs: [...engine.inputs, ...manual.inputs], missing: [...engine.missing, ...manual.missing] };
}
