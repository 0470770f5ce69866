import type { Level } from '../area/place.js';
import type { Expr } from '../expr/ast.js';
import { parseExpr } from '../expr/parse.js';
import type { KeepRequest } from '../engine/members.js';
import { TemplateError, type TemplateProblem } from '../errors.js';
import type { CheckedTemplate } from '../template/checked.js';
import { checkTemplate } from '../template/check.js';
import { templateSchema } from '../template/schema.js';

/** The id of the one measure `kpi cases` adds to the run: PERSON rows, for sex, birth and registration. */
export const DETAILS_ID = 'kpi-cases-person-details';
export const DETAILS_MEASURE = 'P';

/** What the details measure shows, in this order; the identifiers only under `--identify`. */
export const DETAIL_COLUMNS = ['HOSPCODE', 'PID', 'SEX', 'BIRTH', 'TYPEAREA', 'DISCHARGE'] as const;
export const IDENTITY_COLUMNS = ['CID', 'PRENAME', 'NAME', 'LNAME'] as const;

/** Where in a root measure's shown values each field's expressions are: field name → slots. */
export type Slots = ReadonlyMap<string, ReadonlyMap<string, readonly number[]>>;

/**
 * The engine keeps, for the template, every measure's members in the area with
 * the values its `cases` fields show; and for the details measure, PERSON's
 * columns of every person there.
 */
export function keepRequest(t: CheckedTemplate, area: { level: Level; code: string }, identify: boolean): { request: KeepRequest; slots: Slots } {
  const byRoot = new Map<string, Expr[]>();
  const slots = new Map<string, Map<string, number[]>>();
  for (const m of t.measures.values()) byRoot.set(m.rootName, byRoot.get(m.rootName) ?? []);
  for (const f of t.cases?.fields ?? []) {
    for (const name of f.measures) {
      const root = t.measures.get(name)!.rootName;
      const exprs = byRoot.get(root)!;
      const at: number[] = [];
      for (const part of f.show) if (typeof part !== 'string') at.push(exprs.push(part.expr) - 1);
      const perField = slots.get(name) ?? new Map<string, number[]>();
      perField.set(f.name, at);
      slots.set(name, perField);
    }
  }
  const details = [...DETAIL_COLUMNS, ...(identify ? IDENTITY_COLUMNS : [])].map((c) => parseExpr(c));
  const show = new Map<string, ReadonlyMap<string, readonly Expr[]>>([[t.template.id, byRoot], [DETAILS_ID, new Map([[DETAILS_MEASURE, details]])]]);
  return { request: { show, area }, slots };
}

/**
 * The details measure as a template of its own, checked like any other, so PERSON is read,
 * merged and corrected the same way. Under the person model it keeps every PERSON row of a
 * person (any unit), so the row at the home unit can be picked.
 */
export function detailsTemplate(persons: boolean): CheckedTemplate {
  const problems: TemplateProblem[] = [];
  const template = templateSchema.parse({
    id: DETAILS_ID,
    title: { th: 'ข้อมูลบุคคล', en: 'person details' },
    reference: 'kpi cases',
    unit: { th: '-', en: '-' },
    formula: DETAILS_MEASURE,
    better: 'higher',
    measures: { [DETAILS_MEASURE]: persons ? { from: 'PERSON', person: 'all' } : { from: 'PERSON', count: 'distinct HOSPCODE, PID' } },
  });
  const t = checkTemplate('(kpi cases)', template, problems);
  if (!t) throw new TemplateError(problems);
  return t;
}
