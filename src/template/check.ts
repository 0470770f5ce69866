import { checkExpr } from '../expr/check.js';
import { caret, ExprError } from '../expr/errors.js';
import type { Expr } from '../expr/ast.js';
import { parseExpr } from '../expr/parse.js';
import { cmp, parseDecimal, type Rational } from '../num/rational.js';
import type { Round } from '../period/period.js';
import { overlaps, parseInterval, type Band } from '../score/scoring.js';
import { parseTarget, type Target } from '../score/target.js';
import type { TemplateProblem } from '../errors.js';
import { tableDef } from '../data/tables.js';
import type { CheckedMeasure, CheckedScoring, CheckedTemplate } from './checked.js';
import { columnList, conditionLookup, fieldProblem, parseCount, splitName } from './fields.js';
import { isQuery, type QueryMeasure, type Template } from './schema.js';

type Report = (path: string, message: string, caretText?: string) => void;

/** Checks what the schema cannot: expressions, fields, references, targets, scoring. */
export function checkTemplate(file: string, t: Template, problems: TemplateProblem[]): CheckedTemplate | null {
  const before = problems.length;
  const report: Report = (path, message, caretText) => problems.push({ file, path, message, ...(caretText ? { caret: caretText } : {}) });
  const measures = checkMeasures(t, report);
  const declared = Object.keys(t.measures).map((k) => k.toUpperCase());
  const formula = parseChecked(t.formula, '$.formula', report, (name) =>
    declared.includes(name) ? { kind: 'num' } : { error: `unknown measure '${name}' (this template defines ${declared.join(', ') || 'none'})` }, 'num');
  const target = parseTarget(t.target)!;
  const rounds: Partial<Record<Round, Target>> = {};
  for (const [k, v] of Object.entries(t.rounds ?? {})) rounds[Number(k) as Round] = parseTarget(v)!;
  const scoring = checkScoring(t, report);
  if (problems.length > before || !formula) return null;
  return { file, template: t, formula, target, rounds, ...(scoring ? { scoring } : {}), measures };
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

function checkMeasures(t: Template, report: Report): Map<string, CheckedMeasure> {
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
    if (isQuery(entry.m)) {
      const where = checkQuery(entry.m, path, report);
      if (where) result = { name, rootName: name, query: entry.m, where, extra: [] };
    } else {
      const parent = byName.has(entry.m.of.toUpperCase()) ? resolve(entry.m.of.toUpperCase()) : null;
      if (!byName.has(entry.m.of.toUpperCase())) report(`${path}.of`, `no measure named '${entry.m.of}'`);
      if (parent) {
        const extra = (entry.m.where ?? []).map((w, i) => parseChecked(w, `${path}.where[${i}]`, report, conditionLookup(parent.query), 'bool'));
        if (extra.every((e) => e !== null)) result = { name, rootName: parent.rootName, query: parent.query, where: parent.where, extra: [...parent.extra, ...(extra as Expr[])] };
      }
    }
    resolving.delete(name);
    if (result) out.set(name, result);
    else failed.add(name);
    return result;
  };
  for (const name of byName.keys()) resolve(name);
  return out;
}

/** Checks one query measure; its parsed `where`, or null after reporting. */
function checkQuery(q: QueryMeasure, path: string, report: Report): Expr[] | null {
  let ok = true;
  const field = (name: string, at: string) => {
    const problem = fieldProblem(q, splitName(q, name));
    if (problem) { report(at, problem); ok = false; }
  };
  for (const [table, keys] of Object.entries(q.join ?? {})) {
    if (table.toUpperCase() === q.from.toUpperCase()) { report(`${path}.join.${table}`, 'a table cannot join itself'); ok = false; }
    keys.forEach((k, i) => { field(k, `${path}.join.${table}[${i}]`); field(`${table}.${k}`, `${path}.join.${table}[${i}]`); });
  }
  if (q.latest) {
    columnList(q.latest.per).forEach((c) => field(c, `${path}.latest.per`));
    field(q.latest.by, `${path}.latest.by`);
  }
  if (q.count !== undefined) {
    const c = parseCount(q.count);
    if (!c) { report(`${path}.count`, `count is "rows" or "distinct COL, COL", not "${q.count}"`); ok = false; }
    else if (c.kind === 'distinct') c.columns.forEach((col) => field(col, `${path}.count`));
  }
  if (q.sum !== undefined) field(q.sum, `${path}.sum`);
  ok = checkArea(q, path, report, field) && ok;
  const where = (q.where ?? []).map((w, i) => parseChecked(w, `${path}.where[${i}]`, report, conditionLookup(q), 'bool'));
  return ok && where.every((e) => e !== null) ? (where as Expr[]) : null;
}

function checkArea(q: QueryMeasure, path: string, report: Report, field: (name: string, at: string) => void): boolean {
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
  field('code' in area ? area.code : area.region, `${path}.area`);
  return true;
}

function checkScoring(t: Template, report: Report): CheckedScoring | undefined {
  const s = t.scoring;
  if (!s) return undefined;
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
