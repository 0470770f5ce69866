import type { Hospitals } from '../area/hospitals.js';
import type { Place } from '../area/place.js';
import type { RowIssues } from '../data/issues.js';
import { MissingColumnsError, readTable, type TableInput } from '../data/read.js';
import { DataError } from '../errors.js';
import type { Value } from '../expr/kinds.js';
import type { Rational } from '../num/rational.js';
import type { Period } from '../period/period.js';
import type { CheckedTemplate } from '../template/checked.js';
import { planTables, type RootEval, type TablePlan, type Unplaced } from './plan.js';
import type { Row } from './row.js';

/** Per template, per measure, the total of each place. */
export type MeasureTotals = Map<string, Map<string, Map<Place, Rational>>>;

export interface InputSummary {
  readonly file: string;
  readonly table: string;
  readonly rows: number;
  readonly skipped: number;
}

export interface EngineResult {
  readonly totals: MeasureTotals;
  readonly inputs: InputSummary[];
  readonly unplaced: Unplaced;
  /** Templates left out because a table they need is not in the data. */
  readonly missing: Array<{ templateId: string; tables: string[] }>;
}

export interface EngineOptions {
  readonly period: Period;
  readonly hospitals: Hospitals | null;
  /** A missing table is an error rather than a skipped indicator (the user named the indicators). */
  readonly requireAll: boolean;
}

/** Reads each needed table once, join targets first, and counts every measure. */
export async function runEngine(templates: readonly CheckedTemplate[], data: Map<string, TableInput[]>, opts: EngineOptions, issues: RowIssues): Promise<EngineResult> {
  const missing = missingTables(templates, data);
  if (missing.length > 0 && (opts.requireAll || missing.length === templates.length)) {
    throw new DataError(missing.map((m) => `${m.templateId} needs table ${m.tables.join(', ')}, not found in --data`).join('\n'));
  }
  const usable = templates.filter((t) => !missing.some((m) => m.templateId === t.template.id));
  const unplaced: Unplaced = new Map();
  const plans = planTables(usable, { period: opts.period, hospitals: opts.hospitals, unplaced });
  const inputs: InputSummary[] = [];
  for (const plan of readingOrder(plans)) {
    for (const input of data.get(plan.table) ?? []) inputs.push(await passOver(plan, input, issues));
    finishLatest(plan);
  }
  const totals: MeasureTotals = new Map(usable.map((t) => [t.template.id, new Map()]));
  for (const plan of plans.values()) {
    for (const root of plan.roots) for (const t of root.targets) totals.get(t.templateId)!.set(t.measure, t.acc.totals());
  }
  return { totals, inputs, unplaced, missing };
}

function tablesOf(t: CheckedTemplate): string[] {
  const set = new Set<string>();
  for (const m of t.measures.values()) {
    set.add(m.query.from.toUpperCase());
    for (const j of Object.keys(m.query.join ?? {})) set.add(j.toUpperCase());
  }
  return [...set];
}

function missingTables(templates: readonly CheckedTemplate[], data: Map<string, TableInput[]>): Array<{ templateId: string; tables: string[] }> {
  return templates
    .map((t) => ({ templateId: t.template.id, tables: tablesOf(t).filter((tb) => !data.has(tb)) }))
    .filter((m) => m.tables.length > 0);
}

/** Join targets before the tables that look rows up in them. */
function readingOrder(plans: Map<string, TablePlan>): TablePlan[] {
  const order: TablePlan[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (p: TablePlan) => {
    const s = state.get(p.table);
    if (s === 'done') return;
    if (s === 'visiting') throw new DataError(`tables join each other in a circle through ${p.table}`);
    state.set(p.table, 'visiting');
    for (const j of p.joins) {
      const target = [...plans.values()].find((q) => q.indexes.includes(j.index));
      if (target) visit(target);
    }
    state.set(p.table, 'done');
    order.push(p);
  };
  for (const p of plans.values()) visit(p);
  return order;
}

async function passOver(plan: TablePlan, input: TableInput, issues: RowIssues): Promise<InputSummary> {
  const { indexes, joins, roots } = plan;
  const onRow = (values: Value[]) => {
    for (let x = 0; x < indexes.length; x++) indexes[x]!.put(values);
    if (roots.length === 0) return;
    const joined = new Array<number>(joins.length);
    for (let j = 0; j < joins.length; j++) joined[j] = joins[j]!.index.find(joins[j]!.key(values));
    const row: Row = { values, joined };
    for (let x = 0; x < roots.length; x++) evaluate(roots[x]!, row);
  };
  try {
    const stats = await readTable(input, plan.columns.requests, onRow, issues);
    return { file: input.display, table: plan.table, rows: stats.rows, skipped: stats.skipped };
  } catch (e) {
    if (e instanceof MissingColumnsError) {
      const who = [...new Set(e.columns.flatMap((c) => [...(plan.columns.neededBy.get(c.toUpperCase()) ?? [])]))];
      throw new DataError(`${plan.table} has no column ${e.columns.join(', ')} (needed by ${who.join(', ')})`, input.display, 1);
    }
    throw e;
  }
}

function allTrue(conds: Array<(r: Row) => Value>, row: Row): boolean {
  for (let i = 0; i < conds.length; i++) if (conds[i]!(row) !== true) return false;
  return true;
}

function evaluate(root: RootEval, row: Row): void {
  if (!allTrue(root.where, row)) return;
  const latest = root.latest;
  if (latest) {
    latest.kept.offer(latest.per(row), row, latest.by);
    return;
  }
  count(root, row);
}

function count(root: RootEval, row: Row): void {
  const place = root.place(row, root.uses);
  const key = root.key ? root.key(row) : null;
  const value = root.value ? root.value(row) : null;
  const counters = root.counters;
  for (let i = 0; i < counters.length; i++) if (allTrue(counters[i]!.extra, row)) counters[i]!.acc.add(place, key, value);
}

function finishLatest(plan: TablePlan): void {
  for (const root of plan.roots) {
    if (!root.latest) continue;
    for (const row of root.latest.kept.take()) count(root, row);
  }
}
