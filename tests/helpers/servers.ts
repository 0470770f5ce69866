import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * Real database servers for the tests, no mocks: each in a fresh temporary data folder,
 * reachable only through a private Unix socket (no TCP port), stopped by `stop()`.
 * A server that cannot start throws with what was tried and the server's own log,
 * so the test fails with the reason instead of being skipped.
 */
export interface Server {
  /** A `--db` URL with the test user's password in it. */
  readonly url: string;
  /** The same without the password (it then comes from PGPASSWORD / MYSQL_PWD). */
  readonly urlNoPassword: string;
  readonly user: string;
  readonly password: string;
  stop(): Promise<void>;
}

const run = promisify(execFile);
export const TEST_PASSWORD = 'kpi-Secret-7c1f';
const IS_ROOT = process.getuid?.() === 0;

/** Servers refuse to run as root: as root, they run as their Debian system user. */
function asUser(system: string, cmd: string, args: string[]): [string, string[]] {
  return IS_ROOT ? ['runuser', ['-u', system, '--', cmd, ...args]] : [cmd, args];
}

function privateDir(prefix: string, owner: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  if (IS_ROOT) {
    const uid = Number(readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith(`${owner}:`))?.split(':')[2] ?? NaN);
    if (Number.isNaN(uid)) throw new Error(`cannot start the test database: running as root and there is no system user ${owner} to run it as (install the Debian package that creates it)`);
    chownSync(dir, uid, -1);
  }
  return dir;
}

async function step(what: string, cmd: string, args: string[], log?: string): Promise<void> {
  try {
    await run(cmd, args, { timeout: 120_000 });
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    const tail = log && existsSync(log) ? `\n--- server log ---\n${readFileSync(log, 'utf8').slice(-2000)}` : '';
    throw new Error(`cannot start the test database: ${what} failed: ${detail}${tail}`);
  }
}

function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(path.join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a)) : [];
  if (versions.length === 0) throw new Error('cannot start the test database: PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb); install the Debian package postgresql, as .ci/run does');
  return path.join(root, versions[0]!, 'bin');
}

/** PostgreSQL: `initdb` with password authentication, socket in the temporary folder, no TCP. */
export async function startPostgres(): Promise<Server> {
  const bin = postgresBin();
  const dir = privateDir('kpi-pg-', 'postgres');
  const data = path.join(dir, 'data');
  const log = path.join(dir, 'server.log');
  const user = 'kpi';
  const pwfile = path.join(dir, 'pw');
  writeFileSync(pwfile, TEST_PASSWORD + '\n', { mode: 0o644 });
  await step('initdb', ...asUser('postgres', path.join(bin, 'initdb'), ['-D', data, '-U', user, `--pwfile=${pwfile}`, '--auth=scram-sha-256', '-E', 'UTF8', '--locale=C.UTF-8']));
  rmSync(pwfile);
  const options = `-k ${dir} -c listen_addresses= -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  await step('pg_ctl start', ...asUser('postgres', path.join(bin, 'pg_ctl'), ['-D', data, '-o', options, '-l', log, '-w', '-t', '60', 'start']), log);
  const stop = async () => {
    await step('pg_ctl stop', ...asUser('postgres', path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop'])).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const pg = (await import('pg')).default;
    const admin = new pg.Client({ host: dir, user, password: TEST_PASSWORD, database: 'postgres' });
    await admin.connect();
    await admin.query('CREATE DATABASE kpi');
    await admin.end();
  } catch (e) {
    await stop();
    throw new Error(`cannot start the test database: PostgreSQL started but creating database kpi failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  const socket = encodeURIComponent(dir);
  return {
    url: `postgres://${user}:${TEST_PASSWORD}@localhost/kpi?host=${socket}`,
    urlNoPassword: `postgres://${user}@localhost/kpi?host=${socket}`,
    user,
    password: TEST_PASSWORD,
    stop,
  };
}

/** MariaDB: `mariadb-install-db` into the temporary folder, `mariadbd` on a private socket with networking off. */
export async function startMariaDb(): Promise<Server> {
  const server = ['/usr/sbin/mariadbd', '/usr/sbin/mysqld'].find(existsSync);
  const install = ['/usr/bin/mariadb-install-db', '/usr/bin/mysql_install_db'].find(existsSync);
  if (!server || !install) throw new Error('cannot start the test database: MariaDB is not installed (no /usr/sbin/mariadbd or mariadb-install-db); install the Debian package mariadb-server, as .ci/run does');
  const dir = privateDir('kpi-my-', 'mysql');
  const data = path.join(dir, 'data');
  const socket = path.join(dir, 'mysqld.sock');
  const log = path.join(dir, 'server.log');
  const sysUser = IS_ROOT ? 'mysql' : userInfo().username;
  await step('mariadb-install-db', install, ['--no-defaults', `--datadir=${data}`, `--user=${sysUser}`, '--auth-root-authentication-method=normal', '--skip-test-db']);
  const child: ChildProcess = spawn(server, ['--no-defaults', `--datadir=${data}`, `--socket=${socket}`, '--skip-networking', `--user=${sysUser}`, `--pid-file=${path.join(dir, 'mysqld.pid')}`, `--log-error=${log}`, '--innodb-flush-log-at-trx-commit=0', '--local-infile=1'], { stdio: 'ignore' });
  let exited = false;
  const gone = new Promise<void>((resolve) => child.once('exit', () => { exited = true; resolve(); }));
  const stop = async () => {
    if (!exited) child.kill('SIGTERM');
    await Promise.race([gone, new Promise((r) => setTimeout(r, 30_000))]);
    if (!exited) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  const mysql = (await import('mysql2/promise')).default;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const root = await mysql.createConnection({ socketPath: socket, user: 'root' });
      await root.query('CREATE DATABASE kpi CHARACTER SET utf8mb4');
      await root.query(`CREATE USER 'kpi'@'localhost' IDENTIFIED BY '${TEST_PASSWORD}'`);
      await root.query("GRANT ALL ON kpi.* TO 'kpi'@'localhost'");
      await root.end();
      break;
    } catch (e) {
      if (exited || Date.now() > deadline) {
        const tail = existsSync(log) ? readFileSync(log, 'utf8').slice(-2000) : '(no log)';
        await stop();
        throw new Error(`cannot start the test database: mariadbd did not accept connections (${e instanceof Error ? e.message : String(e)})\n--- server log ---\n${tail}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  return {
    url: `mysql://kpi:${TEST_PASSWORD}@localhost/kpi?socket=${encodeURIComponent(socket)}`,
    urlNoPassword: `mysql://kpi@localhost/kpi?socket=${encodeURIComponent(socket)}`,
    user: 'kpi',
    password: TEST_PASSWORD,
    stop,
  };
}


/** A new empty database on `server` for the test user; its `--db` URL (with the password). */
export async function createDatabase(server: Server, name: string): Promise<string> {
  if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
  const u = new URL(server.url);
  if (u.protocol === 'postgres:') {
    const pg = (await import('pg')).default;
    const admin = new pg.Client({ host: u.searchParams.get('host')!, user: server.user, password: server.password, database: 'postgres' });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name}`);
    } finally {
      await admin.end();
    }
  } else {
    const mysql = (await import('mysql2/promise')).default;
    const root = await mysql.createConnection({ socketPath: u.searchParams.get('socket')!, user: 'root' });
    try {
      await root.query(`CREATE DATABASE ${name} CHARACTER SET utf8mb4`);
      await root.query(`GRANT ALL ON ${name}.* TO '${server.user}'@'localhost'`);
    } finally {
      await root.end();
    }
  }
  u.pathname = `/${name}`;
  return u.toString();
}
