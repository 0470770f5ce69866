import type { CompileEnv } from '../expr/compile.js';
import type { Value } from '../expr/kinds.js';
import type { Period } from '../period/period.js';
import type { CheckedRelated } from '../template/checked.js';
import { fieldKind } from '../template/fields.js';
import { allPeriods, compileCond, maskTest, usesPeriod, type MaskTest } from './by-period.js';
import { TableColumns } from './columns.js';
import { periodEnv } from './period-words.js';
import { keyOf, type Row } from './row.js';

/** The keys of one table's rows that meet one `exists` test's conditions. */
interface KeySet {
  readonly slots: number[];
  readonly where: MaskTest;
  /** All periods of the run. */
  readonly all: number;
  /** One set per period of the run, or one for all when the conditions name no period. */
  readonly keys: Array<Set<string>>;
}

/** What one pre-pass over a table collects: every key set other tables' measures test against. */
export interface KeySetPlan {
  readonly table: string;
  readonly columns: TableColumns;
  readonly sets: KeySet[];
}

/**
 * Registers `rel` with the plan of its table and returns the set its keys will
 * fill; the set is complete once that table's pre-pass has run, before any
 * measure's table is read (so there is no reading order to get wrong).
 */
export function keySetFor(rel: CheckedRelated, templateId: string, periods: readonly Period[], plans: Map<string, KeySetPlan>): Array<Set<string>> {
  let plan = plans.get(rel.table);
  if (!plan) {
    plan = { table: rel.table, columns: new TableColumns(rel.table), sets: [] };
    plans.set(rel.table, plan);
  }
  const columns = plan.columns;
  const envFor = (period: Period): CompileEnv<Row> => periodEnv(period, (name) => {
    const field = name.includes('.') ? name.slice(name.indexOf('.') + 1) : name;
    const s = columns.slot(field, templateId);
    return { get: (r: Row) => r.values[s] ?? null, kind: fieldKind({ table: rel.table, field }) };
  });
  const perPeriod = rel.where.some(usesPeriod);
  const set: KeySet = {
    slots: rel.on.map((k) => columns.slot(k, templateId)),
    where: maskTest(rel.where.map((e) => compileCond(e, periods, envFor))),
    all: perPeriod ? allPeriods(periods.length) : 1,
    keys: Array.from({ length: perPeriod ? periods.length : 1 }, () => new Set<string>()),
  };
  plan.sets.push(set);
  return set.keys;
}

/** Adds one row of the plan's table to every set whose conditions it meets. */
export function collectKeys(plan: KeySetPlan, values: Value[]): void {
  const row: Row = { values, joined: [] };
  for (const s of plan.sets) {
    const mask = s.where(row, s.all);
    if (mask === 0) continue;
    const key = keyOf(s.slots.map((i) => values[i] ?? null));
    for (let p = 0; p < s.keys.length; p++) if ((mask & (1 << p)) !== 0) s.keys[p]!.add(key);
  }
}
