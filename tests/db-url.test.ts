import { describe, expect, it } from 'vitest';
import { parseDbUrl, redactUrl } from '../src/db/url.js';
import { quoteIdent } from '../src/db/quote.js';
import { UsageError } from '../src/errors.js';
import { kpi } from './helpers/cli.js';

describe('--db URLs', () => {
  it('reads the three schemes, sockets included', () => {
    expect(parseDbUrl('duckdb:data/f43.duckdb')).toMatchObject({ dialect: 'duckdb', file: 'data/f43.duckdb' });
    expect(parseDbUrl('postgres://kpi:s%40cret@db.local:5433/hdc')).toMatchObject({ dialect: 'postgres', user: 'kpi', password: 's@cret', host: 'db.local', port: 5433, database: 'hdc' });
    expect(parseDbUrl('postgres://kpi@localhost/hdc?host=/run/postgresql')).toMatchObject({ dialect: 'postgres', user: 'kpi', socket: '/run/postgresql', database: 'hdc' });
    expect(parseDbUrl('mysql://dhdc@localhost/dhdc?socket=/run/mysqld/mysqld.sock')).toMatchObject({ dialect: 'mysql', user: 'dhdc', socket: '/run/mysqld/mysqld.sock', database: 'dhdc' });
    expect(parseDbUrl('mysql://dhdc@localhost/dhdc').password).toBeUndefined();
  });

  it('shows a password only as ***, even in a URL it cannot read', () => {
    expect(redactUrl('mysql://dhdc:hunter2@host:3306/dhdc')).toBe('mysql://dhdc:***@host:3306/dhdc');
    expect(redactUrl('postgres://kpi:p%40ss@h/db?host=/tmp')).toBe('postgres://kpi:***@h/db?host=/tmp');
    expect(redactUrl('postgres://kpi@h/db')).toBe('postgres://kpi@h/db');
    for (const bad of ['mysql://u:hunter2@host:port/db', 'oracle://u:hunter2@h/db', 'mysql://u:hunter2@host/']) {
      let message = '';
      try {
        parseDbUrl(bad);
      } catch (e) {
        expect(e).toBeInstanceOf(UsageError);
        message = (e as Error).message;
      }
      expect(message).not.toBe('');
      expect(message).not.toContain('hunter2');
      expect(message).toContain('***');
    }
  });

  it('refuses a URL without a database or with unknown options', () => {
    expect(() => parseDbUrl('duckdb:')).toThrow(/no database file/);
    expect(() => parseDbUrl('postgres://kpi@localhost')).toThrow(/name one database/);
    expect(() => parseDbUrl('mysql://kpi@localhost/db?sslmode=off')).toThrow(/unknown option sslmode/);
  });

  it('quotes identifiers per dialect so that no name can close its quotes', () => {
    expect(quoteIdent('postgres', 'per"son')).toBe('"per""son"');
    expect(quoteIdent('duckdb', 'person')).toBe('"person"');
    expect(quoteIdent('mysql', 'per`son')).toBe('`per``son`');
  });
});

describe('kpi load on the command line', () => {
  it('has examples and exit codes in --help', () => {
    const r = kpi(['load', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('$ kpi load --db duckdb:f43.duckdb --data exports/2567-*');
    for (const c of [0, 2, 3, 70]) expect(r.stdout.split('\nExit codes:\n')[1]).toMatch(new RegExp(`^ {2}${c} +\\S`, 'm'));
  });

  it('needs --db and --data, and a URL it can read (exit 2, password not shown)', () => {
    expect(kpi(['load', '--data', 'fixtures/demo']).stderr).toContain("required option '--db <url>'");
    expect(kpi(['load', '--db', 'duckdb:x.duckdb']).code).toBe(2);
    const r = kpi(['load', '--db', 'oracle://u:hunter2@h/db', '--data', 'fixtures/demo']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('oracle://u:***@h/db: unknown scheme');
    expect(r.stderr).not.toContain('hunter2');
  });
});
