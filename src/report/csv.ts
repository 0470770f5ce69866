import { stringify } from 'csv-stringify/sync';
import { RESULT_FIELDS, type IndicatorInfo, type ResultRow } from '../results/schema.js';
import { passText, resultText } from './format-values.js';

export interface CsvOptions {
  /** For Excel: a UTF-8 BOM (else Excel reads Thai as ANSI), CRLF, and text that cannot run as a formula. */
  readonly excel?: boolean;
}

/** DESIGN.md's columns in order; `result` keeps the indicator's decimals, no value is an empty cell. */
export function renderCsv(rows: readonly ResultRow[], infos: ReadonlyMap<string, IndicatorInfo>, options: CsvOptions = {}): string {
  const text = options.excel ? neutralise : (s: string) => s;
  const records = rows.map((r) => [
    text(r.indicator), text(r.period), text(r.level), text(r.area_code), text(r.area_name),
    String(r.a ?? ''), String(r.b ?? ''), resultText(r, infos.get(r.indicator)), text(r.target), passText(r.pass), String(r.score ?? ''),
  ]);
  return stringify([RESULT_FIELDS as string[], ...records], options.excel ? { bom: true, record_delimiter: 'windows' } : {});
}

/**
 * Area names come from input files, so a name like `=HYPERLINK(…)` would run as a formula when
 * Excel opens the file (OWASP "CSV injection"). A leading `'` makes Excel show it as text.
 * Only text columns go through here: a negative number in a numeric column stays a number.
 */
export function neutralise(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}
