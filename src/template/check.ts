import path from 'node:path';
import { checkExpr } from '../expr/check.js';
import { caret, ExprError } from '../expr/errors.js';
import type { Expr } from '../expr/ast.js';
import { parseExpr } from '../expr/parse.js';
import { add, cmp, fromInt, parseDecimal, ZERO, type Rational } from '../num/rational.js';
import type { Round } from '../period/period.js';
import { overlaps, parseInterval, type Band } from '../score/scoring.js';
import { parseTarget, type Target } from '../score/target.js';
import type { TemplateProblem } from '../errors.js';
import { tableDef } from '../data/tables.js';
import { checkCases } from './cases.js';
import type { CheckedComposite, CheckedMeasure, CheckedRelated, CheckedScoring, CheckedTemplate } from './checked.js';
import { columnList, conditionLookup, fieldProblem, parseCount, splitName } from './fields.js';
import { identifierProblem } from './identifiers.js';
import { isEither, isQuery, isTotal, type QueryMeasure, type Related, type Template } from './schema.js';
import { checkPersonLinks, checkPersonQuery, isPersonWord } from './person.js';

type Report = (path: string, message: string, caretText?: string) => void;

/** Checks what the schema cannot: expressions, fields, references, targets, scoring. */
export function checkTemplate(file: string, t: Template, problems: TemplateProblem[]): CheckedTemplate | null {
  const before = problems.length;
  const report: Report = (path, message, caretText) => problems.push({ file, path, message, ...(caretText ? { caret: caretText } : {}) });
  const measures = checkMeasures(t, path.dirname(file), report);
  const composite = checkComposite(t, report);
  let formula: Expr | null = null;
  if (composite) {
    if (t.formula !== undefined) report('$.formula', 'a weighted composite has no formula: its result is the weighted sum of the scores');
    if (Object.keys(t.measures).length > 0) report('$.measures', 'a weighted composite has no measures: it reads the scores of its indicators');
  } else if (t.formula === undefined) {
    report('$.formula', 'missing field (string): only a weighted composite goes without a formula');
  } else {
    // Declared but broken measures are already reported; naming them in the formula is not a second problem.
    const declared = t.manual ? ['A', 'B'] : Object.keys(t.measures).map((k) => k.toUpperCase());
    formula = parseChecked(t.formula, '$.formula', report, (name) =>
      declared.includes(name) ? { kind: 'num' } : { error: `unknown measure '${name}' (this template defines ${declared.join(', ') || 'none'})` }, 'num');
  }
  const target = t.target === undefined ? null : parseTarget(t.target)!;
  const rounds: Partial<Record<Round, Target | null>> = {};
  for (const [k, v] of Object.entries(t.rounds ?? {})) rounds[Number(k) as Round] = v === null ? null : parseTarget(v)!;
  if (Object.values(t.rounds ?? {}).some((v) => v === null) && t.area_targets === undefined) report('$.rounds', 'a round without a target (null) is judged by area_targets alone: name the file');
  const scoring = checkScoring(t, report);
  const totals = checkTotals(t, measures, report);
  const eithers = checkPersonLinks(t, measures, report);
  const cases = t.cases ? checkCases(t.cases, measures, totals, report) : null;
  checkManual(t, report);
  if (problems.length > before || (!formula && !composite)) return null;
  return { file, template: t, formula, ...(composite ? { composite } : {}), target, rounds, areaTargets: new Map(), ...(scoring ? { scoring } : {}), measures, totals, eithers, ...(cases ? { cases } : {}) };
}

/** A manual template's A and B are the officer's CSV columns: it declares no measures, and `target_of` names A or B of its own. */
function checkManual(t: Template, report: Report): void {
  if (t.manual !== undefined) {
    if (Object.keys(t.measures).length > 0) report('$.measures', 'a manual template has no measures: A and B are the columns a and b of its CSV');
    if (t.cases !== undefined) report('$.cases', 'a manual template has no persons to list');
  } else if (t.target_of !== undefined && !Object.keys(t.measures).some((k) => k.toUpperCase() === t.target_of)) {
    report('$.target_of', `no measure named ${t.target_of} to judge`);
  }
  if (t.target_of !== undefined && t.scoring && 'weighted' in t.scoring) report('$.target_of', 'a weighted composite is judged on its weighted score');
}

/** `sum_of` adds up counted measures only: no totals of totals, so the order of adding never matters. */
function checkTotals(t: Template, measures: ReadonlyMap<string, CheckedMeasure>, report: Report): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [key, m] of Object.entries(t.measures)) {
    if (!isTotal(m)) continue;
    const parts = m.sum_of.map((p) => p.toUpperCase());
    parts.forEach((p, i) => {
      const declared = Object.entries(t.measures).find(([k]) => k.toUpperCase() === p);
      if (!declared) report(`$.measures.${key}.sum_of[${i}]`, `no measure named '${m.sum_of[i]}'`);
      else if (isTotal(declared[1])) report(`$.measures.${key}.sum_of[${i}]`, `'${m.sum_of[i]}' is itself a sum_of: add up counted measures`);
    });
    if (parts.every((p) => measures.has(p))) out.set(key.toUpperCase(), parts);
  }
  return out;
}

/** Weights are exact decimals summing to exactly 1, so 0.1 + 0.2 + 0.7 is 1 and not 0.9999…. */
function checkComposite(t: Template, report: Report): CheckedComposite | null {
  const s = t.scoring;
  if (!s || !('weighted' in s)) return null;
  const parts: Array<{ indicator: string; weight: Rational }> = [];
  let sum = ZERO;
  s.weighted.forEach((p, i) => {
    const w = parseDecimal(String(p.weight));
    if (!w) { report(`$.scoring.weighted[${i}].weight`, 'a weight is a plain decimal number such as 0.15'); return; }
    if (p.indicator === t.id) report(`$.scoring.weighted[${i}].indicator`, 'a composite cannot weigh its own score');
    if (parts.some((q) => q.indicator === p.indicator)) report(`$.scoring.weighted[${i}].indicator`, `"${p.indicator}" is weighted twice`);
    parts.push({ indicator: p.indicator, weight: w });
    sum = add(sum, w);
  });
  if (cmp(sum, fromInt(1)) !== 0) report('$.scoring.weighted', `the weights must sum to 1, they sum to ${(Number(sum.n) / Number(sum.d)).toString()}`);
  if ((s.ladder === undefined) === (s.bands === undefined)) report('$.scoring', 'a weighted composite is graded by exactly one of "ladder" and "bands"');
  return { parts };
}

function parseChecked(src: string, path: string, report: Report, lookup: Parameters<typeof checkExpr>[1], want: 'bool' | 'num'): Expr | null {
  try {
    const e = parseExpr(src);
    const errors = checkExpr(e, lookup, want);
    for (const err of errors) report(path, err.message, caret(src, err.start, err.end));
    return errors.length ? null : e;
  } catch (err) {
    if (!(err instanceof ExprError)) throw err;
    report(path, err.message, caret(src, err.start, err.end));
    return null;
  }
}

function checkMeasures(t: Template, folder: string, report: Report): Map<string, CheckedMeasure> {
  const out = new Map<string, CheckedMeasure>();
  const byName = new Map(Object.entries(t.measures).map(([k, m]) => [k.toUpperCase(), { key: k, m }]));
  if (byName.size !== Object.keys(t.measures).length) report('$.measures', 'two measures differ only in letter case');
  const resolving = new Set<string>();
  const failed = new Set<string>();
  const resolve = (name: string): CheckedMeasure | null => {
    const done = out.get(name);
    if (done || failed.has(name)) return done ?? null;
    const entry = byName.get(name);
    if (!entry) return null;
    const path = `$.measures.${entry.key}`;
    if (resolving.has(name)) { report(`${path}.of`, `measures refer to each other in a circle through ${entry.key}`); return null; }
    resolving.add(name);
    let result: CheckedMeasure | null = null;
    if (isTotal(entry.m) || isEither(entry.m)) {
      resolving.delete(name);
      return null;
    }
    if (isQuery(entry.m)) {
      const where = checkQuery(entry.m, path, report);
      const related = checkRelated(entry.m, path, report);
      const file = entry.m.file === undefined ? null : resolvePath(folder, entry.m.file);
      const person = entry.m.person ?? null;
      const links = { within: upper(entry.m.within), outside: upper(entry.m.outside) };
      const fileProblem = entry.m.file === undefined ? null : templateFileProblem(entry.m.file);
      if (fileProblem) report(`${path}.file`, fileProblem);
      else if (where && related && checkPersonQuery(entry.m, path, report)) result = { name, rootName: name, query: entry.m, where, extra: [], every: false, related, file, person, ...links };
    } else {
      const parent = byName.has(entry.m.of.toUpperCase()) ? resolve(entry.m.of.toUpperCase()) : null;
      const parentEntry = byName.get(entry.m.of.toUpperCase());
      if (!parentEntry) report(`${path}.of`, `no measure named '${entry.m.of}'`);
      else if (isTotal(parentEntry.m)) report(`${path}.of`, `'${entry.m.of}' is a sum_of: take the rows of a counted measure`);
      else if (isEither(parentEntry.m)) report(`${path}.of`, `'${entry.m.of}' is an either_of: name it in "within" to keep its persons`);
      if (parent) {
        const extra = (entry.m.where ?? []).map((w, i) => parseChecked(w, `${path}.where[${i}]`, report, conditionLookup(parent.query), 'bool'));
        const every = entry.m.every === true || parent.every;
        const keyed = parent.person !== null || parseCount(parent.query.count ?? '')?.kind === 'distinct';
        const links = { within: [...parent.within, ...upper(entry.m.within)], outside: [...parent.outside, ...upper(entry.m.outside)] };
        if (entry.m.every && (!parent.query.latest || !keyed)) {
          report(`${path}.every`, `"every" judges the rows kept per key: the measure it is of needs "latest"${parent.person ? '' : ' and "count": "distinct …"'}`);
        } else if (parent.person === null && (entry.m.within || entry.m.outside)) {
          report(`${path}.${entry.m.within ? 'within' : 'outside'}`, '"within" and "outside" relate persons: the measure it is of needs "person"');
        } else if (extra.every((e) => e !== null)) result = { ...parent, name, every, extra: [...parent.extra, ...(extra as Expr[])], ...links };
      }
    }
    resolving.delete(name);
    if (result) out.set(name, result);
    else failed.add(name);
    return result;
  };
  for (const [name, { m }] of byName) if (!isTotal(m) && !isEither(m)) resolve(name);
  return out;
}

function upper(names: readonly string[] | undefined): string[] {
  return (names ?? []).map((n) => n.toUpperCase());
}

function resolvePath(folder: string, file: string): string {
  return path.resolve(folder, file);
}

/**
 * A template reads files shipped beside it, never elsewhere: a shared or downloaded
 * template must not read `/etc/passwd` or `../../secrets.csv` as a table.
 */
function templateFileProblem(file: string): string | null {
  if (path.posix.isAbsolute(file) || path.win32.isAbsolute(file)) return `"${file}" is an absolute path: give a path relative to the template's folder`;
  if (file.split(/[\\/]/).includes('..')) return `"${file}" leaves the template's folder ('..'): a template reads only files in its folder or below`;
  if (file.includes('\0')) return 'a file name cannot hold a NUL character';
  return null;
}

/** `exists` and `not_exists`: key columns known on both sides, conditions over the other table's own fields. */
function checkRelated(q: QueryMeasure, at: string, report: Report): CheckedRelated[] | null {
  const out: CheckedRelated[] = [];
  let ok = true;
  const one = (rel: Related | undefined, negated: boolean) => {
    (rel ?? []).forEach((spec, n) => {
      const p = `${at}.${negated ? 'not_exists' : 'exists'}[${n}]`;
      const upper = spec.table.toUpperCase();
      if (upper === q.from.toUpperCase()) { report(`${p}.table`, 'a measure cannot test for rows of its own table'); ok = false; return; }
      const other: QueryMeasure = { from: upper, count: 'rows' };
      spec.on.forEach((k, i) => {
        for (const problem of [fieldProblem(q, splitName(q, k)), fieldProblem(other, splitName(other, k))]) {
          if (problem) { report(`${p}.on[${i}]`, problem); ok = false; }
        }
      });
      const where = (spec.where ?? []).map((w, i) => parseChecked(w, `${p}.where[${i}]`, report, conditionLookup(other), 'bool'));
      if (where.some((e) => e === null)) { ok = false; return; }
      out.push({ table: upper, on: spec.on.map((k) => k.toUpperCase()), where: where as Expr[], negated });
    });
  };
  one(q.exists, false);
  one(q.not_exists, true);
  return ok ? out : null;
}

/** Checks one query measure; its parsed `where`, or null after reporting. */
function checkQuery(q: QueryMeasure, path: string, report: Report): Expr[] | null {
  let ok = true;
  /** `role` names what a value-bearing position does with the column, where identifiers are refused. */
  const field = (name: string, at: string, role?: string) => {
    const ref = splitName(q, name);
    const problem = fieldProblem(q, ref) ?? (role === undefined ? null : identifierProblem(ref, role));
    if (problem) { report(at, problem); ok = false; }
  };
  for (const [table, keys] of Object.entries(q.join ?? {})) {
    if (table.toUpperCase() === q.from.toUpperCase()) { report(`${path}.join.${table}`, 'a table cannot join itself'); ok = false; }
    keys.forEach((k, i) => { field(k, `${path}.join.${table}[${i}]`); field(`${table}.${k}`, `${path}.join.${table}[${i}]`); });
  }
  for (const key of ['latest', 'earliest'] as const) {
    const keep = q[key];
    if (!keep) continue;
    if (!isPersonWord(keep.per)) columnList(keep.per).forEach((c) => field(c, `${path}.${key}.per`));
    field(keep.by, `${path}.${key}.by`);
  }
  if (q.count !== undefined) {
    const c = parseCount(q.count);
    if (!c) { report(`${path}.count`, `count is "rows" or "distinct COL, COL", not "${q.count}"`); ok = false; }
    else if (c.kind === 'distinct') c.columns.forEach((col) => field(col, `${path}.count`));
  }
  if (q.sum !== undefined) field(q.sum, `${path}.sum`, 'summed');
  if (q.unit_types !== undefined) field('HOSPCODE', `${path}.unit_types`);
  ok = checkArea(q, path, report, field) && ok;
  const where = (q.where ?? []).map((w, i) => parseChecked(w, `${path}.where[${i}]`, report, conditionLookup(q), 'bool'));
  return ok && where.every((e) => e !== null) ? (where as Expr[]) : null;
}

function checkArea(q: QueryMeasure, path: string, report: Report, field: (name: string, at: string, role?: string) => void): boolean {
  const area = q.area ?? 'unit';
  if (area === 'residence') {
    const fields = tableDef(q.from)?.fields;
    const lacking = ['HOSPCODE', 'PID'].filter((f) => fields && !fields.has(f));
    if (lacking.length > 0) { report(`${path}.area`, `${q.from} has no ${lacking.join(', ')} to find the person's house (PERSON.HID → HOME)`); return false; }
    return true;
  }
  if (area === 'unit') {
    if (tableDef(q.from)?.fields && !tableDef(q.from)!.fields!.has('HOSPCODE')) { report(`${path}.area`, `${q.from} has no HOSPCODE to place rows by unit`); return false; }
    return true;
  }
  field('code' in area ? area.code : area.region, `${path}.area`, 'as an area code');
  return true;
}

function checkScoring(t: Template, report: Report): CheckedScoring | undefined {
  const s = t.scoring;
  if (!s) return undefined;
  if ('weighted' in s) {
    if (s.ladder) return checkScoring({ ...t, scoring: { ladder: s.ladder, ...(s.interpolate !== undefined ? { interpolate: s.interpolate } : {}) } }, report);
    if (s.bands) return checkScoring({ ...t, scoring: { bands: s.bands } }, report);
    return undefined;
  }
  if ('ladder' in s) {
    const thresholds = s.ladder.map((x) => parseDecimal(String(x)));
    if (thresholds.some((x) => x === null)) { report('$.scoring.ladder', 'ladder thresholds are plain decimal numbers'); return undefined; }
    const th = thresholds as Rational[];
    const step = t.better === 'higher' ? 1 : -1;
    for (let i = 1; i < th.length; i++) {
      if (cmp(th[i]!, th[i - 1]!) !== step) {
        report(`$.scoring.ladder[${i}]`, t.better === 'higher' ? 'with better "higher" each threshold must be above the one before' : 'with better "lower" each threshold must be below the one before');
        return undefined;
      }
    }
    return { kind: 'ladder', thresholds: th, interpolate: s.interpolate ?? false };
  }
  const bands: Band[] = [];
  s.bands.forEach((b, i) => {
    const interval = parseInterval(b.range);
    const score = parseDecimal(String(b.score));
    if (!interval || !score) { report(`$.scoring.bands[${i}].range`, `"${b.range}" is not an interval such as "(7.1, 7.4]" or "(7.4, inf)"`); return; }
    bands.forEach((other, j) => {
      if (overlaps(other.interval, interval)) report(`$.scoring.bands[${i}].range`, `"${b.range}" overlaps band ${j} ("${s.bands[j]!.range}")`);
    });
    bands.push({ score, interval });
  });
  return bands.length === s.bands.length ? { kind: 'bands', bands } : undefined;
}
