/**
 * Record and field boundaries in raw bytes. Delimiters, quotes and newlines are
 * ASCII in both UTF-8 and TIS-620, so splitting never decodes; only the fields a
 * caller asks for are turned into strings, by the caller's decoder.
 */

export const LF = 10;
export const CR = 13;
const QUOTE = 34;

export type Decoder = (buf: Buffer, start: number, end: number) => string;

/** Field `i` of a record: a byte range, or text already unquoted (comma files with quotes). */
export interface FieldSink {
  /** Called for every field in order; `text` is set only for a quoted field. */
  field(index: number, buf: Buffer, start: number, end: number, text?: string): void;
}

/** Where a comma record ends: the index of its line end (-1: the buffer ends first), and the line ends inside quotes. */
export interface RecordEnd {
  end: number;
  lines: number;
  /** The field where a quote still open at the end of the buffer opened, else -1. */
  openField: number;
}

/**
 * Finds where the comma record that starts at `pos` ends. A double quote opens a quoted field
 * only at the start of a field; anywhere else it is a plain character (csv-parse's
 * `relax_quotes`), so one stray quote in a name cannot swallow the rest of the file. The scan
 * stops after `maxLines` line ends inside quotes: the caller then treats the quote as stray.
 */
export function recordEnd(buf: Buffer, pos: number, delim: number, eol: number, maxLines: number): RecordEnd {
  let lines = 0;
  let field = 0;
  let atStart = true;
  let inQuotes = false;
  for (let i = pos; i < buf.length; i++) {
    const c = buf[i];
    if (inQuotes) {
      if (c === QUOTE) {
        // A quote at the very end may be the first of a doubled pair: the next bytes decide.
        if (i + 1 >= buf.length) break;
        if (buf[i + 1] === QUOTE) i++;
        else inQuotes = false;
      } else if (c === eol && ++lines >= maxLines) break;
    } else if (c === delim) { field++; atStart = true; }
    else if (c === eol) return { end: i, lines, openField: -1 };
    else { if (c === QUOTE && atStart) inQuotes = true; atStart = false; }
  }
  return { end: -1, lines, openField: inQuotes ? field : -1 };
}

/** Splits `buf[start, end)` (no line ending) and returns the number of fields. */
export function splitRecord(buf: Buffer, start: number, end: number, delim: number, quoted: boolean, sink: FieldSink, decode: Decoder): number {
  return quoted ? splitQuoted(buf, start, end, delim, sink, decode) : splitPlain(buf, start, end, delim, sink);
}

function splitPlain(buf: Buffer, start: number, end: number, delim: number, sink: FieldSink): number {
  let index = 0;
  let p = start;
  for (;;) {
    let d = buf.indexOf(delim, p);
    if (d === -1 || d > end) d = end;
    sink.field(index++, buf, p, d);
    if (d >= end) return index;
    p = d + 1;
  }
}

/** RFC 4180: a field in double quotes may hold delimiters, newlines and doubled quotes. */
function splitQuoted(buf: Buffer, start: number, end: number, delim: number, sink: FieldSink, decode: Decoder): number {
  let index = 0;
  let p = start;
  for (;;) {
    if (p < end && buf[p] === QUOTE) {
      let text = '';
      let i = p + 1;
      let from = i;
      for (;;) {
        if (i >= end) { text += decode(buf, from, end); break; }
        if (buf[i] === QUOTE) {
          text += decode(buf, from, i);
          if (buf[i + 1] === QUOTE) { text += '"'; i += 2; from = i; continue; }
          i++;
          break;
        }
        i++;
      }
      // Anything between the closing quote and the delimiter is kept, as csv-parse's relaxed mode would not; RFC 4180 forbids it.
      let d = buf.indexOf(delim, i);
      if (d === -1 || d > end) d = end;
      if (d > i) text += decode(buf, i, d);
      sink.field(index++, buf, p, d, text);
      if (d >= end) return index;
      p = d + 1;
    } else {
      let d = buf.indexOf(delim, p);
      if (d === -1 || d > end) d = end;
      sink.field(index++, buf, p, d);
      if (d >= end) return index;
      p = d + 1;
    }
  }
}

/** `scan` found no line end before the buffer ended: more bytes are needed. */
export const NEED_MORE = -1;
/** `scan` met a double quote in a comma file: the record needs the RFC 4180 path. */
export const HAS_QUOTE = -2;

/**
 * The fast path for a record without quotes: one pass over its bytes in plain JS (a native
 * `indexOf` per field costs more than the field), keeping the bounds of fields 0…`last` only
 * and merely counting the rest, so the field-count check stays exact.
 */
export class RecordScanner {
  /** Field i of the last scanned record is `buf[starts[i], ends[i])`, CR already removed. */
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** Fields in the last scanned record. */
  fields = 0;
  /** Bytes above this are never a delimiter, quote or line end: one comparison passes most bytes. */
  private readonly special: number;

  /** `eol`: LF (a CR before it is dropped) or, in CR-only files, CR. */
  constructor(private readonly delim: number, private readonly quoting: boolean, private readonly last: number, private readonly eol: number = LF) {
    this.starts = new Int32Array(last + 1);
    this.ends = new Int32Array(last + 1);
    this.special = Math.max(delim, eol, quoting ? QUOTE : 0);
  }

  /** Scans the record starting at `pos`; returns the index of its line end, `NEED_MORE` or `HAS_QUOTE`. */
  scan(buf: Buffer, pos: number): number {
    const { delim, last, starts, ends, special, eol } = this;
    const len = buf.length;
    const quote = this.quoting ? QUOTE : -1;
    let f = 0;
    let start = pos;
    let i = pos;
    // Up to the last wanted field: keep bounds.
    if (last >= 0) for (; i < len; i++) {
      const c = buf[i]!;
      if (c > special) continue;
      if (c === delim) {
        starts[f] = start; ends[f] = i;
        start = i + 1;
        if (++f > last) { i++; break; }
      } else if (c === eol) {
        break;
      } else if (c === quote) {
        return HAS_QUOTE;
      }
    }
    // The rest: count delimiters only.
    if (f > last) {
      for (; i < len; i++) {
        const c = buf[i]!;
        if (c > special) continue;
        if (c === delim) f++;
        else if (c === eol) break;
        else if (c === quote) return HAS_QUOTE;
      }
    }
    if (i >= len) return NEED_MORE;
    if (f <= last) {
      let e = i;
      if (eol === LF && e > start && buf[e - 1] === CR) e--;
      starts[f] = start; ends[f] = e;
    }
    this.fields = f + 1;
    return i;
  }
}
