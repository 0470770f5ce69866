import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built `bin/kpi.js` (tsc has run first in `npm test`) as users do. */
export function kpi(args: readonly string[], opts: { cwd?: string } = {}): CliResult {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'kpi.js'), ...args], { cwd: opts.cwd ?? ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function tempDir(prefix = 'kpi-test-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}
