import { KpiError, EXIT } from '../errors.js';
import { parseDbUrl, redactUrl, type Dialect, type DbTarget } from './url.js';

export type { Dialect } from './url.js';
export { redactUrl } from './url.js';

/** A row handed to a bulk load: one value (as text) or `null` per column, in the table's column order. */
export type TextRow = readonly (string | null)[];

/** A column `kpi load` makes: the exports' columns are TEXT; its row-order column is a whole number. */
export interface DbColumn {
  readonly name: string;
  readonly type: 'text' | 'bigint';
}

/** An open database. Every message it throws is a `DbError` that names the URL without its password. */
export interface Db {
  readonly dialect: Dialect;
  /** The URL as given, with its password replaced by `***`. */
  readonly shown: string;
  /**
   * Runs one statement and returns its rows as plain objects keyed by column name. Values are
   * strings, numbers or `null`: whole numbers beyond 2^53 and decimals may come as strings,
   * so cast in SQL what must be compared exactly.
   */
  query(sql: string): Promise<Record<string, unknown>[]>;
  /** The names of the tables in the database (the URL's database; `public` on PostgreSQL), as stored. */
  tables(): Promise<string[]>;
  /** Creates `table` with these columns, dropping a table of that name first. */
  createTable(table: string, columns: readonly DbColumn[]): Promise<void>;
  /** Appends rows in bulk (DuckDB appender, COPY FROM STDIN, LOAD DATA LOCAL); returns how many. */
  appendRows(table: string, columns: readonly DbColumn[], rows: AsyncIterable<TextRow>): Promise<number>;
  close(): Promise<void>;
}

/** A database that cannot be reached or refused a statement (exit 3, as unreadable data). */
export class DbError extends KpiError {
  readonly exitCode = EXIT.data;
  override name = 'DbError';
}

/**
 * Opens the database a `--db` URL names. Each driver is imported only when its scheme is
 * used, so a run on files never loads one. A bad URL is a `UsageError`.
 */
export async function openDb(url: string): Promise<Db> {
  const target = parseDbUrl(url);
  const open = await driver(target);
  try {
    return await open(target);
  } catch (e) {
    throw asDbError(e, target);
  }
}

type Opener = (t: DbTarget) => Promise<Db>;

async function driver(t: DbTarget): Promise<Opener> {
  switch (t.dialect) {
    case 'duckdb': return (await import('./duckdb.js')).openDuckDb;
    case 'postgres': return (await import('./postgres.js')).openPostgres;
    case 'mysql': return (await import('./mysql.js')).openMysql;
  }
}

/**
 * A driver's error as a `DbError` naming the database: its message with the password cut out
 * wherever it appears (drivers may echo the connection string) and URLs redacted.
 */
export function asDbError(e: unknown, t: Pick<DbTarget, 'shown' | 'password'>, what?: string): DbError {
  if (e instanceof KpiError) return e instanceof DbError ? e : new DbError(e.message);
  const raw = e instanceof Error ? e.message : String(e);
  const secrets = [t.password, process.env.PGPASSWORD, process.env.MYSQL_PWD].filter((s): s is string => !!s && s.length > 0);
  let message = raw.replace(/[a-z][a-z0-9+.-]*:\/\/\S+/gi, (m) => redactUrl(m));
  for (const s of secrets) message = message.split(s).join('***');
  return new DbError(`${t.shown}: ${what ? `${what}: ` : ''}${message}`);
}
