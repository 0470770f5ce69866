import { PlaceBook } from '../area/place.js';
import type { Expr } from '../expr/ast.js';
import { isDigits, toDate } from '../expr/dates.js';
import type { Value } from '../expr/kinds.js';
import type { TableRead } from '../data/merge.js';
import type { CheckedTemplate } from '../template/checked.js';
import { splitName } from '../template/fields.js';
import type { Period } from '../period/period.js';
import type { TableColumns } from './columns.js';
import { registryFor } from './persons.js';
import { planTables } from './plan.js';
import type { KeySetPlan } from './related.js';

/**
 * What the data covered, so that a run never passes off missing data as
 * zeros: the columns an indicator needs that a file lacks, and the dates
 * found in the fields the templates filter on with `X in period`.
 */

/** A `TABLE.FIELD` a template keeps rows of with `FIELD in period`. */
export interface PeriodField {
  readonly table: string;
  readonly field: string;
}

/** The first and last date found in one period field (null: no date at all). */
export interface DateRange extends PeriodField {
  first: string | null;
  last: string | null;
}

/** An indicator left uncomputed, with why (`ANC.csv has no column GA`). */
export interface NotComputed {
  readonly templateId: string;
  readonly reason: string;
  /** Each file and the columns it lacks. */
  readonly lacking: ReadonlyArray<{ readonly file: string; readonly columns: readonly string[] }>;
}

/** The fields a template filters on with `in period`, in its measures' order, without repeats. */
export function periodFields(t: CheckedTemplate): PeriodField[] {
  const out = new Map<string, PeriodField>();
  for (const m of t.measures.values()) {
    for (const e of [...m.where, ...m.extra]) {
      for (const name of inPeriodNames(e)) {
        const ref = splitName(m.query, name);
        out.set(`${ref.table}.${ref.field}`, ref);
      }
    }
  }
  return [...out.values()];
}

function inPeriodNames(e: Expr): string[] {
  switch (e.kind) {
    case 'inPeriod': {
      const op = e.operand.kind === 'call' && e.operand.args.length === 1 ? e.operand.args[0]! : e.operand;
      return op.kind === 'name' ? [op.name] : [];
    }
    case 'and': case 'or': return [...inPeriodNames(e.left), ...inPeriodNames(e.right)];
    case 'not': return inPeriodNames(e.operand);
    default: return [];
  }
}

/** A row observer that widens each field's range; `null` when the table has no period field. */
export function rangeTracker(table: string, columns: TableColumns, wanted: readonly PeriodField[], ranges: DateRange[]): ((values: Value[]) => void) | null {
  const tracked: Array<{ slot: number; range: DateRange }> = [];
  for (const f of wanted) {
    const slot = f.table === table ? columns.find(f.field) : undefined;
    if (slot === undefined || ranges.some((r) => r.table === f.table && r.field === f.field)) continue;
    const range: DateRange = { table: f.table, field: f.field, first: null, last: null };
    ranges.push(range);
    tracked.push({ slot, range });
  }
  if (tracked.length === 0) return null;
  return (values) => {
    for (let i = 0; i < tracked.length; i++) {
      const { slot, range } = tracked[i]!;
      const v = values[slot];
      if (typeof v !== 'string' || v === '') continue;
      // A date field is 8 digits already (most rows of a large table): no regular expression, no substring.
      const d = v.length === 8 && isDigits(v) ? v : /^\d{8}/.test(v) ? v.slice(0, 8) : toDate(v);
      if (d !== null) widen(range, d);
    }
  };
}

/** Widens `range` to take in the date `d` (`YYYYMMDD`). */
export function widen(range: DateRange, d: string): void {
  if (range.first === null || d < range.first) range.first = d;
  if (range.last === null || d > range.last) range.last = d;
}

/**
 * Indicators that use a column some file of the table lacks: the reader reads
 * such a column as empty, which would count every row as failing its
 * condition, so the indicator is not computed at all.
 */
export function lackingColumns(read: TableRead, columns: TableColumns): NotComputed[] {
  const byTemplate = new Map<string, Map<string, string[]>>();
  for (const f of read.files) {
    for (const c of f.stats.absent ?? []) {
      for (const id of columns.neededBy.get(c.toUpperCase()) ?? []) {
        const files = byTemplate.get(id) ?? new Map<string, string[]>();
        const lacking = files.get(f.input.display) ?? [];
        if (!lacking.includes(c)) lacking.push(c);
        files.set(f.input.display, lacking);
        byTemplate.set(id, files);
      }
    }
  }
  return [...byTemplate].map(([templateId, files]) => {
    const lacking = [...files].map(([file, columns]) => ({ file, columns }));
    return { templateId, reason: lacking.map((l) => `${l.file} has no column ${l.columns.join(', ')}`).join('; '), lacking };
  });
}

/**
 * Per table, the columns the templates read and which templates read each, as
 * planning computes them (joins, residence and `exists` tables included), for
 * `kpi check` to name the indicators a missing column would stop.
 */
export function columnsNeeded(templates: readonly CheckedTemplate[], period: Period): Map<string, Map<string, string[]>> {
  const keySets = new Map<string, KeySetPlan>();
  const registry = registryFor(templates);
  const plans = planTables(templates, { periods: [period], hospitals: null, unplaced: new Map(), noAddress: new Map(), keySets, registry, places: new PlaceBook() });
  const out = new Map<string, Map<string, string[]>>();
  for (const { table, columns } of [...plans.values(), ...keySets.values()]) {
    const byColumn = out.get(table) ?? new Map<string, string[]>();
    // A row's own CID (and the person model's D_UPDATE) may be absent: persons then link through PERSON.
    for (const [column, ids] of columns.neededBy) if (!columns.unwarned.has(column)) byColumn.set(column, [...new Set([...(byColumn.get(column) ?? []), ...ids])]);
    out.set(table, byColumn);
  }
  return out;
}
