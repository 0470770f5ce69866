import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { asDbError, type Db } from './connection.js';
import { columnDefs, quoteIdent } from './quote.js';
import { plainRow, tabChunks } from './values.js';
import type { DbTarget } from './url.js';

const INT8 = 20;

/** Parts the URL leaves out come from libpq's variables (PGUSER, PGPASSWORD, PGHOST, PGPORT), read by `pg` itself. */
export async function openPostgres(t: DbTarget): Promise<Db> {
  const client = new pg.Client({
    ...(t.user ? { user: t.user } : {}),
    ...(t.password ? { password: t.password } : {}),
    ...(t.socket ? { host: t.socket } : t.host ? { host: t.host } : {}),
    ...(t.port ? { port: t.port } : {}),
    database: t.database!,
    // COUNT and SUM of whole numbers are int8: a number when exact, as the Db contract says.
    types: { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === INT8 ? parseInt8 : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser },
  });
  // A connection dropped later (server stopped) must not crash the process as an unhandled event.
  client.on('error', () => undefined);
  await client.connect();
  const q = (s: string) => quoteIdent('postgres', s);
  const run = async (sql: string) => {
    try {
      return await client.query(sql);
    } catch (e) {
      throw asDbError(e, t);
    }
  };
  return {
    dialect: 'postgres',
    shown: t.shown,
    async query(sql) {
      return (await run(sql)).rows.map(plainRow);
    },
    async tables() {
      const r = await run('SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()');
      return r.rows.map((row: Record<string, unknown>) => String(row['table_name']));
    },
    async createTable(table, columns) {
      await run(`DROP TABLE IF EXISTS ${q(table)}`);
      await run(`CREATE TABLE ${q(table)} (${columnDefs('postgres', columns)})`);
    },
    async appendRows(table, columns, rows) {
      const count = { n: 0 };
      try {
        const copy = client.query(copyFrom(`COPY ${q(table)} (${columns.map((c) => q(c.name)).join(', ')}) FROM STDIN`));
        await pipeline(Readable.from(tabChunks(rows, count)), copy);
      } catch (e) {
        throw asDbError(e, t, `loading ${table}`);
      }
      return count.n;
    },
    async close() {
      await client.end();
    },
  };
}

function parseInt8(s: string): number | string {
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : s;
}
