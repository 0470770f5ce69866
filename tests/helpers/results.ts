import { expect } from 'vitest';
import type { ResultDocument } from '../../src/results/schema.js';
import { kpi } from './cli.js';

/** One row's [a, b, result, pass, score], the figures the fixture READMEs count by hand. */
export type Cells = [number | null, number | null, number | null, boolean | null, number | null];

/** `kpi compute … --format json`, which must exit 0. */
export function computeJson(args: readonly string[]): ResultDocument {
  const r = kpi(['compute', ...args, '--format', 'json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as ResultDocument;
}

/** `level code` → the cells of one indicator, for the codes asked. */
export function pick(doc: ResultDocument, id: string, codes: readonly string[]): Record<string, Cells> {
  const rows = doc.results.filter((r) => r.indicator === id && codes.includes(`${r.level} ${r.area_code}`));
  return Object.fromEntries(rows.map((r) => [`${r.level} ${r.area_code}`, [r.a, r.b, r.result, r.pass, r.score]]));
}
