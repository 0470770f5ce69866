import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The real CLI as a user runs it (tsc has built dist/ before vitest starts); never a TTY, so no colour. */
export function kpi(...args: string[]): Run {
  const r = spawnSync(process.execPath, ['bin/kpi.js', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export interface JsonDiffRow {
  indicator: string;
  level: string;
  area_code: string;
  status: string;
  flag: string | null;
  change: number | null;
  old: { a: number | null; b: number | null; result: number | null } | null;
  new: { a: number | null; b: number | null; result: number | null } | null;
}

export interface JsonDiff {
  summary: Record<string, number>;
  indicators: Array<{ id: string; better: string | null; better_from: string }>;
  rows: JsonDiffRow[];
}

/** `indicator level area_code` → `status flag change`, the facts a test compares with its hand-worked table. */
export function outline(doc: JsonDiff): Record<string, string> {
  return Object.fromEntries(doc.rows.map((r) => [`${r.indicator} ${r.level} ${r.area_code}`, [r.status, r.flag ?? '-', r.change ?? '-'].join(' ')]));
}
