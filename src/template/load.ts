import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { TemplateError, type TemplateProblem } from '../errors.js';
import type { CheckedTemplate } from './checked.js';
import { readAreaTargets } from './area-targets.js';
import { checkTemplate } from './check.js';
import { jsonErrorAt } from './json-error.js';
import { templateSchema } from './schema.js';

/** JSON files of the given paths: files as given, folders' `*.json` in name order. */
async function templateFiles(paths: readonly string[], problems: TemplateProblem[]): Promise<string[]> {
  const files: string[] = [];
  for (const p of paths) {
    const st = await stat(p).catch(() => null);
    if (!st) { problems.push({ file: p, path: '$', message: 'no such file or folder' }); continue; }
    if (!st.isDirectory()) { files.push(p); continue; }
    const names = (await readdir(p)).filter((n) => n.toLowerCase().endsWith('.json')).sort();
    files.push(...names.map((n) => path.join(p, n)));
  }
  return files;
}

/**
 * Loads and checks every template; throws one TemplateError listing every
 * problem of every file, so a user fixes them all in one go.
 */
export async function loadTemplates(paths: readonly string[]): Promise<CheckedTemplate[]> {
  const problems: TemplateProblem[] = [];
  const files = await templateFiles(paths, problems);
  if (files.length === 0 && problems.length === 0) problems.push({ file: paths.join(', '), path: '$', message: 'no template (*.json) found' });
  const out: CheckedTemplate[] = [];
  const ids = new Map<string, string>();
  const texts = await readAll(files);
  for (const [i, file] of files.entries()) {
    const t = await loadOne(file, texts[i]!, problems);
    if (!t) continue;
    const seen = ids.get(t.template.id);
    if (seen) { problems.push({ file, path: '$.id', message: `id "${t.template.id}" is already used by ${seen}` }); continue; }
    ids.set(t.template.id, file);
    out.push(t);
  }
  checkParts(out, problems);
  for (const t of out) await checkLinks(t, problems);
  if (problems.length > 0) throw new TemplateError(problems);
  return out;
}

/** A composite weighs indicators loaded with it, and only plain ones (composites are graded last, once). */
function checkParts(templates: readonly CheckedTemplate[], problems: TemplateProblem[]): void {
  const byId = new Map(templates.map((t) => [t.template.id, t]));
  for (const t of templates) {
    t.composite?.parts.forEach((p, i) => {
      const part = byId.get(p.indicator);
      const at = `$.scoring.weighted[${i}].indicator`;
      if (!part) problems.push({ file: t.file, path: at, message: `no template with id "${p.indicator}" is loaded with it` });
      else if (part.composite) problems.push({ file: t.file, path: at, message: `"${p.indicator}" is itself a weighted composite` });
      else if (!part.scoring) problems.push({ file: t.file, path: at, message: `"${p.indicator}" has no scoring, so no score to weigh` });
    });
  }
}

/** A `file` that is a link (or lies under one) must still end up inside the template's folder. */
async function checkLinks(t: CheckedTemplate, problems: TemplateProblem[]): Promise<void> {
  const folder = await realpath(path.dirname(t.file)).catch(() => null);
  if (folder === null) return;
  for (const [key, m] of Object.entries(t.template.measures)) {
    if (!('file' in m) || m.file === undefined) continue;
    const real = await realpath(path.resolve(path.dirname(t.file), m.file)).catch(() => null);
    const rel = real === null ? '' : path.relative(folder, real);
    if (rel.split(path.sep)[0] === '..' || path.isAbsolute(rel)) {
      problems.push({ file: t.file, path: `$.measures.${key}.file`, message: `"${m.file}" is a link that leads out of the template's folder` });
    }
  }
}

/** Files read at once: enough to keep the file system busy, few enough never to run out of file handles. */
const READ_AT_ONCE = 32;

/**
 * Every file's text, read side by side and returned in the files' order (so problems are
 * reported in that order): one read after another, the 39 bundled templates waited ~35 ms on
 * the file system at every run's start.
 */
async function readAll(files: readonly string[]): Promise<Read[]> {
  const out: Read[] = [];
  for (let i = 0; i < files.length; i += READ_AT_ONCE) out.push(...await Promise.all(files.slice(i, i + READ_AT_ONCE).map(readText)));
  return out;
}

/** A file's text, or why it could not be read. */
type Read = { readonly text: string } | { readonly failure: string };

function readText(file: string): Promise<Read> {
  return readFile(file, 'utf8').then((text) => ({ text }), (e: NodeJS.ErrnoException) => ({ failure: e.code ?? e.message }));
}

async function loadOne(file: string, read: Read, problems: TemplateProblem[]): Promise<CheckedTemplate | null> {
  if ('failure' in read) {
    problems.push({ file, path: '$', message: `cannot read: ${read.failure}` });
    return null;
  }
  const { text } = read;
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const at = jsonErrorAt(text, (e as Error).message);
    problems.push({ file, path: '$', message: `not valid JSON at line ${at.line}, column ${at.column}: ${(e as Error).message.split('\n')[0]}` });
    return null;
  }
  const parsed = templateSchema.safeParse(json);
  if (parsed.success) {
    const checked = checkTemplate(file, parsed.data, problems);
    if (parsed.data.area_targets === undefined) return checked;
    const areaTargets = await readAreaTargets(file, parsed.data.area_targets, problems);
    return checked && areaTargets ? { ...checked, areaTargets } : null;
  }
  const issues = flattenIssues(parsed.error.issues);
  for (const issue of issues) problems.push({ file, path: jsonPath(issue.path), message: describe(issue) });
  // A typo'd field name should not hide the template's other mistakes: check the rest without it.
  if (issues.every((i) => i.code === 'unrecognized_keys')) {
    const rest = templateSchema.safeParse(withoutKeys(json, issues));
    if (rest.success) checkTemplate(file, rest.data, problems);
  }
  return null;
}

/**
 * Drops the unknown fields from the parsed JSON, in place (nothing else holds it). Never
 * walks what is under them: a 5,000-deep object there must not overflow the stack.
 */
function withoutKeys(json: unknown, issues: ReadonlyArray<Issue & { path: PropertyKey[] }>): unknown {
  for (const i of issues) {
    if (i.code !== 'unrecognized_keys') continue;
    let node: unknown = json;
    for (const k of i.path) node = (node as Record<PropertyKey, unknown>)[k];
    for (const k of i.keys) delete (node as Record<string, unknown>)[k];
  }
  return json;
}

type Issue = z.core.$ZodIssue;

/** A union's problems are those of its closest branch (fewest issues), not every branch's. */
export function flattenIssues(issues: readonly Issue[], prefix: readonly PropertyKey[] = []): Array<Issue & { path: PropertyKey[] }> {
  return issues.flatMap((i) => {
    const full = [...prefix, ...i.path];
    if (i.code === 'invalid_union' && i.errors.length > 0) {
      const best = [...i.errors].sort((a, b) => a.length - b.length)[0]!;
      if (best.length > 0) return flattenIssues(best, full);
    }
    return [{ ...i, path: full }];
  });
}

export function describe(i: Issue): string {
  if (i.code === 'unrecognized_keys') return `unknown field${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `"${k}"`).join(', ')}`;
  if (i.code === 'invalid_type' && i.message.includes('undefined')) return `missing field (${i.expected})`;
  return i.message;
}

export function jsonPath(p: readonly PropertyKey[]): string {
  return '$' + p.map((k) => (typeof k === 'number' ? `[${k}]` : /^[A-Za-z_][A-Za-z0-9_]*$/.test(String(k)) ? `.${String(k)}` : `["${String(k)}"]`)).join('');
}
