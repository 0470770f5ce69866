import { DuckDBInstance } from '@duckdb/node-api';
import { asDbError, type Db, type TextRow } from './connection.js';
import { columnDefs, quoteIdent } from './quote.js';
import { plainRow } from './values.js';
import type { DbTarget } from './url.js';

export async function openDuckDb(t: DbTarget): Promise<Db> {
  const instance = await DuckDBInstance.create(t.file!);
  const conn = await instance.connect();
  const run = async (sql: string) => {
    try {
      return await conn.runAndReadAll(sql);
    } catch (e) {
      throw asDbError(e, t);
    }
  };
  const q = (s: string) => quoteIdent('duckdb', s);
  return {
    dialect: 'duckdb',
    shown: t.shown,
    async query(sql) {
      return (await run(sql)).getRowObjectsJS().map(plainRow);
    },
    async tables() {
      const rows = (await run("SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'")).getRowObjectsJS();
      return rows.map((r) => String(r['table_name']));
    },
    async createTable(table, columns) {
      await run(`DROP TABLE IF EXISTS ${q(table)}`);
      await run(`CREATE TABLE ${q(table)} (${columnDefs('duckdb', columns)})`);
    },
    async appendRows(table, columns, rows: AsyncIterable<TextRow>) {
      let n = 0;
      try {
        const appender = await conn.createAppender(table);
        for await (const row of rows) {
          for (let i = 0; i < columns.length; i++) {
            const v = row[i] ?? null;
            if (v === null) appender.appendNull();
            else if (columns[i]!.type === 'bigint') appender.appendBigInt(BigInt(v));
            else appender.appendVarchar(v);
          }
          appender.endRow();
          n++;
        }
        appender.closeSync();
      } catch (e) {
        throw asDbError(e, t, `loading ${table}`);
      }
      return n;
    },
    async close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
}
