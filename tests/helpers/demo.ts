import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, type Run } from './cli.js';

export const DEMO = path.join(ROOT, 'fixtures/demo');
export const DEMO_HOSPITALS = path.join(DEMO, 'hospitals.csv');

/** The three templates fixtures/demo/README.md counts by hand; the library's others run on the demo data too. */
export const DEMO_TEMPLATES = ['--templates', ...['anc-first-visit-12wk', 'breastfeeding-exclusive-6mo', 'drowning-deaths-under-15'].map((id) => path.join(ROOT, 'templates', `${id}.json`))];

/** The run whose figures fixtures/demo/README.md counts by hand (ANC also in report-xlsx.test.ts). */
export const DEMO_ARGS = ['compute', ...DEMO_TEMPLATES, '--data', DEMO, '--hospitals', DEMO_HOSPITALS, '--fy', '2567', '--by', 'province'];

export function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'kpi-test-'));
}

/** The real CLI run from another working directory (where `kpi.config.json` is looked for). */
export function kpiIn(cwd: string, args: string[]): Run {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/kpi.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * The demo hospitals file with units renamed (CSV-quoted where needed), in a temp dir: names
 * come from input files, so reports must survive hostile ones.
 */
export function hospitalsNamed(names: Readonly<Record<string, string>>): string {
  const file = path.join(tempDir(), 'hospitals.csv');
  const lines = readFileSync(DEMO_HOSPITALS, 'utf8').split('\n').map((line) => {
    const [code, , ...rest] = line.split(',');
    const name = code === undefined ? undefined : names[code];
    return name === undefined ? line : [code, `"${name.replace(/"/g, '""')}"`, ...rest].join(',');
  });
  writeFileSync(file, lines.join('\n'));
  return file;
}
