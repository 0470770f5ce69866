import type { NameLookup } from '../expr/check.js';
import type { Kind } from '../expr/kinds.js';
import { fieldType, tableDef, type FieldType } from '../data/tables.js';
import type { QueryMeasure } from './schema.js';

const KIND: Record<FieldType, Kind> = { C: 'text', N: 'num', D: 'date', DT: 'datetime', JSON: 'text' };

/** Words every condition may use besides fields; `fy.year` is the Buddhist Era fiscal year, as HDC's `b_year`. */
const PERIOD_WORDS = new Map<string, Kind>([['PERIOD.START', 'date'], ['PERIOD.END', 'date'], ['FY.START', 'date'], ['FY.END', 'date'], ['FY.YEAR', 'num']]);

export function isPeriodWord(name: string): boolean {
  return PERIOD_WORDS.has(name);
}

export function periodWordKind(name: string): Kind {
  return PERIOD_WORDS.get(name) ?? 'date';
}

/** A column name as a measure writes it, split into its table and field. */
export interface FieldRef {
  readonly table: string;
  readonly field: string;
}

/** `PERSON.SEX` → PERSON/SEX; `SEX` → the measure's own table. Names are upper-cased. */
export function splitName(q: QueryMeasure, name: string): FieldRef {
  const upper = name.trim().toUpperCase();
  const dot = upper.indexOf('.');
  return dot === -1 ? { table: q.from.toUpperCase(), field: upper } : { table: upper.slice(0, dot), field: upper.slice(dot + 1) };
}

export function joinedTables(q: QueryMeasure): string[] {
  return Object.keys(q.join ?? {}).map((t) => t.toUpperCase());
}

/** Why `ref` cannot be read by measure `q`, or `null` when it can. */
export function fieldProblem(q: QueryMeasure, ref: FieldRef): string | null {
  const own = q.from.toUpperCase();
  if (ref.table !== own && !joinedTables(q).includes(ref.table)) {
    return `${ref.table}.${ref.field}: ${ref.table} is neither the measure's table (${own}) nor joined to it`;
  }
  if (fieldType(ref.table, ref.field) === undefined) {
    const known = [...(tableDef(ref.table)?.fields?.keys() ?? [])];
    const near = known.find((f) => f.startsWith(ref.field.slice(0, 3)));
    return `${ref.table} has no field ${ref.field}${near ? ` (did you mean ${near}?)` : ''}`;
  }
  return null;
}

export function fieldKind(ref: FieldRef): Kind {
  const def = tableDef(ref.table);
  return def?.fields ? KIND[fieldType(ref.table, ref.field)!] : 'any';
}

/** The name lookup for conditions of a measure over `q`. */
export function conditionLookup(q: QueryMeasure): NameLookup {
  return (name) => {
    if (isPeriodWord(name)) return { kind: periodWordKind(name) };
    if (name === 'PERIOD' || name === 'FY') return { error: `'${name.toLowerCase()}' alone is not a value: use '${name.toLowerCase()}.start', '${name.toLowerCase()}.end'${name === 'PERIOD' ? " or 'X in period'" : ''}` };
    const ref = splitName(q, name);
    const problem = fieldProblem(q, ref);
    return problem ? { error: problem } : { kind: fieldKind(ref) };
  };
}

/** `"HOSPCODE, PID"` → its column names, trimmed. */
export function columnList(text: string): string[] {
  return text.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
}

/** `rows` or `distinct A, B`; `null` when the text is neither. */
export function parseCount(text: string): { kind: 'rows' } | { kind: 'distinct'; columns: string[] } | null {
  const t = text.trim();
  if (/^rows$/i.test(t)) return { kind: 'rows' };
  const m = /^distinct\s+(.+)$/i.exec(t);
  return m ? { kind: 'distinct', columns: columnList(m[1]!) } : null;
}
