import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DEMO = path.join(ROOT, 'fixtures/demo');
export const DEMO_HOSPITALS = path.join(DEMO, 'hospitals.csv');

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly bytes: Buffer;
}

/** The real CLI as a child process (dist is built by `tsc` before vitest runs). */
export function kpi(args: readonly string[], cwd: string = ROOT): Run {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/kpi.js'), ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8'), bytes: r.stdout };
}

export function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'kpi-test-'));
}

/** The demo run whose ANC figures are counted by hand in tests/report-xlsx.test.ts. */
export const DEMO_ARGS = ['compute', '--data', DEMO, '--hospitals', DEMO_HOSPITALS, '--fy', '2567', '--by', 'province'] as const;
