import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { TemplateProblem } from '../errors.js';
import { parseTarget, type Target } from '../score/target.js';

const LEVELS = new Set(['unit', 'district', 'province', 'region', 'country']);

/**
 * `area_targets`: a CSV beside the template (`level,area_code,target`, a header line first),
 * e.g. `region,1,>= 45` for the book's "2557 result + 5". The level is part of the key because
 * region 10–13 and province 10–13 share their codes. `null` after reporting a problem.
 */
export async function readAreaTargets(templateFile: string, name: string, problems: TemplateProblem[]): Promise<Map<string, Target> | null> {
  const file = path.resolve(path.dirname(templateFile), name);
  const at = '$.area_targets';
  const text = await readFile(file, 'utf8').catch(() => null);
  if (text === null) { problems.push({ file: templateFile, path: at, message: `no such file: ${name}` }); return null; }
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((h) => h.trim().toLowerCase()).join(',');
  if (header !== 'level,area_code,target') { problems.push({ file: templateFile, path: at, message: `${name}:1: the header must be level,area_code,target` }); return null; }
  const out = new Map<string, Target>();
  const before = problems.length;
  lines.slice(1).forEach((line, i) => {
    if (line.trim() === '') return;
    const [level, code, target, ...rest] = line.split(',').map((c) => c.trim());
    const where = `${name}:${i + 2}`;
    const parsed = parseTarget(target ?? '');
    if (rest.length > 0 || !level || !LEVELS.has(level) || !code || !parsed) {
      problems.push({ file: templateFile, path: at, message: `${where}: expected level (unit, district, province, region or country), area code and a target such as ">= 45"` });
    } else if (out.has(`${level} ${code}`)) {
      problems.push({ file: templateFile, path: at, message: `${where}: ${level} ${code} is listed twice` });
    } else out.set(`${level} ${code}`, parsed);
  });
  return problems.length > before ? null : out;
}
