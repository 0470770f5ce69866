import type { Hospitals } from '../area/hospitals.js';
import type { Place } from '../area/place.js';
import { stat } from 'node:fs/promises';
import { RowIssues } from '../data/issues.js';
import { fileInput } from '../data/inputs.js';
import { MissingColumnsError, readTable, type TableInput } from '../data/read.js';
import { DataError } from '../errors.js';
import type { Value } from '../expr/kinds.js';
import { add, ZERO, type Rational } from '../num/rational.js';
import type { Period } from '../period/period.js';
import type { CheckedTemplate } from '../template/checked.js';
import { collectKeys, type KeySetPlan } from './related.js';
import { planTables, replacesKept, type RootEval, type TablePlan, type Unplaced } from './plan.js';
import type { Row } from './row.js';
import { keyOf } from './row.js';

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
export async function runEngine(templates: readonly CheckedTemplate[], given: Map<string, TableInput[]>, opts: EngineOptions, issues: RowIssues): Promise<EngineResult> {
  const data = await withTemplateFiles(templates, given);
  const missing = missingTables(templates, data);
  if (missing.length > 0 && (opts.requireAll || missing.length === templates.length)) {
    throw new DataError(missing.map((m) => `${m.templateId} needs table ${m.tables.join(', ')}, not found in --data`).join('\n'));
  }
  const usable = templates.filter((t) => !missing.some((m) => m.templateId === t.template.id));
  const unplaced: Unplaced = new Map();
  const keySets = new Map<string, KeySetPlan>();
  const plans = planTables(usable, { period: opts.period, hospitals: opts.hospitals, unplaced, keySets });
  const inputs: InputSummary[] = [];
  for (const ks of keySets.values()) {
    // A table read again below reports its bad rows there; counting them twice would mislead.
    const own = plans.has(ks.table) ? new RowIssues() : issues;
    for (const input of data.get(ks.table) ?? []) {
      const summary = await readKeys(ks, input, own);
      if (!plans.has(ks.table)) inputs.push(summary);
    }
  }
  for (const plan of readingOrder(plans)) {
    for (const input of data.get(plan.table) ?? []) inputs.push(await passOver(plan, input, issues));
    finishLatest(plan);
  }
  const totals: MeasureTotals = new Map(usable.map((t) => [t.template.id, new Map()]));
  for (const plan of plans.values()) {
    for (const root of plan.roots) for (const t of root.targets) totals.get(t.templateId)!.set(t.measure, t.acc.totals());
  }
  for (const t of usable) addTotals(t, totals.get(t.template.id)!);
  return { totals, inputs, unplaced, missing };
}

/** `sum_of` measures: per place, the sum of their parts. */
function addTotals(t: CheckedTemplate, byMeasure: Map<string, Map<Place, Rational>>): void {
  for (const [name, parts] of t.totals) {
    const sum = new Map<Place, Rational>();
    for (const part of parts) for (const [place, v] of byMeasure.get(part) ?? []) sum.set(place, add(sum.get(place) ?? ZERO, v));
    byMeasure.set(name, sum);
  }
}

/** A measure's own `file` stands for its table, whatever `--data` holds. */
async function withTemplateFiles(templates: readonly CheckedTemplate[], given: Map<string, TableInput[]>): Promise<Map<string, TableInput[]>> {
  const data = new Map(given);
  for (const t of templates) {
    for (const m of t.measures.values()) {
      if (m.file === null || m.name !== m.rootName) continue;
      const st = await stat(m.file).catch(() => null);
      if (!st?.isFile()) throw new DataError(`no such file (named by ${t.template.id}, measure ${m.name})`, m.file);
      data.set(m.query.from.toUpperCase(), [fileInput(m.query.from.toUpperCase(), m.file)]);
    }
  }
  return data;
}

function tablesOf(t: CheckedTemplate): string[] {
  const set = new Set<string>();
  for (const m of t.measures.values()) {
    set.add(m.query.from.toUpperCase());
    for (const j of Object.keys(m.query.join ?? {})) set.add(j.toUpperCase());
    for (const r of m.related) set.add(r.table);
  }
  return [...set];
}

async function readKeys(plan: KeySetPlan, input: TableInput, issues: RowIssues): Promise<InputSummary> {
  try {
    const stats = await readTable(input, plan.columns.requests, (values) => collectKeys(plan, values), issues);
    return { file: input.display, table: plan.table, rows: stats.rows, skipped: stats.skipped };
  } catch (e) {
    if (e instanceof MissingColumnsError) throw new DataError(`${plan.table} has no column ${e.columns.join(', ')} (needed by ${neededBy(plan.columns, e.columns).join(', ')})`, input.display, 1);
    throw e;
  }
}

function neededBy(columns: TablePlan['columns'], missing: readonly string[]): string[] {
  return [...new Set(missing.flatMap((c) => [...(columns.neededBy.get(c.toUpperCase()) ?? [])]))];
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
  const onRow = (values: Value[]) => {
    for (const ix of plan.indexes) ix.rows.set(keyOf(ix.slots.map((s) => values[s] ?? null)), values);
    if (plan.roots.length === 0) return;
    const row: Row = { values, joined: plan.joins.map((j) => j.index.rows.get(keyOf(j.ownSlots.map((s) => values[s] ?? null)))) };
    for (const root of plan.roots) evaluate(root, row);
  };
  try {
    const stats = await readTable(input, plan.columns.requests, onRow, issues);
    return { file: input.display, table: plan.table, rows: stats.rows, skipped: stats.skipped };
  } catch (e) {
    if (e instanceof MissingColumnsError) {
      throw new DataError(`${plan.table} has no column ${e.columns.join(', ')} (needed by ${neededBy(plan.columns, e.columns).join(', ')})`, input.display, 1);
    }
    throw e;
  }
}

function allTrue(conds: Array<(r: Row) => Value>, row: Row): boolean {
  for (const c of conds) if (c(row) !== true) return false;
  return true;
}

function evaluate(root: RootEval, row: Row): void {
  if (!allTrue(root.where, row)) return;
  if (root.latest) {
    const k = root.latest.per(row);
    const by = root.latest.by(row);
    const kept = root.latest.kept.get(k) ?? [];
    keepLatest(kept, { by, row }, root.latest.keep);
    root.latest.kept.set(k, kept);
    return;
  }
  count(root, row);
}

/**
 * Keeps `kept` the `keep` greatest rows by `by`, oldest first. A new row goes
 * after every row it ties or beats, so on a tie the row read last wins.
 */
export function keepLatest(kept: Array<{ by: Value; row: Row }>, entry: { by: Value; row: Row }, keep: number): void {
  let i = 0;
  while (i < kept.length && replacesKept(entry.by, kept[i]!.by)) i++;
  kept.splice(i, 0, entry);
  if (kept.length > keep) kept.shift();
}

/** Counts one row for every target (or only those that judge rows one by one). */
function count(root: RootEval, row: Row, everyToo = true): void {
  const place = root.place(row);
  const key = root.key ? root.key(row) : null;
  const value = root.value ? root.value(row) : null;
  for (const t of root.targets) if ((everyToo || !t.every) && allTrue(t.extra, row)) t.acc.add(place, key, value);
}

function finishLatest(plan: TablePlan): void {
  for (const root of plan.roots) {
    if (!root.latest) continue;
    for (const rows of root.latest.kept.values()) {
      for (const { row } of rows) count(root, row, false);
      const last = rows[rows.length - 1]!.row;
      for (const t of root.targets) {
        if (t.every && rows.every(({ row }) => allTrue(t.extra, row))) t.acc.add(root.place(last), root.key ? root.key(last) : null, null);
      }
    }
    root.latest.kept.clear();
  }
}
