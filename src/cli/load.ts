import { Command, Option } from 'commander';
import type { Encoding } from '../data/decode.js';
import { findInputs } from '../data/inputs.js';
import { describeIssue, RowIssues } from '../data/issues.js';
import { openDb } from '../db/connection.js';
import { loadExports, type TableLoaded } from '../db/load.js';
import { EXIT } from '../errors.js';
import { helpFooter, INTERNAL } from './help.js';
import { SUMMARY } from './summaries.js';

interface LoadCliOptions {
  db?: string;
  data?: string[];
  encoding: Encoding;
  replace: boolean;
}

export function loadCommand(setCode: (c: number) => void): Command {
  return new Command('load')
    .description(SUMMARY.load)
    .option('--db <url>', 'duckdb:FILE, postgres://USER@HOST/DB or mysql://USER@HOST/DB (required)')
    .option('--data <paths...>', 'folders, files or .zip exports (required)')
    .addOption(new Option('--encoding <enc>', 'input encoding').choices(['auto', 'utf8', 'tis620']).default('auto'))
    .option('--replace', 'replace tables that exist already (without it, kpi load refuses and writes nothing)', false)
    .addHelpText('after', helpFooter([
      ['kpi load --db duckdb:f43.duckdb --data exports/2567-*', 'one DuckDB file from every monthly export'],
      ['PGPASSWORD=… kpi load --db postgres://kpi@dbhost/hdc --data exports --replace', 'replaces the tables of a PostgreSQL database'],
      ['kpi load --db "mysql://dhdc@localhost/dhdc?socket=/run/mysqld/mysqld.sock" --data F43_10670.zip', 'into a local MariaDB through its socket'],
    ], [[0, 'every table was loaded'], [2, 'a bad option or URL, or a table exists (use --replace)'], [3, 'unreadable data, or the database refused (nothing is replaced then)'], INTERNAL]))
    .action(async (o: LoadCliOptions, cmd: Command) => {
      if (!o.db) cmd.error(`error: required option '--db <url>' not specified`, { exitCode: EXIT.usage });
      if (!o.data) cmd.error(`error: required option '--data <paths...>' not specified`, { exitCode: EXIT.usage });
      setCode(await load(o.db, o.data, o));
    });
}

async function load(url: string, data: string[], o: LoadCliOptions): Promise<number> {
  const warn = (w: string) => process.stderr.write(`kpi: warning: ${w}\n`);
  const found = await findInputs(data, warn);
  const db = await openDb(url);
  const issues = new RowIssues();
  try {
    const result = await loadExports(db, found, issues, { encoding: o.encoding, replace: o.replace });
    for (const i of issues.list()) warn(describeIssue(i));
    for (const p of result.correctionProblems) warn(p);
    process.stdout.write(renderLoaded(result.tables));
    const rows = result.tables.reduce((n, t) => n + t.rows, 0);
    process.stderr.write(`kpi: loaded ${result.tables.length} table${result.tables.length === 1 ? '' : 's'} (${rows.toLocaleString('en')} rows) into ${db.shown}\n`);
    return EXIT.ok;
  } finally {
    await db.close();
  }
}

/** One line per table: what was loaded and what the merge did, so an officer can check the counts. */
export function renderLoaded(tables: readonly TableLoaded[]): string {
  const head = ['table', 'files', 'rows', 'replaced', 'deleted', ''];
  const body = tables.map((t) => [t.table, String(t.files), t.rows.toLocaleString('en'), String(t.replaced), String(t.deleted), t.existed ? '(replaced the old table)' : '']);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 || i === r.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd() + '\n';
  return [head, ...body].map(line).join('');
}
