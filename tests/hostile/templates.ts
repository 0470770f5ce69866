import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, tempDir } from '../helpers/cli.js';

/** The bundled ANC template, parsed afresh each time so a test can change it. */
export function ancTemplate(): Record<string, unknown> & { measures: Record<string, Record<string, unknown>> } {
  const t = JSON.parse(readFileSync(path.join(ROOT, 'templates', 'anc-first-visit-12wk.json'), 'utf8'));
  // Its `cases` section (kpi cases) names measures B and A, which these tests replace.
  delete t.cases;
  return t;
}

/** Writes `text` as `t.json` into a fresh folder (or `dir`) and gives its path. */
export function writeTemplate(text: string | object, dir = tempDir('kpi-hostile-')): string {
  const file = path.join(dir, 't.json');
  writeFileSync(file, typeof text === 'string' ? text : JSON.stringify(text));
  return file;
}

/** The ANC template with measure A's conditions replaced. */
export function ancWithA(where: string[]): string {
  const t = ancTemplate();
  t.measures.A!.where = where;
  return writeTemplate(t);
}

export const DEMO = ['--data', 'fixtures/demo', '--hospitals', 'fixtures/demo/hospitals.csv', '--fy', '2567'];

/** No internal error: no "internal error" line and no stack frame. */
export const NO_STACK = /internal error|\n\s+at /;
