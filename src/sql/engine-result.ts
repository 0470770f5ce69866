import type { Hospitals } from '../area/hospitals.js';
import type { Db } from '../db/connection.js';
import { typedColumnSources } from '../db/typed-columns.js';
import { DataError } from '../errors.js';
import { tablesOf, type EngineResult } from '../engine/run.js';
import type { Period } from '../period/period.js';
import type { CheckedTemplate } from '../template/checked.js';
import { DIALECTS } from './dialects/index.js';
import { columnName, ROW_ORDER_COLUMN, tableName } from './names.js';
import { dbTotals } from './run.js';
import { nounList } from '../text/plural.js';

/**
 * `kpi compute --db`: the per-place totals from the database, in the shape the streaming
 * engine gives, so roll-up, scoring and every report are shared. Templates whose tables the
 * database lacks are skipped (or, with `--indicator`, an error), as with `--data`.
 */
export async function engineResultFromDb(templates: readonly CheckedTemplate[], periods: readonly Period[], db: Db, hospitals: Hospitals | null, requireAll: boolean): Promise<EngineResult> {
  const present = new Set((await db.tables()).map((t) => t.toUpperCase()));
  const missing = templates
    .map((t) => ({ templateId: t.template.id, tables: tablesOf(t).filter((tb) => !present.has(tb) && !fileBacked(t, tb)) }))
    .filter((m) => m.tables.length > 0);
  if (missing.length > 0 && requireAll) throw new DataError(missing.map((m) => `${m.templateId} needs ${nounList('table', m.tables)}, not found in ${db.shown}`).join('\n'));
  const usable = templates.filter((t) => !missing.some((m) => m.templateId === t.template.id));
  const order = await rowOrder(db, [...present][0]);
  const d = DIALECTS[db.dialect];
  const typed = await typedColumnSources(db, order !== null && order === d.loadOrder ? order : null);
  const { periodTotals, unplaced } = await dbTotals(usable, periods, db, hospitals, order, typed);
  return {
    totals: periodTotals[0]!, periodTotals, inputs: [], unplaced, missing, reads: [], correctionProblems: [],
    noAddress: new Map(), members: new Map(), persons: null, notComputed: [], dateRanges: [],
  };
}

function fileBacked(t: CheckedTemplate, table: string): boolean {
  return [...t.measures.values()].some((m) => m.file !== null && m.query.from.toUpperCase() === table);
}

/** kpi's own row-order column when the tables have it, else the engine's load order, else none. */
async function rowOrder(db: Db, someTable: string | undefined): Promise<string | null> {
  const d = DIALECTS[db.dialect];
  if (someTable === undefined) return d.loadOrder;
  const has = await db.query(`SELECT ${columnName(d, ROW_ORDER_COLUMN)} FROM ${tableName(d, someTable)} WHERE 1 = 0`).then(() => true, () => false);
  return has ? columnName(d, ROW_ORDER_COLUMN) : d.loadOrder;
}
