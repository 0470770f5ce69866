import type { Value } from '../expr/kinds.js';
import { isValidDate, isoDate } from '../expr/dates.js';
import type { CheckedCaseField } from '../template/cases.js';
import type { Slots } from './request.js';
import type { Sets } from './sets.js';

/**
 * The text of each `cases` field for one person: from the first of its measures that counted
 * them, else from the rows one of them kept too few of to count ("one reading only").
 */
export function fieldTexts(fields: readonly CheckedCaseField[], sets: Sets, short: Sets, slots: Slots, id: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) out[f.name] = fieldText(f, sets, slots, id) || fieldText(f, short, slots, id);
  return out;
}

function fieldText(f: CheckedCaseField, sets: Sets, slots: Slots, id: string): string {
  for (const name of f.measures) {
    const m = sets.get(name)?.get(id);
    if (!m) continue;
    const at = slots.get(name)!.get(f.name)!;
    const rows = f.rows === 'all' ? m.rows : f.rows === 'first' ? m.rows.slice(0, 1) : m.rows.slice(-1);
    return rows.map((values) => render(f, at, values)).join('; ');
  }
  return '';
}

function render(f: CheckedCaseField, at: readonly number[], values: readonly Value[]): string {
  let k = 0;
  return f.show.map((part) => (typeof part === 'string' ? part : show(values[at[k++]!] ?? null, part.date))).join('');
}

function show(v: Value, date: boolean): string {
  if (v === null) return '';
  const s = String(v);
  return date && isValidDate(s) ? isoDate(s) : s;
}
