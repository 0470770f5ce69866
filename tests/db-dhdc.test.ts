import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableDef } from '../src/data/tables.js';
import { kpi } from './helpers/cli.js';
import { DEMO, DEMO_HOSPITALS } from './helpers/demo.js';
import { startMariaDb, type Server } from './helpers/servers.js';

/**
 * `kpi compute --db mysql://…` against a database laid out and loaded the way DHDC does it,
 * not by `kpi load`: upper-case column names, every field of the standard, a primary key,
 * a case-insensitive collation, `LOAD DATA … REPLACE` mapping columns by the header (an empty
 * field is ''), no row-order column; once with text columns and once with DHDC's typed ones
 * (date, datetime, decimal, loaded in the lax SQL mode DHDC runs in).
 */
const TABLES = ['ANC', 'DEATH', 'LABOR', 'NUTRITION', 'PERSON'];
const RUN = ['--hospitals', DEMO_HOSPITALS, '--fy', '2567', '--by', 'unit', '--format', 'csv'];

let my: Server;
beforeAll(async () => { my = await startMariaDb(); }, 180_000);
afterAll(async () => { await my?.stop(); }, 60_000);

function columnType(typed: boolean, type: string, key: boolean): string {
  // Key text columns are short, as DHDC sizes them by the standard (C5, C15 …): LABOR's five key
  // columns at 255 characters would pass MariaDB's 3,072-byte key limit.
  const text = key ? "varchar(100) NOT NULL DEFAULT ''" : "varchar(255) NOT NULL DEFAULT ''";
  if (!typed) return text;
  if (type === 'D') return key ? 'date NOT NULL' : 'date NULL';
  if (type === 'DT') return 'datetime NULL';
  if (type === 'N') return 'decimal(11,2) NULL';
  return text;
}

async function dhdcDatabase(name: string, typed: boolean): Promise<string> {
  const socket = decodeURIComponent(new URL(my.url).searchParams.get('socket')!);
  const root = await mysql.createConnection({ socketPath: socket, user: 'root' });
  try {
    await root.query(`CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci`);
    await root.query(`GRANT ALL ON ${name}.* TO 'kpi'@'localhost'`);
    await root.query(`USE ${name}`);
    if (typed) await root.query("SET SESSION sql_mode = ''");
    for (const table of TABLES) {
      const def = tableDef(table)!;
      const cols = [...def.fields!.values()].map((f) => `\`${f.name}\` ${columnType(typed, f.type, def.primaryKey.includes(f.name))}`);
      await root.query(`CREATE TABLE \`${table.toLowerCase()}\` (${cols.join(', ')}, \`BG_YEAR\` varchar(4) NOT NULL DEFAULT '', PRIMARY KEY (${def.primaryKey.map((k) => `\`${k}\``).join(', ')}))`);
      const file = readFileSync(path.join(DEMO, `${table}.csv`));
      const header = file.toString('utf8').split('\n')[0]!.trim().split(',');
      await root.query({
        sql: `LOAD DATA LOCAL INFILE 'demo' REPLACE INTO TABLE \`${table.toLowerCase()}\` CHARACTER SET utf8mb4 FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' LINES TERMINATED BY '\\n' IGNORE 1 LINES (${header.map((h) => `\`${h}\``).join(', ')})`,
        infileStreamFactory: () => Readable.from([file]),
      });
    }
  } finally {
    await root.end();
  }
  return my.url.replace('/kpi?', `/${name}?`);
}

describe('kpi compute --db on a DHDC-layout MariaDB', () => {
  const streaming = () => kpi(['compute', '--data', DEMO, ...RUN]);

  for (const [name, typed] of [['dhdc_text', false], ['dhdc_typed', true]] as const) {
    it(`gives the streaming engine's figures (${typed ? 'date, datetime and decimal columns' : 'text columns'})`, async () => {
      const url = await dhdcDatabase(name, typed);
      const db = kpi(['compute', '--db', url, ...RUN]);
      expect(db.stderr).not.toContain(my.password);
      expect(db.code).toBe(0);
      // fixtures/demo/README.md, counted by hand: ANC per unit B/A 10001 3/2, 10002 1/0, 10003 1/1, 20001 2/1, 99999 1/1
      // (persons across units, from LABOR and ANC).
      expect(db.stdout).toContain('anc-first-visit-12wk,FY2567 R12,unit,10001,รพ.สต.บ้านหนึ่ง,2,3,');
      expect(db.stdout).toContain('anc-first-visit-12wk,FY2567 R12,country,TH,ภาพรวมประเทศ,5,8,62.50,');
      expect(db.stdout).toContain('drowning-deaths-under-15,FY2567 R12,country,TH,ภาพรวมประเทศ,3,5,');
      expect(db.stdout).toBe(streaming().stdout);
    });
  }
});
