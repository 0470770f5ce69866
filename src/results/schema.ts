import { z } from 'zod';

export const levelSchema = z.enum(['unit', 'district', 'province', 'region', 'country']);

/** One row of a result table; field order is the CSV/JSON column order of DESIGN.md. */
export const resultRowSchema = z.strictObject({
  indicator: z.string(),
  period: z.string(),
  level: levelSchema,
  area_code: z.string(),
  area_name: z.string(),
  a: z.number().nullable(),
  b: z.number().nullable(),
  result: z.number().nullable(),
  target: z.string(),
  pass: z.boolean().nullable(),
  score: z.number().nullable(),
});

export type ResultRow = z.infer<typeof resultRowSchema>;
export const RESULT_FIELDS = Object.keys(resultRowSchema.shape) as Array<keyof ResultRow>;

/** What `diff` needs to know of an indicator without its template. */
export const indicatorInfoSchema = z.strictObject({
  id: z.string(),
  title: z.strictObject({ th: z.string(), en: z.string() }),
  unit: z.strictObject({ th: z.string(), en: z.string() }),
  better: z.enum(['higher', 'lower']),
  decimals: z.number().int(),
  /** Where the definition comes from ("FY2558 template book, line 2483"); absent in files of older runs. */
  source: z.strictObject({ th: z.string(), en: z.string() }).optional(),
  /** Set when the run could not compute the indicator: why (`ANC.csv has no column GA`). */
  not_computed: z.string().optional(),
});

export type IndicatorInfo = z.infer<typeof indicatorInfoSchema>;

export const resultDocumentSchema = z.strictObject({
  /** The period's label; for several periods, their labels joined by `, `. */
  period: z.string(),
  /** Several periods (`--rounds`, `--months`, `--compare-fy`): their labels in order. */
  periods: z.array(z.string()).optional(),
  indicators: z.array(indicatorInfoSchema),
  results: z.array(resultRowSchema),
  /** What the total row (area_code `TH` at level `country`, whatever it covers) adds up. */
  total: z.strictObject({ area_code: z.literal('TH'), covers: z.enum(['province', 'region', 'country']), code: z.string(), name: z.string() }).optional(),
  warnings: z.array(z.string()),
  inputs: z.array(z.strictObject({ file: z.string(), table: z.string(), rows: z.number(), skipped: z.number() })),
});

export type ResultDocument = z.infer<typeof resultDocumentSchema>;
