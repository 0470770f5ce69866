import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, closeSync, existsSync, lstatSync, mkdirSync, openSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kpi, ROOT, tempDir } from './helpers/cli.js';

// Issue 11, "Writing: never lie about output, never destroy anything", and issue 10 rule 5.
// fixtures/silent: anc-first-visit-12wk in FY2567 is B = 2, A = 1, 50.00 in province 50 (its README).
const SILENT = path.join(ROOT, 'fixtures', 'silent');
const HOSPITALS = path.join(SILENT, 'hospitals.csv');
const RUN = ['compute', '--data', SILENT, '--hospitals', HOSPITALS, '--fy', '2567', '--by', 'province', '--indicator', 'anc-first-visit-12wk', '--format', 'csv'];
const PROVINCE_50 = 'anc-first-visit-12wk,FY2567 R12,province,50,เชียงใหม่,1,2,50.00,>= 60,false,';
const BIN = path.join(ROOT, 'bin', 'kpi.js');

describe('stdout', () => {
  it('a write error on stdout (a full disk) exits 3', () => {
    const fd = openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, [BIN, ...RUN], { cwd: ROOT, stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
      expect(r.status).toBe(3);
      expect(r.stderr).toContain('kpi: cannot write to stdout: ENOSPC\n');
    } finally {
      closeSync(fd);
    }
  });

  it('a reader that went away (EPIPE, as with | head) is not an error', () => {
    // `true` exits at once, long before kpi writes: every write meets a closed pipe.
    const r = spawnSync('sh', ['-c', `node ${BIN} ${RUN.map((a) => `'${a}'`).join(' ')} | true; echo "kpi exit $?" >&2`], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.stderr).not.toContain('internal error');
    expect(r.stderr).not.toContain('EPIPE');
    const pipefail = spawnSync('bash', ['-c', `set -o pipefail; node ${BIN} ${RUN.map((a) => `'${a}'`).join(' ')} | true`], { cwd: ROOT });
    expect(pipefail.status).toBe(0);
  });
});

describe('--out', () => {
  it('naming an input file is refused before reading (exit 2), and the input is untouched', () => {
    const dir = tempDir();
    const anc = path.join(dir, 'ANC.csv');
    const person = path.join(dir, 'PERSON.csv');
    writeFileSync(anc, readFileSync(path.join(SILENT, 'ANC.csv')));
    writeFileSync(person, readFileSync(path.join(SILENT, 'PERSON.csv')));
    const before = readFileSync(anc, 'utf8');
    const r = kpi(['compute', '--data', dir, '--fy', '2567', '--indicator', 'anc-first-visit-12wk', '--format', 'csv', '--out', anc]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`kpi: --out ${anc} is an input of this run (${anc}): it would be overwritten with results; give another file\n`);
    expect(readFileSync(anc, 'utf8')).toBe(before);
  });

  it('naming the hospitals file, or a template, is refused too', () => {
    const dir = tempDir();
    const hospitals = path.join(dir, 'hospitals.csv');
    writeFileSync(hospitals, readFileSync(HOSPITALS));
    const r = kpi([...RUN.filter((a) => a !== HOSPITALS && a !== '--hospitals'), '--hospitals', hospitals, '--out', hospitals]);
    expect(r.code).toBe(2);
    expect(readFileSync(hospitals, 'utf8')).toBe(readFileSync(HOSPITALS, 'utf8'));
    const template = path.join(dir, 'anc.json');
    writeFileSync(template, readFileSync(path.join(ROOT, 'templates', 'anc-first-visit-12wk.json')));
    const t = kpi(['compute', '--data', SILENT, '--templates', template, '--fy', '2567', '--out', template]);
    expect(t.code).toBe(2);
    expect(t.stderr).toContain('is an input of this run');
  });

  it('a character device is written through, not replaced (/dev/null)', () => {
    const r = kpi([...RUN, '--out', '/dev/null']);
    expect(r.code).toBe(0);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('/dev/stdout (a pipe here) is written through to stdout', () => {
    // Through sh, so that stdout is a real pipe (Node's own child pipes are sockets, which kpi refuses).
    const r = spawnSync('sh', ['-c', `node ${BIN} ${[...RUN, '--out', '/dev/stdout'].map((a) => `'${a}'`).join(' ')} | cat`], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(PROVINCE_50);
  });

  it('a FIFO is written through and stays a FIFO', async () => {
    const dir = tempDir();
    const fifo = path.join(dir, 'results.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const reader = spawn('cat', [fifo]);
    let got = '';
    reader.stdout.on('data', (b: Buffer) => { got += b.toString('utf8'); });
    const closed = new Promise<void>((resolve) => reader.on('close', () => resolve()));
    const r = kpi([...RUN, '--out', fifo]);
    await closed;
    expect(r.code).toBe(0);
    expect(got).toContain(PROVINCE_50);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(dir)).toEqual(['results.fifo']);
  });

  it('a symbolic link to a file is resolved: the file gets the results, the link stays a link', () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'real'));
    const real = path.join(dir, 'real', 'r.csv');
    writeFileSync(real, 'old\n');
    const link = path.join(dir, 'latest.csv');
    symlinkSync(real, link);
    const r = kpi([...RUN, '--out', link]);
    expect(r.code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toContain(PROVINCE_50);
    expect(readdirSync(path.join(dir, 'real'))).toEqual(['r.csv']);
  });

  it('a symbolic link to nothing is refused and nothing is created', () => {
    const dir = tempDir();
    const link = path.join(dir, 'latest.csv');
    symlinkSync(path.join(dir, 'gone.csv'), link);
    const r = kpi([...RUN, '--out', link]);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(`kpi: ${link}: cannot write: a symbolic link to nothing (give the real path)\n`);
    expect(existsSync(path.join(dir, 'gone.csv'))).toBe(false);
  });

  it('replacing an existing 0600 file keeps its mode', () => {
    const dir = tempDir();
    const out = path.join(dir, 'r.csv');
    writeFileSync(out, 'old\n');
    chmodSync(out, 0o600);
    expect(kpi([...RUN, '--out', out]).code).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(readFileSync(out, 'utf8')).toContain(PROVINCE_50);
  });

  it('temporary files of a killed run are removed by the next run; a live run\'s are left alone', () => {
    const dir = tempDir();
    // PID 2^22 + 1 is above Linux's largest PID (pid_max ≤ 2^22): no such process can exist.
    const dead = path.join(dir, '.r.csv.kpi-tmp-4194305');
    const live = path.join(dir, `.other.csv.kpi-tmp-${process.pid}`);
    writeFileSync(dead, 'half a file');
    writeFileSync(live, 'being written');
    expect(kpi([...RUN, '--out', path.join(dir, 'r.csv')]).code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([path.basename(live), 'r.csv']);
  });

  it('a folder as --out is refused before reading (exit 3)', () => {
    const dir = tempDir();
    const r = kpi([...RUN, '--out', dir]);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(`kpi: ${dir}: cannot write: is a folder (give a file name)\n`);
  });

  it('kpi diff refuses an --out that names one of its inputs', () => {
    const dir = tempDir();
    const old = path.join(dir, 'old.json');
    expect(kpi([...RUN.map((a) => (a === 'csv' ? 'json' : a)), '--out', old]).code).toBe(0);
    const before = readFileSync(old, 'utf8');
    const r = kpi(['diff', old, old, '--out', old]);
    expect(r.code).toBe(2);
    expect(readFileSync(old, 'utf8')).toBe(before);
  });
});
