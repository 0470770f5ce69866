import { readFile } from 'node:fs/promises';
import { ResultFileError } from '../diff/errors.js';
import { checkRowsOnce } from '../diff/read.js';
import { readJsonDocument } from '../diff/read-json.js';
import type { ResultDocument } from '../results/schema.js';

/** One `kpi compute --by unit --format json` file, as given on the command line. */
export interface UnitResultFile {
  readonly file: string;
  readonly doc: ResultDocument;
}

/**
 * Reads a result file and checks it holds unit rows: a file at another level has
 * already summed its units, and summing it again with others could count a unit twice.
 */
export async function readUnitResults(file: string): Promise<UnitResultFile> {
  const bytes = await readFile(file).catch((e: NodeJS.ErrnoException) => {
    throw new ResultFileError(`cannot read: ${e.code ?? e.message}`, file);
  });
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  if (!text.trimStart().startsWith('{')) {
    throw new ResultFileError('not a JSON result document: kpi merge reads the files of `kpi compute --by unit --format json`', file);
  }
  const { doc, rows } = readJsonDocument(file, text);
  // A unit row twice would be summed twice.
  checkRowsOnce(file, rows);
  const other = doc.results.find((r) => r.level !== 'unit' && r.level !== 'country');
  if (other) {
    throw new ResultFileError(`holds ${other.level} rows (${other.indicator} ${other.area_code}): kpi merge takes unit rows, from \`kpi compute --by unit --format json\``, file);
  }
  return { file, doc };
}
