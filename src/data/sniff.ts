import { DataError } from '../errors.js';
import { CR, LF, recordEnd, splitRecord } from './split.js';

/** A quoted field still open after this many line ends is a stray quote, not a multi-line note. */
export const MAX_QUOTED_LINES = 100;

/** How a file is laid out, decided once from a sample at its start. */
export interface Layout {
  readonly delim: number;
  /** LF (CRLF ends are LF with a CR dropped) or CR for CR-only files (old Mac/Excel exports). */
  readonly eol: number;
  /** The header line: `buf[headerStart, headerEnd)`, without its line end. */
  readonly headerStart: number;
  readonly headerEnd: number;
  /** Where the first data line starts. */
  readonly bodyStart: number;
  /** Lines before the first data line. */
  readonly headerLines: number;
  /** Every data row ends with a delimiter the header lacks: rows have one empty field more. */
  readonly trailingDelimiter: boolean;
}

/** 64 KB: many header lines and data rows, and little to hold before reading starts. */
export const SAMPLE = 1 << 16;
const BOM = [0xef, 0xbb, 0xbf];
const PIPE = 124;
const COMMA = 44;
const QUOTE = 34;

/**
 * The layout of the file whose first bytes are `buf`, or `null` while fewer than `SAMPLE`
 * bytes have come and the file goes on. A file that is empty, only a byte-order mark, holds
 * NUL bytes or has no line end in its first `SAMPLE` bytes is refused here, before any
 * reading, so a binary member of gigabytes costs one sample.
 */
export function sniff(buf: Buffer, eof: boolean, file: string): Layout | null {
  if (!eof && buf.length < SAMPLE) return null;
  if (buf.length === 0) throw new DataError('is empty: no header line', file);
  const start = buf[0] === BOM[0] && buf[1] === BOM[1] && buf[2] === BOM[2] ? 3 : 0;
  if (buf.length <= 3 && [...buf].every((b, i) => b === BOM[i])) throw new DataError('holds no header line (only a byte-order mark)', file);
  const sample = buf.subarray(start, start + SAMPLE);
  if (sample.includes(0)) throw new DataError('is not a text table (it holds NUL bytes; a binary file?)', file, 1);
  const eol = sample.includes(LF) ? LF : sample.includes(CR) ? CR : LF;
  const nl = buf.indexOf(eol, start);
  if (nl === -1 && !eof) throw new DataError(`has no line end in its first ${SAMPLE >> 10} KB: not a table file`, file, 1);
  const headerEnd = nl === -1 ? buf.length : eol === LF && buf[nl - 1] === CR ? nl - 1 : nl;
  const bodyStart = nl === -1 ? buf.length : nl + 1;
  const header = buf.subarray(start, headerEnd);
  const delim = header.includes(PIPE) ? PIPE : COMMA;
  const layout = { delim, eol, headerStart: start, headerEnd, bodyStart, headerLines: 1 };
  return { ...layout, trailingDelimiter: endsWithExtraDelimiter(buf, layout, eof) };
}

/** Data lines of the sample looked at for the trailing-delimiter quirk. */
const SAMPLE_ROWS = 100;

/**
 * Whether every data line of the sample has one field more than the header, that field
 * empty: the exporter ends rows with a delimiter and the header without one. One such line
 * among good ones is a bad row, not a layout.
 */
function endsWithExtraDelimiter(buf: Buffer, l: Omit<Layout, 'trailingDelimiter'>, eof: boolean): boolean {
  const count = (s: number, e: number) => {
    let last = 0;
    const quoted = l.delim === COMMA && buf.subarray(s, e).includes(QUOTE);
    const n = splitRecord(buf, s, e, l.delim, quoted, { field: (_i, _b, fs, fe) => { last = fe - fs; } }, (b, x, y) => b.toString('latin1', x, y));
    return { n, last };
  };
  const head = count(l.headerStart, l.headerEnd);
  if (head.last === 0) return false;
  let seen = 0;
  for (let pos = l.bodyStart; pos < buf.length && seen < SAMPLE_ROWS;) {
    let end = l.delim === COMMA ? recordEnd(buf, pos, l.delim, l.eol, MAX_QUOTED_LINES).end : buf.indexOf(l.eol, pos);
    if (end === -1 && !eof) break;
    if (end === -1) end = buf.length;
    const next = end + 1;
    if (l.eol === LF && end > pos && buf[end - 1] === CR) end--;
    if (end > pos) {
      const row = count(pos, end);
      if (row.n !== head.n + 1 || row.last !== 0) return false;
      seen++;
    }
    pos = next;
  }
  return seen > 0;
}
