import { isUtf8 } from 'node:buffer';
import { isValidDate, isValidDateTime } from '../expr/dates.js';
import { strictNumber } from '../expr/compile.js';
import type { Value } from '../expr/kinds.js';
import { DataError } from '../errors.js';
import { FileEncoding, type Encoding } from './decode.js';
import type { RowIssues } from './issues.js';
import { dateNumberAt, digitsAt, isBuddhistYear, readableAt, valueFromBytes } from './field-value.js';
import { MAX_QUOTED_LINES, sniff, type Layout } from './sniff.js';
import { CR, HAS_QUOTE, LF, NEED_MORE, RecordScanner, recordEnd, splitRecord, type FieldSink } from './split.js';
import { tableDef, type FieldType } from './tables.js';

/** A column a measure needs, with how to read it. */
export interface ColumnRequest {
  readonly name: string;
  readonly type: FieldType;
  /** A summed column: a value that is not a number makes the row unreadable. */
  readonly summed?: boolean;
}

/** One input file of one table; `open` streams its bytes (a plain file, later a zip entry). */
export interface TableInput {
  readonly table: string;
  /** As shown to the user: the path relative to where it was given. */
  readonly display: string;
  open(): AsyncIterable<Buffer>;
  /** The file on disk when the input is a whole plain file (not a zip member): it may then be read in byte ranges. */
  readonly path?: string;
  /** Told of each byte range once its rows are handed on (a progress line); a streamed input counts its chunks itself. */
  readonly onRange?: (bytes: number, lines: number) => void;
}

/** Where the reader records unreadable and repaired rows (`RowIssues`, or a log replayed later). */
export type IssueSink = Pick<RowIssues, 'add'>;

export class MissingColumnsError extends DataError {
  constructor(readonly input: TableInput, readonly columns: readonly string[]) {
    super(`${input.table} has no column ${columns.join(', ')}`, input.display, 1);
  }
}

export interface ReadStats {
  rows: number;
  skipped: number;
  bytes: number;
  /** Requested columns the file lacks that are read as empty (optional columns of a registry table). */
  absent?: string[];
}

/** `onRow` gets the requested columns in request order, and the line the row starts on. */
export type RowSink = (values: Value[], line: number) => void;

/**
 * A test on one requested date column (`column`: its place in the requests, read as type D)
 * that every use of the rows applies first, so that a row failing it is of no use: the reader
 * still checks such a row as any other (a bad field is reported, a readable row counted) but
 * makes no values for it, and tells `away` its date instead of calling `onRow`. Dates come as
 * numbers `YYYYMMDD`, 0 for an empty field: no string is made for a row turned away.
 */
export interface RowGate {
  readonly column: number;
  keeps(date: number): boolean;
  away(date: number): void;
}

/** No record of a 43-file or summary table comes near this; a longer one means a file that is no table. */
export const MAX_RECORD = 1 << 20;

/**
 * Streams `input`, calling `onRow` with the requested columns of each readable row, typed:
 * text, number (or null), valid date. Delimiter, line end and the trailing-delimiter quirk
 * are decided once, from a sample at the start of the file, and the encoding from the first
 * bytes that are not ASCII (`FileEncoding`). Unreadable rows go to `issues` with file, line
 * and reason; the file is never held whole, and no record may pass `MAX_RECORD` bytes, so
 * time is linear and memory bounded whatever the bytes.
 */
export async function readTable(input: TableInput, columns: readonly ColumnRequest[], onRow: RowSink, issues: IssueSink, encoding: Encoding = 'auto', gate: RowGate | null = null): Promise<ReadStats> {
  const stats: ReadStats = { rows: 0, skipped: 0, bytes: 0 };
  const enc = new FileEncoding(encoding);
  let head: Buffer | null = null;
  let carry: Buffer | null = null;
  let state: RowState | null = null;
  for await (const chunk of input.open()) {
    stats.bytes += chunk.length;
    if (!state) {
      head = head ? Buffer.concat([head, chunk]) : chunk;
      const layout = enc.see(head) ? sniff(head, false, input.display) : null;
      if (!layout) continue;
      state = startTable(input, head, layout, columns, enc, stats, undefined, gate);
      noteLayout(input, layout, issues);
      carry = head.subarray(layout.bodyStart);
      head = null;
    } else if (enc.see(chunk)) carry = carry ? state.joinCarry(carry, chunk, stats, onRow, issues) : chunk;
    else {
      carry = carry ? Buffer.concat([carry, chunk]) : chunk;
      if (!enc.see(carry)) continue;
    }
    const pos = state.records(carry, 0, stats, onRow, issues, false);
    carry = pos < carry.length ? carry.subarray(pos) : null;
  }
  if (!state) {
    enc.see(head ?? Buffer.alloc(0), true);
    const layout = sniff(head ?? Buffer.alloc(0), true, input.display)!;
    state = startTable(input, head!, layout, columns, enc, stats, undefined, gate);
    noteLayout(input, layout, issues);
    carry = head!.subarray(layout.bodyStart);
  }
  enc.see(carry ?? Buffer.alloc(0), true);
  // The last line may lack its line end: give it one.
  if (carry && carry.length > 0) state.records(Buffer.concat([carry, Buffer.from([state.eol])]), 0, stats, onRow, issues, true);
  return stats;
}

/** The header's column names (upper-cased), reading only as far as the layout needs (`kpi list --data`, and `kpi load` for a table the registry does not know). */
export async function readHeader(input: TableInput, encoding: Encoding = 'auto'): Promise<string[]> {
  const enc = new FileEncoding(encoding);
  let head = Buffer.alloc(0);
  for await (const chunk of input.open()) {
    head = Buffer.concat([head, chunk]);
    const layout = enc.see(head) ? sniff(head, false, input.display) : null;
    if (layout) return headerNames(input, head, layout, enc);
  }
  enc.see(head, true);
  return headerNames(input, head, sniff(head, true, input.display)!, enc);
}

export function startTable(input: TableInput, buf: Buffer, layout: Layout, columns: readonly ColumnRequest[], enc: FileEncoding, stats: ReadStats, line?: number, gate: RowGate | null = null): RowState {
  const names = headerNames(input, buf, layout, enc);
  const slots = new Int32Array(names.length).fill(-1);
  const missing: string[] = [];
  columns.forEach((c, k) => {
    const i = names.indexOf(c.name.toUpperCase());
    if (i === -1) missing.push(c.name);
    else slots[i] = k;
  });
  const absent = missing.filter((c) => isOptional(input.table, c));
  if (absent.length < missing.length) throw new MissingColumnsError(input, missing.filter((c) => !absent.includes(c)));
  if (absent.length > 0) stats.absent = absent;
  return new RowState(input, layout, names, slots, columns, enc, line, gate);
}

export function noteLayout(input: TableInput, layout: Layout, issues: IssueSink): void {
  if (layout.trailingDelimiter) issues.add(input.display, layout.headerLines + 1, 'rows end with a delimiter the header lacks: read without the empty last field', { kind: 'note' });
  if (layout.eol === CR) issues.add(input.display, 1, 'lines end with CR only (old Mac/Excel export): read as lines', { kind: 'note' });
}

/** The header's names, upper-cased; the same name twice (in any case) is an error, since either could be meant. */
function headerNames(input: TableInput, buf: Buffer, layout: Layout, enc: FileEncoding): string[] {
  const { headerStart, headerEnd, delim } = layout;
  const names: string[] = [];
  splitRecord(buf, headerStart, headerEnd, delim, delim !== PIPE && buf.subarray(headerStart, headerEnd).includes(QUOTE), {
    field: (_i, b, s, e, text) => names.push((text ?? enc.decode(b, s, e)).trim().replace(/^"|"$/g, '').toUpperCase()),
  }, enc.decode);
  names.forEach((n, i) => {
    const j = names.indexOf(n);
    if (n !== '' && j < i) throw new DataError(`the header names column ${n} twice (columns ${j + 1} and ${i + 1}): which one is meant is unknown`, input.display, 1, i + 1);
  });
  return names;
}

const PIPE = 124;
const QUOTE = 34;
const HOSPCODE = /^\d{5}$/;
const NOT_A_UNIT = 'HOSPCODE not 5 digits';

/** Older exporters leave out columns added to the standard later; only key columns cannot be done without. */
function isOptional(table: string, column: string): boolean {
  const def = tableDef(table);
  const name = column.toUpperCase();
  return def?.fields?.has(name) === true && !def.primaryKey.includes(name);
}

/** Per-file reading state: where each wanted column stands and how to type it. */
export class RowState implements FieldSink {
  private values: Value[] = [];
  private bad: string | null = null;
  /** The line the last record started on (the header is line 1). */
  private line: number;
  private readonly scanner: RecordScanner;
  private readonly delim: number;
  readonly eol: number;
  /** Fields a row must have: the header's, plus one empty one when every row ends with a delimiter. */
  private readonly width: number;
  /** Wanted fields in file order (so the first bad one is reported, as on the quoted path), with their slots. */
  private readonly wantField: Int32Array;
  private readonly wantSlot: Int32Array;
  private readonly blank: Value[];
  /** The slot of a requested HOSPCODE column, -1 if none: a value that is not 5 digits is no unit code. */
  private readonly hospSlot: number;
  /** The record's field holding a HOSPCODE read as text, -1 if none: `plain` checks its bytes, not its value's text. */
  private readonly hospField: number;
  /** The place in `wantField` of the gate's column, -1 for no gate (see `gated`). */
  private readonly gateAt: number;
  /** The places in `wantField` of the other fields a row turned away is checked on: dates, HOSPCODE. */
  private readonly gateChecks: Int32Array;
  /** Record starts at or past this offset of the buffer are left unread (`stopped`): the end of a byte range. */
  limit = Infinity;
  stopped = false;

  constructor(
    private readonly input: TableInput,
    private readonly layout: Layout,
    private readonly names: readonly string[],
    private readonly slots: Int32Array,
    private readonly columns: readonly ColumnRequest[],
    private readonly enc: FileEncoding,
    line = layout.headerLines,
    private readonly gate: RowGate | null = null,
  ) {
    this.delim = layout.delim;
    this.eol = layout.eol;
    this.line = line;
    this.width = names.length + (layout.trailingDelimiter ? 1 : 0);
    const wanted: number[] = [];
    slots.forEach((slot, i) => { if (slot >= 0) wanted.push(i); });
    this.wantField = Int32Array.from(wanted);
    this.wantSlot = Int32Array.from(wanted, (i) => slots[i]!);
    this.blank = columns.map((): Value => null);
    this.hospSlot = columns.findIndex((c) => c.name.toUpperCase() === 'HOSPCODE');
    this.hospField = this.hospSlot >= 0 && columns[this.hospSlot]!.type === 'C' ? slots.indexOf(this.hospSlot) : -1;
    this.gateAt = gate && gatable(columns, gate.column, this.hospSlot) ? this.wantSlot.indexOf(gate.column) : -1;
    const checked = (k: number) => k !== this.gateAt && (this.wantSlot[k] === this.hospSlot || columns[this.wantSlot[k]!]!.type !== 'C' && columns[this.wantSlot[k]!]!.type !== 'N');
    this.gateChecks = Int32Array.from(wanted.keys()).filter(checked);
    const last = Math.max(wanted.length > 0 ? wanted[wanted.length - 1]! : -1, layout.trailingDelimiter ? this.width - 1 : -1);
    this.scanner = new RecordScanner(this.delim, this.delim !== PIPE, last, this.eol);
  }

  /** The line the last record read ends on. */
  get lastLine(): number {
    return this.line;
  }

  /**
   * Reads every whole record of `buf` from `pos` on; returns where the first unfinished one
   * starts. At the end of the file (`eof`, the buffer then ends with a line end) a quote still
   * open is a stray one.
   */
  records(buf: Buffer, pos: number, stats: ReadStats, onRow: RowSink, issues: IssueSink, eof: boolean): number {
    const { scanner, eol } = this;
    // Bad UTF-8 is rare: one native check of the chunk's whole lines decides whether each record needs one.
    const checkBytes = this.enc.isUtf8 && !isUtf8(buf.subarray(pos, buf.lastIndexOf(eol) + 1));
    while (pos < buf.length) {
      if (pos >= this.limit) { this.stopped = true; return pos; }
      let end = scanner.scan(buf, pos);
      if (end === NEED_MORE) return this.tooLong(buf, pos);
      if (end === HAS_QUOTE) {
        const r = recordEnd(buf, pos, this.delim, eol, MAX_QUOTED_LINES);
        if (r.lines >= MAX_QUOTED_LINES || (r.end === -1 && (eof || buf.length - pos > MAX_RECORD))) {
          pos = this.strayQuote(buf, pos, r.openField, stats, issues);
          continue;
        }
        if (r.end === -1) return pos;
        end = r.end;
        this.line++;
        if (checkBytes) this.checkUtf8(buf, pos, end, issues);
        this.record(buf, pos, end, this.line, stats, onRow, issues);
        this.line += r.lines;
      } else {
        this.line++;
        if (checkBytes) this.checkUtf8(buf, pos, end, issues);
        if (end > pos && !(end === pos + 1 && buf[pos] === CR)) this.plain(buf, stats, onRow, issues);
      }
      pos = end + 1;
    }
    return pos;
  }

  /** An unfinished record may wait for more bytes, up to `MAX_RECORD`: past that the file is no table. */
  private tooLong(buf: Buffer, pos: number): number {
    if (buf.length - pos > MAX_RECORD) throw new DataError(`line longer than ${MAX_RECORD >> 20} MB without a line end: not a table file (binary, or damaged?)`, this.input.display, this.line + 1);
    return pos;
  }

  /**
   * A quote opened at the start of a field and not closed within `MAX_QUOTED_LINES` lines (or
   * by the end of the file): the line it opened on is reported and skipped, and reading goes
   * on at the next line, so one stray quote costs one row.
   */
  private strayQuote(buf: Buffer, pos: number, field: number, stats: ReadStats, issues: IssueSink): number {
    this.line++;
    const name = this.names[field] ?? `column ${field + 1}`;
    stats.skipped++;
    issues.add(this.input.display, this.line, `a quote opened in ${name} is not closed on its line or the next ${MAX_QUOTED_LINES - 1}`, { column: name });
    const nl = buf.indexOf(this.eol, pos);
    return nl === -1 ? buf.length : nl + 1;
  }

  private checkUtf8(buf: Buffer, start: number, end: number, issues: IssueSink): void {
    if (!isUtf8(buf.subarray(start, end))) issues.add(this.input.display, this.line, 'bytes that are not UTF-8, read as U+FFFD (�)', { kind: 'repaired' });
  }

  /**
   * The record cut by a chunk boundary, joined with the head of the next chunk only: copying
   * the whole chunk behind it costs more than scanning it. Returns what is left to read.
   */
  joinCarry(carry: Buffer, chunk: Buffer, stats: ReadStats, onRow: RowSink, issues: IssueSink): Buffer {
    const nl = chunk.indexOf(this.eol);
    if (nl === -1) return Buffer.concat([carry, chunk]);
    const head = Buffer.concat([carry, chunk.subarray(0, nl + 1)]);
    const used = this.records(head, 0, stats, onRow, issues, false);
    return used === head.length ? chunk.subarray(nl + 1) : Buffer.concat([head.subarray(used), chunk.subarray(nl + 1)]);
  }

  /** The record the scanner has just split (no quotes in it). */
  private plain(buf: Buffer, stats: ReadStats, onRow: RowSink, issues: IssueSink): void {
    const { starts, ends, fields } = this.scanner;
    let bad: string | null = null;
    let column: string | undefined;
    if (fields !== this.width) bad = this.countProblem(fields);
    else if (this.layout.trailingDelimiter && ends[this.width - 1]! > starts[this.width - 1]!) bad = this.countProblem(fields);
    else if (this.gateAt >= 0 && this.gated(buf)) { stats.rows++; return; }
    // A copy of a row of nulls: a packed array of the right kind from the start, where
    // `new Array(n)` starts holey and changes kind as values arrive.
    const values = this.blank.slice();
    if (bad === null) {
      const { wantField, wantSlot, columns, enc } = this;
      for (let k = 0; k < wantField.length; k++) {
        const f = wantField[k]!;
        const slot = wantSlot[k]!;
        const col = columns[slot]!;
        const s = starts[f]!;
        const e = ends[f]!;
        const v = col.summed ? typed(e > s ? enc.decode(buf, s, e) : '', col) : valueFromBytes(buf, s, e, col.type, enc.decode);
        if (v === undefined) { bad = badValue(col, buf.toString('latin1', s, e)); column = col.name; break; }
        values[slot] = v;
      }
      const h = this.hospField;
      if (bad === null && h >= 0 && ends[h]! > starts[h]! && !isUnitCode(buf, starts[h]!, ends[h]!)) { bad = NOT_A_UNIT; column = 'HOSPCODE'; }
    }
    this.finish(values, bad, column, this.line, stats, onRow, issues, this.hospField >= 0);
  }

  /**
   * Whether the gate turns the record just split away: its value fails the gate and every
   * wanted field passes the checks `plain` and `finish` make, so it would have been a readable
   * row. A row with a bad field is left to `plain`, which reports it.
   */
  private gated(buf: Buffer): boolean {
    const { starts, ends } = this.scanner;
    const { wantField, wantSlot, columns, gateAt, gateChecks } = this;
    const f = wantField[gateAt]!;
    const date = dateNumberAt(buf, starts[f]!, ends[f]!);
    if (date < 0 || this.gate!.keeps(date)) return false;
    // Text and numbers always read (`valueFromBytes`): only dates and HOSPCODE can fail.
    for (let i = 0; i < gateChecks.length; i++) {
      const k = gateChecks[i]!;
      const g = wantField[k]!;
      const slot = wantSlot[k]!;
      const s = starts[g]!;
      const e = ends[g]!;
      if (!readableAt(buf, s, e, columns[slot]!.type)) return false;
      if (slot === this.hospSlot && e > s && !isUnitCode(buf, s, e)) return false;
    }
    this.gate!.away(date);
    return true;
  }

  private countProblem(fields: number): string {
    return this.layout.trailingDelimiter
      ? `${fields} fields, header has ${this.width - 1} (other rows end with a delimiter, this one ${fields === this.width ? 'has a value after it' : 'does not'})`
      : `${fields} fields, header has ${this.width}`;
  }

  private finish(values: Value[], bad: string | null, column: string | undefined, line: number, stats: ReadStats, onRow: RowSink, issues: IssueSink, unitChecked = false): void {
    const h = this.hospSlot;
    if (bad === null && !unitChecked && h >= 0 && values[h] !== null && !HOSPCODE.test(String(values[h]))) { bad = NOT_A_UNIT; column = 'HOSPCODE'; }
    if (bad !== null) {
      stats.skipped++;
      issues.add(this.input.display, line, bad, column === undefined ? {} : { column });
      return;
    }
    stats.rows++;
    onRow(values, line);
  }

  field(index: number, buf: Buffer, start: number, end: number, text?: string): void {
    if (index >= this.slots.length || this.bad !== null) return;
    const slot = this.slots[index]!;
    if (slot < 0) return;
    const raw = text ?? (end > start ? this.enc.decode(buf, start, end) : '');
    const col = this.columns[slot]!;
    const v = typed(raw, col);
    if (v === undefined) this.bad = badValue(col, raw);
    else this.values[slot] = v;
  }

  private record(buf: Buffer, start: number, end: number, line: number, stats: ReadStats, onRow: RowSink, issues: IssueSink): void {
    if (this.eol === LF && end > start && buf[end - 1] === CR) end--;
    if (end === start) return;
    this.values = this.blank.slice();
    this.bad = null;
    let last = 0;
    const n = splitRecord(buf, start, end, this.delim, true, {
      field: (i, b, s, e, text) => { if (i === this.width - 1) last = e - s; this.field(i, b, s, e, text); },
    }, this.enc.decode);
    if (n !== this.width || (this.layout.trailingDelimiter && last > 0)) this.bad = this.countProblem(n);
    this.finish(this.values, this.bad, undefined, line, stats, onRow, issues);
  }
}

/** Rows can be checked on their bytes alone: the gate's column a date, no summed column (checked on text) and HOSPCODE, if read, read as text. */
function gatable(columns: readonly ColumnRequest[], column: number, hospSlot: number): boolean {
  return columns[column]?.type === 'D' && columns.every((c) => !c.summed) && (hospSlot < 0 || columns[hospSlot]!.type === 'C');
}

/** `HOSPCODE` as `finish` tests it, on bytes: five ASCII digits. */
function isUnitCode(b: Buffer, s: number, e: number): boolean {
  return e - s === 5 && digitsAt(b, s, 5) >= 0;
}

function badValue(col: ColumnRequest, raw: string): string {
  if (col.type === 'N') return `not a number in ${col.name}`;
  if (isBuddhistYear(raw)) return `Buddhist Era year in ${col.name} (the 43 files use Christian Era years)`;
  return `impossible date in ${col.name}`;
}

/** The typed value, `null` for empty, `undefined` when the row cannot be read. */
function typed(raw: string, col: ColumnRequest): Value | undefined {
  if (raw === '') return null;
  switch (col.type) {
    case 'N': {
      const n = strictNumber(raw);
      // A summed column keeps its text, so that the sum is exact in decimal.
      if (col.summed) return n === null ? undefined : raw;
      return n;
    }
    case 'D': return isValidDate(raw) && !isBuddhistYear(raw) ? raw : undefined;
    case 'DT': return isValidDateTime(raw) && !isBuddhistYear(raw) ? raw : undefined;
    default: return raw;
  }
}
