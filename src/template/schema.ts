import { z } from 'zod';
import { casesSchema } from './cases.js';

const text = z.strictObject({ th: z.string().min(1), en: z.string().min(1) });

/** `>= 60`, `<= 6.5`, `> 0`, `< 18`, `= 100`. */
export const TARGET_PATTERN = /^\s*(>=|<=|>|<|=)\s*(-?\d+(?:\.\d+)?)\s*$/;
const target = z.string().regex(TARGET_PATTERN, 'a target is a comparison such as ">= 60" or "<= 6.5"');

const condition = z.string().min(1, 'a condition cannot be empty');

/**
 * `keep`: the N latest rows per key (default 1), e.g. the last two blood pressures;
 * `require_all`: a key with fewer than N rows is left out ("the last two readings", not one).
 * `per: "person"` in a person measure: per person across units.
 */
const latest = z.strictObject({
  per: z.string().min(1),
  by: z.string().min(1),
  keep: z.number().int().min(1).max(100).optional(),
  require_all: z.boolean().optional(),
});

/** The earliest row per key over all the data ("first diagnosis ever"), then `of` conditions on it. */
const earliest = z.strictObject({ per: z.string().min(1), by: z.string().min(1) });

/**
 * A person measure counts persons (the person model, README): `living` the registered
 * population (home row DISCHARGE 9), `registered` also those whose home unit marked them dead
 * (DISCHARGE 1), `all` every person, registered or not.
 */
export const PERSON_MODES = ['living', 'registered', 'all'] as const;
const person = z.enum(PERSON_MODES);

/** Other person measures of the template a person must be in (`within`) or not in (`outside`). */
const measureNames = z.array(z.string().min(1)).min(1);

const area = z.union([
  z.enum(['unit', 'residence']),
  z.strictObject({ code: z.string().min(1) }),
  z.strictObject({ region: z.string().min(1) }),
]);

/** A related row in another table: its key columns (same names in both tables) and its own conditions. */
const related = z.array(z.strictObject({ table: z.string().min(1), on: z.array(z.string().min(1)).min(1), where: z.array(condition).optional() })).min(1);

const query = z
  .strictObject({
    from: z.string().min(1),
    /** A CSV shipped with the template (path relative to it) read instead of the `--data` table, e.g. a baseline per area. */
    file: z.string().min(1).optional(),
    join: z.record(z.string(), z.array(z.string().min(1)).min(1)).optional(),
    where: z.array(condition).optional(),
    exists: related.optional(),
    not_exists: related.optional(),
    latest: latest.optional(),
    earliest: earliest.optional(),
    count: z.string().min(1).optional(),
    sum: z.string().min(1).optional(),
    person: person.optional(),
    within: measureNames.optional(),
    outside: measureNames.optional(),
    area: area.optional(),
  })
  .refine((q) => [q.count, q.sum, q.person].filter((x) => x !== undefined).length === 1, {
    message: 'a measure needs exactly one of "count" ("rows" or "distinct COL, …"), "sum" and "person"',
  });

/** `every`: a key counts only when every row kept for it (see `latest.keep`) meets the conditions. */
const subset = z.strictObject({
  of: z.string().min(1),
  where: z.array(condition).optional(),
  every: z.boolean().optional(),
  within: measureNames.optional(),
  outside: measureNames.optional(),
});

/** A measure that adds up others (the book's "A = A1 + A2"), so the result table's A column reads like the book. */
const total = z.strictObject({ sum_of: z.array(z.string().min(1)).min(2, 'sum_of names two or more measures') });

/** Persons in any of several person measures, each counted once ("HbA1c or two FPG results"). */
const either = z.strictObject({ either_of: z.array(z.string().min(1)).min(2, 'either_of names two or more measures') });

export const measureSchema = z.union([query, subset, total, either]);

const ladder = z.strictObject({
  ladder: z.array(z.number()).length(5, 'a ladder has five thresholds, one per score 1–5'),
  interpolate: z.boolean().optional(),
});

const bands = z.strictObject({
  bands: z.array(z.strictObject({ score: z.number().min(0).max(5), range: z.string().min(1) })).min(1),
});

/** `{ "weighted": [...], "ladder": [...] }` or with `"bands"`: the composite is graded like any result. */
const weighted = z.strictObject({
  weighted: z.array(z.strictObject({ indicator: z.string().min(1), weight: z.number().gt(0) })).min(1),
  ladder: ladder.shape.ladder.optional(),
  interpolate: z.boolean().optional(),
  bands: bands.shape.bands.optional(),
});

const notes = z.union([z.string().min(1), text]);

/**
 * Which document the definition comes from (the FY2558 template book, with the line where the
 * indicator's page starts), so no reader mistakes it for this year's HDC definition.
 */
const source = z.strictObject({ book: text, line: z.number().int().min(1).optional() });

export const templateSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'an id is kebab-case: lower-case letters, digits and dashes'),
  title: text,
  reference: z.string().min(1),
  /** Printed by `kpi explain`, `kpi list` and every report (see src/template/source.ts). */
  source: source.optional(),
  /** The book's level: who is judged by it. */
  level: z.enum(['ministry', 'region', 'province']).optional(),
  /** What had to be approximated and why; shown by `list` and `explain`. */
  notes: z.array(notes).optional(),
  unit: text,
  /** Absent only for a weighted composite, whose result is Σ wᵢ·scoreᵢ. */
  formula: z.string().min(1).optional(),
  decimals: z.number().int().min(0).max(6).default(2),
  better: z.enum(['higher', 'lower']),
  /** Absent where the book leaves the figure to each area ("lower than last year"): no pass is judged. */
  target: target.optional(),
  rounds: z.partialRecord(z.enum(['3', '6', '9', '12']), target).optional(),
  /** A CSV beside the template, `level,area_code,target` per line: each listed area's own target ("2557 result + 5"). */
  area_targets: z.string().min(1).optional(),
  scoring: z.union([ladder, bands, weighted]).optional(),
  measures: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'a measure name is a letter followed by letters, digits or _'), measureSchema).default({}),
  /** What `kpi cases` shows per person (see src/template/cases.ts). */
  cases: casesSchema.optional(),
});

export type Template = z.infer<typeof templateSchema>;
export type Measure = z.infer<typeof measureSchema>;
export type QueryMeasure = Extract<Measure, { from: string }>;
export type SubsetMeasure = Extract<Measure, { of: string }>;
export type TotalMeasure = Extract<Measure, { sum_of: string[] }>;
export type EitherMeasure = Extract<Measure, { either_of: string[] }>;
export type PersonMode = (typeof PERSON_MODES)[number];
export type Scoring = NonNullable<Template['scoring']>;
export type Area = NonNullable<QueryMeasure['area']>;
export type Related = NonNullable<QueryMeasure['exists']>;
export type Note = z.infer<typeof notes>;
export type Source = z.infer<typeof source>;

export function isQuery(m: Measure): m is QueryMeasure {
  return 'from' in m;
}

export function isTotal(m: Measure): m is TotalMeasure {
  return 'sum_of' in m;
}

export function isEither(m: Measure): m is EitherMeasure {
  return 'either_of' in m;
}
