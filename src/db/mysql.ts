import { Readable } from 'node:stream';
import mysql from 'mysql2/promise';
import { asDbError, type Db, type DbColumn, type TextRow } from './connection.js';
import { columnDefs, quoteIdent } from './quote.js';
import { plainRow, tabChunks } from './values.js';
import type { DbTarget } from './url.js';

/** MySQL and MariaDB. A password left out of the URL comes from MYSQL_PWD, as the `mysql` client reads it. */
export async function openMysql(t: DbTarget): Promise<Db> {
  const password = t.password ?? process.env.MYSQL_PWD;
  const conn = await mysql.createConnection({
    ...(t.user ? { user: t.user } : process.env.USER ? { user: process.env.USER } : {}),
    ...(password ? { password } : {}),
    ...(t.socket ? { socketPath: t.socket } : { host: t.host ?? 'localhost', ...(t.port ? { port: t.port } : {}) }),
    database: t.database!,
    charset: 'utf8mb4',
    // Thai text both ways; whole-number sums as numbers when exact, as the Db contract says.
    supportBigNumbers: true,
    multipleStatements: false,
    infileStreamFactory: () => { throw new Error('no file is read from this machine except a load kpi started'); },
  });
  conn.on('error', () => undefined);
  const q = (s: string) => quoteIdent('mysql', s);
  const run = async (sql: string, what?: string) => {
    try {
      const [rows] = await conn.query({ sql, rowsAsArray: false });
      return Array.isArray(rows) ? (rows as Record<string, unknown>[]) : [];
    } catch (e) {
      throw asDbError(e, { ...t, password }, what);
    }
  };
  // LOAD DATA LOCAL is the fast path; a server that refuses it (MySQL 8's default) gets multi-row INSERTs.
  const localInfile = await run('SELECT @@local_infile AS v').then((r) => Number(r[0]?.['v']) === 1);
  return {
    dialect: 'mysql',
    shown: t.shown,
    async query(sql) {
      return (await run(sql)).map(plainRow);
    },
    async tables() {
      const rows = await run('SELECT table_name AS table_name FROM information_schema.tables WHERE table_schema = DATABASE()');
      return rows.map((r) => String(r['table_name']));
    },
    async createTable(table, columns) {
      await run(`DROP TABLE IF EXISTS ${q(table)}`);
      await run(`CREATE TABLE ${q(table)} (${columnDefs('mysql', columns)}) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
    },
    async appendRows(table, columns, rows) {
      if (!localInfile) return insertRows(table, columns, rows);
      const count = { n: 0 };
      const stream = Readable.from(tabChunks(rows, count));
      try {
        await conn.query({
          sql: `LOAD DATA LOCAL INFILE 'kpi-load' INTO TABLE ${q(table)} CHARACTER SET utf8mb4 (${columns.map((c) => q(c.name)).join(', ')})`,
          infileStreamFactory: () => stream,
        });
      } catch (e) {
        throw asDbError(e, { ...t, password }, `loading ${table}`);
      }
      return count.n;
    },
    async close() {
      await conn.end();
    },
  };

  async function insertRows(table: string, columns: readonly DbColumn[], rows: AsyncIterable<TextRow>): Promise<number> {
    const head = `INSERT INTO ${q(table)} (${columns.map((c) => q(c.name)).join(', ')}) VALUES `;
    let batch: string[] = [];
    let n = 0;
    const flush = async () => {
      if (batch.length > 0) await run(head + batch.join(', '), `loading ${table}`);
      batch = [];
    };
    for await (const row of rows) {
      // mysql2's escaping quotes every value (backslashes, quotes, NUL) as the server reads it.
      batch.push(`(${row.map((v) => conn.escape(v)).join(', ')})`);
      n++;
      if (batch.length >= INSERT_BATCH) await flush();
    }
    await flush();
    return n;
  }
}

/** Rows per INSERT: far under the 16 MB packet limit even for 43-file rows of 255-character fields. */
const INSERT_BATCH = 500;
