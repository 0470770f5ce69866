import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, type Run } from './cli.js';

export const DEMO = path.join(ROOT, 'fixtures/demo');
export const DEMO_HOSPITALS = path.join(DEMO, 'hospitals.csv');

/** The run whose figures fixtures/demo/README.md counts by hand (ANC also in report-xlsx.test.ts). */
export const DEMO_ARGS = ['compute', '--data', DEMO, '--hospitals', DEMO_HOSPITALS, '--fy', '2567', '--by', 'province'];

export function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'kpi-test-'));
}

/** The real CLI run from another working directory (where `kpi.config.json` is looked for). */
export function kpiIn(cwd: string, args: string[]): Run {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/kpi.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
