import { z } from 'zod';
import type { Expr } from '../expr/ast.js';
import { checkExpr } from '../expr/check.js';
import { caret, ExprError } from '../expr/errors.js';
import { parseExpr } from '../expr/parse.js';
import type { CheckedMeasure } from './checked.js';
import { conditionLookup, fieldKind, splitName } from './fields.js';
import { identifierProblem } from './identifiers.js';

const text = z.strictObject({ th: z.string().min(1), en: z.string().min(1) });

/** One column of `kpi cases`: what a measure's rows show about the person. */
const caseField = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9_]*$/, 'a field name is lower-case letters, digits and _, starting with a letter'),
  label: text,
  /** The measure whose rows show it; with several, the first that counted the person. */
  measure: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  /** Text with `{EXPRESSION}` holes, e.g. `"{SBP}/{DBP} ({DATE_SERV}, {HOSPCODE})"`. */
  show: z.string().min(1),
  /** Which of the person's counted rows: the first, the last (default) or all, oldest first. */
  rows: z.enum(['first', 'last', 'all']).optional(),
});

/** The `cases` section of a template: what `kpi cases` shows for each person. */
export const casesSchema = z.strictObject({
  /** The list `kpi cases` gives without `--which`: `missing` (B − A) unless A is not a part of B (deaths per population). */
  which: z.enum(['missing', 'achieved', 'group']).optional(),
  fields: z.array(caseField).optional(),
  /** Field names to sort by after the unit: what matters for follow-up. */
  sort: z.array(z.string().min(1)).optional(),
  /**
   * Per measure, why a person is not in it (it is where the person dropped out); `{field}` holes take
   * the person's fields. A list: the first text whose holes all have a value ("one reading only: {readings}",
   * then "no reading").
   */
  reasons: z.record(z.string(), z.union([text, z.array(text).min(1)])).optional(),
});

export type Cases = z.infer<typeof casesSchema>;
export type Which = NonNullable<Cases['which']>;
type Text = z.infer<typeof text>;

/** Text, or an expression to evaluate on a counted row (dates shown as YYYY-MM-DD). */
export type ShowPart = string | { readonly expr: Expr; readonly date: boolean };

export interface CheckedCaseField {
  readonly name: string;
  readonly label: Text;
  /** Upper-cased measure names, in the order to look in. */
  readonly measures: readonly string[];
  readonly show: readonly ShowPart[];
  readonly rows: 'first' | 'last' | 'all';
}

export interface CheckedCases {
  readonly which: Which;
  readonly fields: readonly CheckedCaseField[];
  readonly sort: readonly string[];
  /** Upper-cased measure name → why a person is not in it, the texts in the order to try. */
  readonly reasons: ReadonlyMap<string, readonly Text[]>;
}

type Report = (path: string, message: string, caretText?: string) => void;

/** Checks `cases` against the template's measures: known measures, readable fields, no identifiers, known sort fields and placeholders. */
export function checkCases(c: Cases, measures: ReadonlyMap<string, CheckedMeasure>, totals: ReadonlyMap<string, readonly string[]>, report: Report): CheckedCases | null {
  let ok = true;
  const bad: Report = (...a) => { ok = false; report(...a); };
  const fields = (c.fields ?? []).map((f, i) => checkField(f, `$.cases.fields[${i}]`, measures, bad));
  const names = (c.fields ?? []).map((f) => f.name);
  names.forEach((n, i) => { if (names.indexOf(n) !== i) bad(`$.cases.fields[${i}].name`, `field "${n}" is named twice`); });
  (c.sort ?? []).forEach((s, i) => { if (!names.includes(s)) bad(`$.cases.sort[${i}]`, `no field named "${s}" in cases.fields`); });
  const reasons = new Map<string, Text[]>();
  for (const [m, given] of Object.entries(c.reasons ?? {})) {
    if (!measures.has(m.toUpperCase()) && !totals.has(m.toUpperCase())) bad(`$.cases.reasons.${m}`, `no measure named '${m}'`);
    const texts = Array.isArray(given) ? given : [given];
    texts.forEach((r, i) => {
      const at = `$.cases.reasons.${m}${Array.isArray(given) ? `[${i}]` : ''}`;
      for (const lang of ['th', 'en'] as const) {
        for (const hole of r[lang].matchAll(/\{([^}]*)\}/g)) if (!names.includes(hole[1]!)) bad(`${at}.${lang}`, `{${hole[1]}}: no field of that name in cases.fields`);
      }
    });
    reasons.set(m.toUpperCase(), texts);
  }
  if (!ok || fields.some((f) => f === null)) return null;
  return { which: c.which ?? 'missing', fields: fields as CheckedCaseField[], sort: c.sort ?? [], reasons };
}

function checkField(f: Cases['fields'] extends (infer F)[] | undefined ? F : never, at: string, measures: ReadonlyMap<string, CheckedMeasure>, report: Report): CheckedCaseField | null {
  const named = (Array.isArray(f.measure) ? f.measure : [f.measure]).map((m) => m.toUpperCase());
  const found = named.map((m, i) => {
    const cm = measures.get(m);
    if (!cm) report(`${at}.measure${Array.isArray(f.measure) ? `[${i}]` : ''}`, `no counted measure named '${m}' (a sum_of has no rows of its own)`);
    return cm;
  });
  if (found.some((m) => m === undefined)) return null;
  const show = parseShow(f.show, `${at}.show`, found as CheckedMeasure[], report);
  return show ? { name: f.name, label: f.label, measures: named, show, rows: f.rows ?? 'last' } : null;
}

/** `"{SBP}/{DBP}"` → its text and expressions, each checked against every measure that may show it. */
function parseShow(src: string, at: string, measures: readonly CheckedMeasure[], report: Report): ShowPart[] | null {
  const parts: ShowPart[] = [];
  let ok = true;
  let last = 0;
  for (const m of src.matchAll(/\{([^}]*)\}/g)) {
    if (m.index > last) parts.push(src.slice(last, m.index));
    last = m.index + m[0].length;
    const inner = m[1]!;
    try {
      const expr = parseExpr(inner);
      const errors = measures.flatMap((cm) => checkValue(expr, cm));
      for (const e of errors) report(at, e.message, caret(inner, e.start, e.end));
      if (errors.length > 0) { ok = false; continue; }
      parts.push({ expr, date: expr.kind === 'name' && fieldKind(splitName(measures[0]!.query, expr.name)) === 'date' });
    } catch (e) {
      if (!(e instanceof ExprError)) throw e;
      report(at, e.message, caret(inner, e.start, e.end));
      ok = false;
    }
  }
  if (last < src.length) parts.push(src.slice(last));
  if (!/\{[^}]*\}/.test(src)) { report(at, 'show has no {FIELD} to show'); return null; }
  return ok ? parts : null;
}

/** A value (not a condition) the measure's rows can give, and never an identifier. */
function checkValue(expr: Expr, cm: CheckedMeasure): ExprError[] {
  const lookup = conditionLookup(cm.query);
  const guarded: typeof lookup = (name) => {
    // Templates never show identifiers: only `kpi cases --identify` adds CID and names, into a file.
    const problem = identifierProblem(splitName(cm.query, name), 'shown in a kpi cases field (--identify adds CID and names by itself)');
    return problem ? { error: problem } : lookup(name);
  };
  // Any value is fine here; wrapping it in `is empty` lets the condition checker check it.
  return checkExpr({ kind: 'isEmpty', negated: false, operand: expr, start: expr.start, end: expr.end }, guarded, 'bool');
}
