import { decodeWhole, type Encoding } from '../data/decode.js';
import { PROVINCES } from '../area/provinces.js';
import { DataError } from '../errors.js';

export const MANUAL_LEVELS = ['unit', 'district', 'province', 'region', 'country'] as const;
export type ManualLevel = (typeof MANUAL_LEVELS)[number];

/** One line of an officer's CSV: A and B of one area, as of `date` (YYYYMMDD, CE) or undated. */
export interface ManualRow {
  readonly level: ManualLevel;
  readonly code: string;
  readonly date: string | null;
  readonly a: bigint;
  readonly b: bigint;
  /** `file:line`, for messages. */
  readonly at: string;
}

const REQUIRED = ['level', 'area_code', 'a', 'b'] as const;
/** Columns an officer may add for their own reading; never read. */
const IGNORED = new Set(['area_name', 'note']);

interface Field { readonly text: string; readonly column: number }

/**
 * Splits one CSV line into fields with the 1-based column where each starts, so a
 * message can point at it. Quotes as Excel writes them ("a ""b""", a comma inside).
 */
export function splitLine(line: string): Field[] {
  const out: Field[] = [];
  let i = 0;
  for (;;) {
    const column = i + 1;
    let text = '';
    if (line[i] === '"') {
      i++;
      while (i < line.length && !(line[i] === '"' && line[i + 1] !== '"')) {
        text += line[i];
        i += line[i] === '"' ? 2 : 1;
      }
      i++;
      while (i < line.length && line[i] !== ',') text += line[i++];
    } else {
      while (i < line.length && line[i] !== ',') text += line[i++];
    }
    out.push({ text: text.trim(), column });
    if (i >= line.length) return out;
    i++;
  }
}

/** Reads and checks the whole file: the first problem stops it, named by file, line and column. */
export function readManual(file: string, bytes: Buffer, encoding: Encoding): ManualRow[] {
  const { text } = decodeWhole(bytes, encoding);
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const header = splitLine(lines[0] ?? '').map((f) => ({ ...f, text: f.text.toLowerCase() }));
  const index = new Map<string, number>();
  header.forEach((h, i) => {
    if (index.has(h.text)) throw new DataError(`column "${h.text}" is named twice`, file, 1, h.column);
    if (![...REQUIRED, 'date'].includes(h.text as never) && !IGNORED.has(h.text)) {
      throw new DataError(`unknown column "${h.text}": a manual CSV has level, area_code, a, b, optionally date (and area_name, note, which are not read)`, file, 1, h.column);
    }
    index.set(h.text, i);
  });
  const lacking = REQUIRED.filter((c) => !index.has(c));
  if (lacking.length > 0) throw new DataError(`the header needs the columns ${REQUIRED.join(', ')} (and optionally date); missing ${lacking.join(', ')}`, file, 1, 1);
  const rows: ManualRow[] = [];
  lines.forEach((line, i) => {
    if (i === 0 || line.trim() === '') return;
    rows.push(readRow(file, i + 1, splitLine(line), index, header.length));
  });
  checkRows(file, rows);
  return rows;
}

function readRow(file: string, line: number, fields: Field[], index: Map<string, number>, width: number): ManualRow {
  if (fields.length !== width) throw new DataError(`${fields.length} fields, the header has ${width}`, file, line, 1);
  const cell = (name: string) => fields[index.get(name)!]!;
  const fail = (f: Field, message: string): never => { throw new DataError(message, file, line, f.column); };
  const level = cell('level').text.toLowerCase();
  if (!MANUAL_LEVELS.includes(level as ManualLevel)) fail(cell('level'), `level "${cell('level').text}" is not one of ${MANUAL_LEVELS.join(', ')}`);
  const code = cell('area_code').text;
  const codeProblem = areaCodeProblem(level as ManualLevel, code);
  if (codeProblem) fail(cell('area_code'), codeProblem);
  const date = index.has('date') ? readDate(cell('date'), fail) : null;
  const count = (name: 'a' | 'b') => {
    const f = cell(name);
    if (!/^\d+$/.test(f.text)) fail(f, `${name.toUpperCase()} "${f.text}" is not a whole number of 0 or more (write 1234, not 1,234)`);
    return BigInt(f.text);
  };
  return { level: level as ManualLevel, code: level === 'country' ? 'TH' : code, date, a: count('a'), b: count('b'), at: `${file}:${line}` };
}

/** What is wrong with an area code at its level, or `null`. */
function areaCodeProblem(level: ManualLevel, code: string): string | null {
  switch (level) {
    case 'unit': return /^\d{5}$/.test(code) ? null : `unit "${code}" is not a 5-digit unit code`;
    case 'district': return /^\d{4}$/.test(code) && PROVINCES.has(code.slice(0, 2)) ? null : `district "${code}" is not a 4-digit district code (province + district)`;
    case 'province': return PROVINCES.has(code) ? null : `province "${code}" is not a 2-digit province code`;
    case 'region': return /^\d{1,2}$/.test(code) && +code >= 1 && +code <= 13 ? null : `region "${code}" is not a health region 1–13`;
    case 'country': return code.toUpperCase() === 'TH' ? null : `the country's code is TH, not "${code}"`;
  }
}

/** `2024-03-31`, `20240331`, or a Buddhist Era year (`2567-03-31`, read as 2024-03-31): a real calendar date. */
function readDate(f: Field, fail: (f: Field, message: string) => never): string {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(f.text);
  if (!m) return fail(f, `date "${f.text}" is not a date such as 2024-03-31 (or 2567-03-31 in Buddhist Era)`);
  const year = +m[1]! > 2400 ? +m[1]! - 543 : +m[1]!;
  const d = new Date(Date.UTC(year, +m[2]! - 1, +m[3]!));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== +m[2]! - 1 || d.getUTCDate() !== +m[3]!) return fail(f, `date "${f.text}" is not a calendar date`);
  return `${year}${m[2]}${m[3]}`;
}

/** One level per file (otherwise a region's figure and its provinces' would be added twice), one row per area and date. */
function checkRows(file: string, rows: readonly ManualRow[]): void {
  const first = rows[0];
  const seen = new Map<string, string>();
  for (const r of rows) {
    const line = Number(r.at.slice(file.length + 1));
    if (first && r.level !== first.level) throw new DataError(`level ${r.level}, but ${first.at} is ${first.level}: one file holds one level, so that no figure is counted twice`, file, line, 1);
    const key = `${r.code} ${r.date ?? ''}`;
    const before = seen.get(key);
    if (before) throw new DataError(`${r.level} ${r.code}${r.date ? ` on ${r.date.slice(0, 4)}-${r.date.slice(4, 6)}-${r.date.slice(6)}` : ''} is already reported at ${before}`, file, line, 1);
    seen.set(key, r.at);
  }
}
