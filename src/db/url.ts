import { UsageError } from '../errors.js';

export type Dialect = 'duckdb' | 'postgres' | 'mysql';

/** Where a database is, read from a `--db` URL; the password is kept out of every message. */
export interface DbTarget {
  readonly dialect: Dialect;
  /** The URL with its password replaced by `***`: the only form ever shown. */
  readonly shown: string;
  /** duckdb: the database file (`:memory:` for none). */
  readonly file?: string;
  readonly user?: string;
  readonly password?: string;
  readonly host?: string;
  readonly port?: number;
  readonly database?: string;
  /** postgres: the folder holding the server's socket (`?host=`); mysql: the socket file (`?socket=`). */
  readonly socket?: string;
}

const SCHEMES: Readonly<Record<string, Dialect>> = { 'postgres:': 'postgres', 'postgresql:': 'postgres', 'mysql:': 'mysql', 'mariadb:': 'mysql' };

/** The same URL with any password replaced by `***`, for messages; a string that is no URL is cut to its scheme. */
export function redactUrl(url: string): string {
  if (/^duckdb:/i.test(url)) return url;
  // Done by pattern rather than by `URL`, so that a URL too broken to parse is still shown without its password.
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/?#]*):[^@/?#]*@/i, '$1:***@').replace(/([?&](?:password|pass|pwd)=)[^&#]*/gi, '$1***');
}

const USAGE = 'a --db URL is duckdb:FILE, postgres://USER[:PASS]@HOST[:PORT]/DB (or ?host=SOCKET_DIR) or mysql://USER[:PASS]@HOST[:PORT]/DB (or ?socket=PATH)';

/**
 * Reads a `--db` URL. Parts left out come from the usual environment variables when
 * the driver is opened (PGUSER, PGPASSWORD…, MYSQL_PWD), never from here.
 */
export function parseDbUrl(url: string): DbTarget {
  const shown = redactUrl(url);
  const duck = /^duckdb:(.*)$/i.exec(url);
  if (duck) {
    const file = duck[1]!.replace(/^\/\/(?=\/)/, '');
    if (file === '') throw new UsageError(`--db ${shown}: no database file after duckdb: (${USAGE})`);
    return { dialect: 'duckdb', shown, file };
  }
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new UsageError(`--db ${shown}: not a database URL (${USAGE})`);
  }
  const dialect = SCHEMES[u.protocol.toLowerCase()];
  if (!dialect) throw new UsageError(`--db ${shown}: unknown scheme ${u.protocol} (${USAGE})`);
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (database === '' || database.includes('/')) throw new UsageError(`--db ${shown}: name one database after the host, as …/DB (${USAGE})`);
  const socket = u.searchParams.get(dialect === 'postgres' ? 'host' : 'socket') ?? undefined;
  const unknown = [...u.searchParams.keys()].filter((k) => k !== (dialect === 'postgres' ? 'host' : 'socket'));
  if (unknown.length > 0) throw new UsageError(`--db ${shown}: unknown option ${unknown.join(', ')} (${USAGE})`);
  if (u.port !== '' && !/^\d+$/.test(u.port)) throw new UsageError(`--db ${shown}: port ${u.port} is no number`);
  return {
    dialect,
    shown,
    ...(u.username ? { user: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.hostname ? { host: u.hostname.replace(/^\[|\]$/g, '') } : {}),
    ...(u.port ? { port: Number(u.port) } : {}),
    database,
    ...(socket ? { socket } : {}),
  };
}
