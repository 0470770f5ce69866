import { readFile } from 'node:fs/promises';
import { ResultFileError } from './errors.js';
import { readCsvResults } from './read-csv.js';
import { readJsonResults } from './read-json.js';
import type { LocatedRow, ResultFile } from './result-file.js';

/** The key rows are matched on: the period may differ between files, the place may not. */
export function rowKey(r: { indicator: string; level: string; area_code: string }): string {
  return `${r.indicator}\u0000${r.level}\u0000${r.area_code}`;
}

/** Reads a result file written by `compute`; JSON or CSV is told by the first character, not the name. */
export async function readResultFile(file: string): Promise<ResultFile> {
  const bytes = await readFile(file).catch((e: NodeJS.ErrnoException) => {
    throw new ResultFileError(`cannot read: ${e.code ?? e.message}`, file);
  });
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new ResultFileError('empty file: not a kpi result file', file);
  const result = text.trimStart().startsWith('{') ? readJsonResults(file, text) : readCsvResults(file, text);
  checkRowsOnce(file, result.rows);
  return result;
}

/** Each area once per indicator and period (a file of `--rounds` or `--months` holds it once per period); a row twice is an error at its line. */
export function checkRowsOnce(file: string, rows: readonly LocatedRow[]): void {
  const seen = new Map<string, number>();
  for (const { row, line } of rows) {
    const key = `${rowKey(row)}\u0000${row.period}`;
    const first = seen.get(key);
    if (first !== undefined) {
      throw new ResultFileError(`${row.indicator} ${row.level} ${row.area_code} appears twice (first at line ${first}): rows cannot be matched`, file, line);
    }
    seen.set(key, line);
  }
}
