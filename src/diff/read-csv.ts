import { CsvError, parse } from 'csv-parse/sync';
import { z } from 'zod';
import { levelSchema, RESULT_FIELDS, resultRowSchema, type ResultRow } from '../results/schema.js';
import { ResultFileError } from './errors.js';
import type { LocatedRow, ResultFile } from './result-file.js';

const DECIMAL = /^-?\d+(?:\.\d+)?$/;
const number = z.union([z.literal('').transform(() => null), z.string().regex(DECIMAL, 'not a number').transform(Number)]);

/** The cells of one CSV record as `compute --format csv` writes them, turned into a result row. */
const csvRowSchema = z
  .strictObject({
    indicator: z.string().min(1, 'empty'),
    period: z.string(),
    level: levelSchema,
    area_code: z.string().min(1, 'empty'),
    area_name: z.string(),
    a: number,
    b: number,
    result: number,
    target: z.string(),
    pass: z.enum(['true', 'false', '']).transform((p) => (p === '' ? null : p === 'true')),
    score: number,
  })
  .pipe(resultRowSchema);

interface Parsed {
  record: string[];
  info: { lines: number };
}

/** A result table of `compute --format csv`; the header must be DESIGN.md's columns in order. */
export function readCsvResults(file: string, text: string): ResultFile {
  let records: Parsed[];
  try {
    records = parse(text, { bom: true, info: true, skip_empty_lines: true }) as unknown as Parsed[];
  } catch (e) {
    if (e instanceof CsvError) throw new ResultFileError(`not valid CSV: ${e.message.replace(/ (on|at) line \d+.*$/, '')}`, file, (e as CsvError & { lines?: number }).lines);
    throw e;
  }
  const [head, ...body] = records;
  if (!head || head.record.join(',') !== RESULT_FIELDS.join(',')) {
    throw new ResultFileError(`not a kpi result table: the header must be ${RESULT_FIELDS.join(',')}`, file, head?.info.lines ?? 1);
  }
  const rows: LocatedRow[] = [];
  const decimals = new Map<string, number>();
  for (const { record, info } of body) {
    const cells = Object.fromEntries(RESULT_FIELDS.map((f, i) => [f, record[i]]));
    const parsed = csvRowSchema.safeParse(cells);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ResultFileError(`column ${String(issue.path[0] ?? '?')}: ${issue.message}`, file, info.lines);
    }
    const row: ResultRow = parsed.data;
    rows.push({ row, line: info.lines });
    const places = record[RESULT_FIELDS.indexOf('result')]!.split('.')[1]?.length ?? 0;
    decimals.set(row.indicator, Math.max(decimals.get(row.indicator) ?? 0, places));
  }
  const period = [...new Set(rows.map((r) => r.row.period))].join(', ');
  return { file, format: 'csv', period, rows, indicators: null, decimals };
}
