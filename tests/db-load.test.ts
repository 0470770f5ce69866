import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { openDb } from '../src/db/connection.js';
import { kpi, ROOT, tempDir } from './helpers/cli.js';
import { DEMO } from './helpers/demo.js';
import { startMariaDb, startPostgres, TEST_PASSWORD, type Server } from './helpers/servers.js';

/**
 * `kpi load` into real DuckDB, PostgreSQL and MariaDB. Expected counts are the data lines
 * of the fixture files, counted by hand (fixtures/demo: one file per table, so every row
 * is loaded; fixtures/merge/README.md: the merge and the DATA_CORRECT deletion).
 */
const DEMO_ROWS = { anc: 16, death: 4, hospitals: 4, labor: 13, nutrition: 9, person: 28 };
const MERGE = path.join(ROOT, 'fixtures/merge');

let pg: Server;
let my: Server;
const engines: Array<{ name: string; url: () => string }> = [];

beforeAll(async () => {
  // Started one after the other: two cores are shared, and a failure names its server.
  pg = await startPostgres();
  my = await startMariaDb();
}, 180_000);

afterAll(async () => {
  await pg?.stop();
  await my?.stop();
}, 60_000);

/** A fresh database per test: a new DuckDB file, or the server's one database emptied. */
async function fresh(engine: 'duckdb' | 'postgres' | 'mysql'): Promise<string> {
  if (engine === 'duckdb') return `duckdb:${path.join(tempDir('kpi-duck-'), 'f43.duckdb')}`;
  const url = engine === 'postgres' ? pg.url : my.url;
  const db = await openDb(url);
  try {
    for (const t of await db.tables()) await db.query(`DROP TABLE ${engine === 'mysql' ? `\`${t}\`` : `"${t}"`}`);
  } finally {
    await db.close();
  }
  return url;
}

async function counts(url: string): Promise<Record<string, number>> {
  const db = await openDb(url);
  try {
    const out: Record<string, number> = {};
    for (const t of (await db.tables()).sort()) out[t] = Number((await db.query(`SELECT COUNT(*) AS n FROM ${t}`))[0]!['n']);
    return out;
  } finally {
    await db.close();
  }
}

/** Every table's rows as text, sorted, for comparing engines value by value. */
async function contents(url: string): Promise<Record<string, string[]>> {
  const db = await openDb(url);
  try {
    const out: Record<string, string[]> = {};
    for (const t of (await db.tables()).sort()) {
      const rows = await db.query(`SELECT * FROM ${t}`);
      out[t] = rows.map((r) => JSON.stringify(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)))).sort();
    }
    return out;
  } finally {
    await db.close();
  }
}


/** A free-form table of hostile values and a TIS-620 PERSON file, loaded and read back value by value. */
async function expectExactValues(url: string): Promise<void> {
  const dir = path.join(tempDir('kpi-hostile-'), 'export');
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'S_NOTES.csv'), [
    'HOSPCODE,NOTE',
    '10001,"tab\there"',
    '10002,back\\slash \\N',
    '10003,\\N',
    '10004,"two\r\nlines, ""quoted"""',
    "10005,it's; DROP TABLE person; --",
    '10006,',
  ].join('\r\n') + '\r\n');
  writeFileSync(path.join(dir, 'PERSON.txt'), iconv.encode('HOSPCODE|PID|NAME|BIRTH\r\n10001|1|สมใจ ทดสอบ|19980720\r\n', 'tis620'));
  const r = kpi(['load', '--db', url, '--data', dir]);
  expect(r.code).toBe(0);
  const db = await openDb(url);
  try {
    const notes = await db.query('SELECT hospcode, note FROM s_notes ORDER BY hospcode');
    expect(notes.map((n) => n['note'])).toEqual(['tab\there', 'back\\slash \\N', '\\N', 'two\r\nlines, "quoted"', "it's; DROP TABLE person; --", null]);
    expect(await db.query('SELECT name, birth FROM person')).toEqual([{ name: 'สมใจ ทดสอบ', birth: '19980720' }]);
  } finally {
    await db.close();
  }
}

async function asRoot(sql: string): Promise<void> {
  const socket = decodeURIComponent(new URL(my.url).searchParams.get('socket')!);
  const mysql = (await import('mysql2/promise')).default;
  const root = await mysql.createConnection({ socketPath: socket, user: 'root' });
  try {
    await root.query(sql);
  } finally {
    await root.end();
  }
}

const ENGINES = ['duckdb', 'postgres', 'mysql'] as const;

describe.each(ENGINES)('kpi load into %s', (engine) => {
  it('loads every row of the demo, one table per file, and prints no CID or password', async () => {
    const url = await fresh(engine);
    const r = kpi(['load', '--db', url, '--data', DEMO]);
    expect(r.stderr).toContain('loaded 6 tables (74 rows)');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^person +1 +28 +0 +0$/m);
    expect(await counts(url)).toEqual(DEMO_ROWS);
    expect(r.stdout + r.stderr).not.toMatch(/\d{13}/);
    expect(r.stdout + r.stderr).not.toContain(TEST_PASSWORD);
    const db = await openDb(url);
    try {
      // Thai text arrives whole, in lower-case columns, all text.
      const [row] = await db.query("SELECT name, birth, typearea FROM person WHERE hospcode = '10001' AND pid = '2'");
      expect(row).toEqual({ name: 'สมใจ', birth: '19980720', typearea: '3' });
      // A registry column the export lacks is there, empty.
      expect(await db.query("SELECT COUNT(*) AS n FROM person WHERE hospcode9 IS NULL")).toEqual([{ n: 28 }]);
    } finally {
      await db.close();
    }
  });

  it('merges two monthly exports by key and D_UPDATE and applies DATA_CORRECT', async () => {
    const url = await fresh(engine);
    const r = kpi(['load', '--db', url, '--data', path.join(MERGE, 'month-1'), path.join(MERGE, 'month-2')]);
    expect(r.code).toBe(0);
    // 5 ANC rows read: 2 replaced by a later D_UPDATE, 1 deleted by DATA_CORRECT; DATA_CORRECT itself is not a table.
    expect(r.stdout).toMatch(/^anc +2 +2 +2 +1$/m);
    // 3 LABOR rows read, PID 3's deleted by DATA_CORRECT: 2 kept.
    expect(r.stdout).toMatch(/^labor +1 +2 +0 +1$/m);
    expect(await counts(url)).toEqual({ anc: 2, labor: 2, person: 3 });
    const db = await openDb(url);
    try {
      const rows = await db.query('SELECT pid, ga, d_update FROM anc ORDER BY pid');
      expect(rows).toEqual([{ pid: '1', ga: '10', d_update: '20231201090000' }, { pid: '2', ga: '11', d_update: '20231110100000' }]);
    } finally {
      await db.close();
    }
  });

  it('refuses to load over existing tables unless --replace, and never appends', async () => {
    const url = await fresh(engine);
    expect(kpi(['load', '--db', url, '--data', DEMO]).code).toBe(0);
    const again = kpi(['load', '--db', url, '--data', DEMO]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already has tables anc, death, hospitals, labor, nutrition, person: add --replace');
    expect(await counts(url)).toEqual(DEMO_ROWS);
    const replaced = kpi(['load', '--db', url, '--data', DEMO, '--replace']);
    expect(replaced.code).toBe(0);
    expect(replaced.stdout).toContain('(replaced the old table)');
    expect(await counts(url)).toEqual(DEMO_ROWS);
  });

  it('leaves the old tables whole when a load fails half-way', async () => {
    const url = await fresh(engine);
    expect(kpi(['load', '--db', url, '--data', DEMO]).code).toBe(0);
    const bad = path.join(tempDir('kpi-bad-'), 'export');
    mkdirSync(bad);
    // ANC loads first (tables go in name order); PERSON then lacks its key column PID.
    writeFileSync(path.join(bad, 'ANC.txt'), 'HOSPCODE|PID|SEQ|DATE_SERV|GA|D_UPDATE\n10001|1|1|20231105|10|20231105100000\n');
    writeFileSync(path.join(bad, 'PERSON.txt'), 'HOSPCODE|CID|BIRTH\n10001||19950315\n');
    const r = kpi(['load', '--db', url, '--data', bad, '--replace']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('PERSON has no column PID');
    expect(await counts(url)).toEqual(DEMO_ROWS);
  });

  it('keeps every value exactly: tabs, backslashes, a literal \\N, line breaks, quotes, TIS-620 Thai', async () => {
    await expectExactValues(await fresh(engine));
  });
});

describe('kpi load into a MySQL server without LOAD DATA LOCAL', () => {
  it('loads with multi-row INSERTs, values exact', async () => {
    const url = await fresh('mysql');
    await asRoot("SET GLOBAL local_infile = 0");
    try {
      await expectExactValues(url);
      expect(kpi(['load', '--db', url, '--data', DEMO, '--replace']).code).toBe(0);
      expect(await counts(url)).toMatchObject(DEMO_ROWS);
    } finally {
      await asRoot("SET GLOBAL local_infile = 1");
    }
  });
});

describe('the same data in every engine', () => {
  it('holds identical table contents in DuckDB, PostgreSQL and MariaDB', async () => {
    const dumps: Record<string, Record<string, string[]>> = {};
    for (const engine of ENGINES) {
      const url = await fresh(engine);
      expect(kpi(['load', '--db', url, '--data', DEMO, path.join(MERGE, 'month-1')]).code).toBe(0);
      dumps[engine] = await contents(url);
    }
    expect(Object.keys(dumps['duckdb']!)).toEqual(['anc', 'death', 'hospitals', 'labor', 'nutrition', 'person']);
    expect(dumps['postgres']).toEqual(dumps['duckdb']);
    expect(dumps['mysql']).toEqual(dumps['duckdb']);
  });
});

describe('credentials', () => {
  it('takes the password from PGPASSWORD or MYSQL_PWD when the URL has none', () => {
    for (const [s, variable] of [[pg, 'PGPASSWORD'], [my, 'MYSQL_PWD']] as const) {
      const r = kpi(['load', '--db', s.urlNoPassword, '--data', path.join(MERGE, 'month-1'), '--replace'], { env: { [variable]: TEST_PASSWORD } });
      // fixtures/merge/month-1: ANC, LABOR and PERSON.
      expect(r.stderr).toContain('loaded 3 tables');
      expect(r.code).toBe(0);
    }
  });

  it('names a wrong password without showing it, and shows the URL redacted', () => {
    for (const s of [pg, my]) {
      const wrong = 'Wr0ng-pw-91d2';
      const url = s.url.replace(TEST_PASSWORD, wrong);
      const r = kpi(['load', '--db', url, '--data', DEMO]);
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(/password authentication failed|Access denied/);
      expect(r.stderr).toContain(`${s.user}:***@localhost/kpi`);
      expect(r.stderr).not.toContain(wrong);
      const viaEnv = kpi(['load', '--db', s.urlNoPassword, '--data', DEMO], { env: { PGPASSWORD: wrong, MYSQL_PWD: wrong } });
      expect(viaEnv.code).toBe(3);
      expect(viaEnv.stderr).not.toContain(wrong);
    }
  });
});
