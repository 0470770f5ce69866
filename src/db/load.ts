import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DataError, UsageError } from '../errors.js';
import { readCorrections, type Corrections } from '../data/corrections.js';
import type { Encoding } from '../data/decode.js';
import type { RowIssues } from '../data/issues.js';
import { readMerged } from '../data/merge.js';
import { readHeader, type ColumnRequest, type TableInput } from '../data/read.js';
import { tableDef } from '../data/tables.js';
import type { Db, DbColumn } from './connection.js';
import { dbTableName, ROW_ORDER } from './layout.js';
import { quoteIdent } from './quote.js';
import { StagedRows } from './staging.js';

export interface LoadOptions {
  readonly encoding: Encoding;
  /** Replace tables that exist already; without it, finding one stops the load before anything is written. */
  readonly replace: boolean;
}

/** What one table got: rows loaded, and what the merge did (rows replaced by a newer one, rows DATA_CORRECT removed). */
export interface TableLoaded {
  readonly table: string;
  readonly files: number;
  readonly rows: number;
  readonly replaced: number;
  readonly deleted: number;
  readonly existed: boolean;
}

export interface LoadResult {
  readonly tables: TableLoaded[];
  /** DATA_CORRECT rows that could not be used, as warnings. */
  readonly correctionProblems: string[];
}

/** Tables are written under this prefix first and renamed at the end, so a failed load leaves the old tables as they were. */
const STAGING_PREFIX = 'kpi_load_';

/**
 * Loads every table of `found` into `db` as the 43-file tables, through the same reader
 * `compute` uses: decoded, merged by key and D_UPDATE, DATA_CORRECT applied (and not
 * itself loaded). Each table is loaded under a staging name; only when all are loaded do
 * they replace (or become) the real tables, so a failure while loading loses nothing, and a
 * failure while replacing keeps the staged tables not yet renamed (the only copy of their data).
 */
export async function loadExports(db: Db, found: ReadonlyMap<string, readonly TableInput[]>, issues: RowIssues, opts: LoadOptions): Promise<LoadResult> {
  const names = [...found.keys()].filter((t) => t !== 'DATA_CORRECT').sort();
  const existing = new Set((await db.tables()).map((t) => t.toLowerCase()));
  const clash = names.map(dbTableName).filter((t) => existing.has(t));
  if (clash.length > 0 && !opts.replace) {
    throw new UsageError(`${db.shown} already has table${clash.length === 1 ? '' : 's'} ${clash.join(', ')}: add --replace to replace ${clash.length === 1 ? 'it' : 'them'} (kpi load never appends to a table)`);
  }
  let corrections: Corrections = new Map();
  let correctionProblems: string[] = [];
  const correctionFiles = found.get('DATA_CORRECT');
  if (correctionFiles) ({ corrections, problems: correctionProblems } = await readCorrections(correctionFiles, opts.encoding, issues));
  const dir = mkdtempSync(path.join(tmpdir(), 'kpi-load-'));
  const staged: string[] = [];
  let swapping = false;
  const q = (s: string) => quoteIdent(db.dialect, s);
  try {
    const tables: TableLoaded[] = [];
    for (const table of names) {
      const staging = STAGING_PREFIX + dbTableName(table);
      staged.push(staging);
      const file = path.join(dir, `${tables.length}.tsv`);
      tables.push({ ...(await loadTable(db, table, staging, found.get(table)!, corrections, issues, opts.encoding, file)), existed: existing.has(dbTableName(table)) });
    }
    // From the first swap on, a staged table is the only copy of its data: it is kept if a swap fails.
    swapping = true;
    for (const t of tables) {
      await db.query(`DROP TABLE IF EXISTS ${q(t.table)}`);
      await db.query(`ALTER TABLE ${q(STAGING_PREFIX + t.table)} RENAME TO ${q(t.table)}`);
      staged.shift();
    }
    return { tables, correctionProblems };
  } catch (e) {
    if (swapping) throw new DataError(`${e instanceof Error ? e.message : String(e)} (while replacing the tables: ${staged.join(', ')} ${staged.length === 1 ? 'is' : 'are'} kept, fully loaded, under ${staged.length === 1 ? 'its' : 'their'} staging name${staged.length === 1 ? '' : 's'}; rename ${staged.length === 1 ? 'it' : 'them'} or run kpi load --replace again)`);
    for (const s of staged) await db.query(`DROP TABLE IF EXISTS ${q(s)}`).catch(() => undefined);
    throw e;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function loadTable(db: Db, table: string, staging: string, inputs: readonly TableInput[], corrections: Corrections, issues: RowIssues, encoding: Encoding, file: string): Promise<Omit<TableLoaded, 'existed'>> {
  const requests = await columnsOf(table, inputs, inputs.length >= 2 || corrections.has(table), encoding);
  const columns: DbColumn[] = [...requests.map((r) => ({ name: r.name.toLowerCase(), type: 'text' as const })), { name: ROW_ORDER, type: 'bigint' }];
  const rows = new StagedRows(file);
  const n = requests.length;
  let read;
  try {
    read = await readMerged(inputs, requests, (values) => {
      const row = new Array<string | null>(n + 1);
      for (let i = 0; i < n; i++) {
        const v = values[i];
        row[i] = v === null || v === undefined ? null : String(v);
      }
      row[n] = String(rows.count + 1);
      rows.add(row);
    }, issues, { encoding, corrections });
  } finally {
    rows.finish();
  }
  await db.createTable(staging, columns);
  await db.appendRows(staging, columns, rows.rows());
  return { table: dbTableName(table), files: inputs.length, rows: rows.count, replaced: read.replaced, deleted: read.deleted };
}

/**
 * The columns a table gets: every field of the registry, in registry order (a field an older
 * export lacks is NULL), else the header's columns (the union over the files, first seen
 * first). Values are read as text, as written; only where exports are merged are the key
 * columns and D_UPDATE read typed, as `compute` reads them there, so that the same rows survive.
 */
async function columnsOf(table: string, inputs: readonly TableInput[], merging: boolean, encoding: Encoding): Promise<ColumnRequest[]> {
  const def = tableDef(table);
  if (def?.fields) {
    const typed = new Set(merging ? [...def.primaryKey, 'D_UPDATE'] : []);
    return [...def.fields.values()].map((f) => ({ name: f.name, type: typed.has(f.name) ? f.type : 'C' }));
  }
  const names: string[] = [];
  for (const input of inputs) for (const name of await readHeader(input, encoding)) if (name !== '' && !names.includes(name)) names.push(name);
  return names.map((name) => ({ name, type: 'C' as const }));
}
