import type { Value } from '../expr/kinds.js';
import type { RowIssues } from './issues.js';
import { keyOf } from './key.js';
import { readTable, type ColumnRequest, type ReadStats, type TableInput } from './read.js';
import type { Encoding } from './decode.js';
import { tableDef } from './tables.js';

/**
 * DATA_CORRECT deletions: per table, per primary key (as `keyOf` of the key
 * columns in registry order), the correction's D_UPDATE (`null` when empty).
 */
export type Corrections = Map<string, Map<string, string | null>>;

export interface CorrectionsRead {
  readonly corrections: Corrections;
  readonly files: Array<{ input: TableInput; stats: ReadStats }>;
  /** Correction rows that name no row we could match, as warnings. */
  readonly problems: string[];
}

const COLUMNS: ColumnRequest[] = [
  { name: 'HOSPCODE', type: 'C' },
  { name: 'TABLENAME', type: 'C' },
  { name: 'DATA_CORRECT', type: 'JSON' },
  { name: 'D_UPDATE', type: 'DT' },
];

/** `{'HOSPCODE':'10001','PID':'5'}`: exporters write single quotes, so this is not JSON; double quotes are read too. */
const PAIR = /["'](\w+)["']\s*:\s*["']([^"']*)["']/g;

export function parseCorrectionKeys(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(PAIR)) out.set(m[1]!.toUpperCase(), m[2]!);
  return out;
}

/** Reads every DATA_CORRECT file into the deletions they ask for. */
export async function readCorrections(inputs: readonly TableInput[], encoding: Encoding, issues: RowIssues): Promise<CorrectionsRead> {
  const corrections: Corrections = new Map();
  const files: CorrectionsRead['files'] = [];
  const unusable = new Map<string, number>();
  const note = (why: string) => unusable.set(why, (unusable.get(why) ?? 0) + 1);
  for (const raw of inputs) {
    const stats = await readTable(raw, COLUMNS, (v: Value[]) => {
      const table = String(v[1] ?? '').trim().toUpperCase();
      const def = tableDef(table);
      // The name is shown only once it is known to be a table name: a free-text value is data, and may be anything.
      if (!def) { note(`${raw.display}: DATA_CORRECT rows whose TABLENAME is not a 43-file table`); return; }
      if (def.primaryKey.length === 0) { note(`${raw.display}: DATA_CORRECT names table ${def.name}, which has no known primary key`); return; }
      const named = parseCorrectionKeys(String(v[2] ?? ''));
      if (!named.has('HOSPCODE') && v[0] !== null) named.set('HOSPCODE', String(v[0]));
      const lacking = def.primaryKey.filter((c) => !named.has(c));
      if (lacking.length > 0) { note(`${raw.display}: DATA_CORRECT rows for ${table} without ${lacking.join(', ')}`); return; }
      const byKey = corrections.get(table) ?? new Map<string, string | null>();
      const key = keyOf(def.primaryKey.map((c) => named.get(c)!));
      const update = v[3] === null ? null : String(v[3]);
      const prev = byKey.get(key);
      // Of several corrections of one row, the one that deletes the most wins: an empty D_UPDATE, else the latest.
      if (prev === undefined || (prev !== null && (update === null || update > prev))) byKey.set(key, update);
      corrections.set(table, byKey);
    }, issues, encoding);
    files.push({ input: raw, stats });
  }
  const problems = [...unusable].map(([why, n]) => `${why}: ${n} row${n === 1 ? '' : 's'} ignored`);
  return { corrections, files, problems };
}

/** Whether a correction with D_UPDATE `correction` removes a row last updated at `row`: a row updated after the correction was sent again on purpose. */
export function deletes(correction: string | null, row: Value): boolean {
  return correction === null || row === null || String(row) <= correction;
}
