import { isValidDate, isValidDateTime } from '../expr/dates.js';
import { strictNumber } from '../expr/compile.js';
import type { Value } from '../expr/kinds.js';
import { DataError } from '../errors.js';
import type { RowIssues } from './issues.js';
import { valueFromBytes } from './field-value.js';
import { countNewlines, HAS_QUOTE, NEED_MORE, RecordScanner, recordEnd, splitRecord, type Decoder, type FieldSink } from './split.js';
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
}

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

const utf8: Decoder = (buf, s, e) => buf.toString('utf8', s, e);
const BOM = [0xef, 0xbb, 0xbf];
const PIPE = 124;
const COMMA = 44;

/**
 * Streams `input`, calling `onRow` with the requested columns of each readable
 * row, in request order, typed: text, number (or null), valid date. Unreadable
 * rows go to `issues` with their line number; the file is never held whole.
 */
export async function readTable(input: TableInput, columns: readonly ColumnRequest[], onRow: (values: Value[]) => void, issues: RowIssues, decode: Decoder = utf8): Promise<ReadStats> {
  const stats: ReadStats = { rows: 0, skipped: 0, bytes: 0 };
  let carry: Buffer | null = null;
  let state = null as RowState | null;
  let sawBytes = false;
  for await (const chunk of input.open()) {
    stats.bytes += chunk.length;
    let buf: Buffer = carry ? (state ? state.joinCarry(carry, chunk, stats, onRow, issues) : Buffer.concat([carry, chunk])) : chunk;
    if (!sawBytes && buf.length > 0) {
      sawBytes = true;
      if (buf.length < 3 && isBomOnly(buf)) { carry = buf; continue; }
      if (buf[0] === BOM[0] && buf[1] === BOM[1] && buf[2] === BOM[2]) buf = buf.subarray(3);
    }
    let pos = 0;
    if (!state) {
      const { end, quoted } = recordEnd(buf, pos, true);
      if (end === -1) { carry = buf; continue; }
      state = startTable(input, buf, pos, end, columns, decode, stats);
      if (quoted) state.line += countNewlines(buf, pos, end);
      pos = end + 1;
    }
    pos = state.records(buf, pos, stats, onRow, issues);
    carry = pos < buf.length ? buf.subarray(pos) : null;
  }
  if (carry && carry.length > 0 && !(state === null && isBomOnly(carry))) {
    if (!state) state = startTable(input, carry, 0, carry.length, columns, decode, stats);
    else state.record(carry, 0, carry.length, state.delim !== PIPE && carry.includes(34), state.line + 1, stats, onRow, issues);
  }
  if (!state) throw new DataError(sawBytes ? 'holds no header line (only a byte-order mark)' : 'is empty: no header line', input.display);
  return stats;
}

function isBomOnly(buf: Buffer): boolean {
  return buf.length <= 3 && [...buf].every((b, i) => b === BOM[i]);
}

function startTable(input: TableInput, buf: Buffer, start: number, end: number, columns: readonly ColumnRequest[], decode: Decoder, stats: ReadStats): RowState {
  const head = buf.subarray(start, end);
  if (head.includes(0)) throw new DataError('is not a text table (it holds NUL bytes; a binary file?)', input.display, 1);
  const delim = head.includes(PIPE) ? PIPE : COMMA;
  const names: string[] = [];
  splitRecord(buf, start, end, delim, delim === COMMA && head.includes(34), {
    field: (_i, b, s, e, text) => names.push((text ?? decode(b, s, e)).trim().replace(/^"|"$/g, '').toUpperCase()),
  }, decode);
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
  return new RowState(input, delim, names.length, slots, columns, decode);
}

/** Older exporters leave out columns added to the standard later; only key columns cannot be done without. */
function isOptional(table: string, column: string): boolean {
  const def = tableDef(table);
  const name = column.toUpperCase();
  return def?.fields?.has(name) === true && !def.primaryKey.includes(name);
}

/** Per-file reading state: where each wanted column stands and how to type it. */
class RowState implements FieldSink {
  private values: Value[] = [];
  private bad: string | null = null;
  /** The line the last record started on (the header is line 1). */
  line = 1;
  private readonly scanner: RecordScanner;
  /** Wanted fields in file order (so the first bad one is reported, as on the quoted path), with their slots. */
  private readonly wantField: Int32Array;
  private readonly wantSlot: Int32Array;
  private readonly blank: Value[];

  constructor(
    private readonly input: TableInput,
    readonly delim: number,
    private readonly width: number,
    private readonly slots: Int32Array,
    private readonly columns: readonly ColumnRequest[],
    private readonly decode: Decoder,
  ) {
    const wanted: number[] = [];
    slots.forEach((slot, i) => { if (slot >= 0) wanted.push(i); });
    this.wantField = Int32Array.from(wanted);
    this.wantSlot = Int32Array.from(wanted, (i) => slots[i]!);
    this.blank = columns.map((): Value => null);
    this.scanner = new RecordScanner(delim, delim !== PIPE, wanted.length > 0 ? wanted[wanted.length - 1]! : -1);
  }

  /** Reads every whole record of `buf` from `pos` on; returns where the first unfinished one starts. */
  records(buf: Buffer, pos: number, stats: ReadStats, onRow: (v: Value[]) => void, issues: RowIssues): number {
    const scanner = this.scanner;
    while (pos < buf.length) {
      let end = scanner.scan(buf, pos);
      if (end === NEED_MORE) return pos;
      if (end === HAS_QUOTE) {
        const r = recordEnd(buf, pos, true);
        if (r.end === -1) return pos;
        end = r.end;
        this.line++;
        this.record(buf, pos, end, r.quoted, this.line, stats, onRow, issues);
        if (r.quoted) this.line += countNewlines(buf, pos, end);
      } else {
        this.line++;
        if (end > pos && !(end === pos + 1 && buf[pos] === 13)) this.plain(buf, stats, onRow, issues);
      }
      pos = end + 1;
    }
    return pos;
  }

  /**
   * The record cut by a chunk boundary, joined with the head of the next chunk only: copying
   * the whole chunk behind it costs more than scanning it. Returns what is left to read.
   */
  joinCarry(carry: Buffer, chunk: Buffer, stats: ReadStats, onRow: (v: Value[]) => void, issues: RowIssues): Buffer {
    const nl = chunk.indexOf(10);
    if (nl === -1) return Buffer.concat([carry, chunk]);
    const head = Buffer.concat([carry, chunk.subarray(0, nl + 1)]);
    const used = this.records(head, 0, stats, onRow, issues);
    return used === head.length ? chunk.subarray(nl + 1) : Buffer.concat([head.subarray(used), chunk.subarray(nl + 1)]);
  }

  /** The record the scanner has just split (no quotes in it). */
  private plain(buf: Buffer, stats: ReadStats, onRow: (v: Value[]) => void, issues: RowIssues): void {
    const { starts, ends, fields } = this.scanner;
    let bad: string | null = null;
    // A copy of a row of nulls: a packed array of the right kind from the start, where
    // `new Array(n)` starts holey and changes kind as values arrive.
    const values = this.blank.slice();
    if (fields !== this.width) bad = `${fields} fields, header has ${this.width}`;
    else {
      const { wantField, wantSlot, columns, decode } = this;
      for (let k = 0; k < wantField.length; k++) {
        const f = wantField[k]!;
        const slot = wantSlot[k]!;
        const col = columns[slot]!;
        const s = starts[f]!;
        const e = ends[f]!;
        const v = col.summed ? typed(e > s ? decode(buf, s, e) : '', col) : valueFromBytes(buf, s, e, col.type, decode);
        if (v === undefined) { bad = badValue(col); break; }
        values[slot] = v;
      }
    }
    if (bad !== null) {
      stats.skipped++;
      issues.add(this.input.display, this.line, bad);
      return;
    }
    stats.rows++;
    onRow(values);
  }

  field(index: number, buf: Buffer, start: number, end: number, text?: string): void {
    if (index >= this.width || this.bad !== null) return;
    const slot = this.slots[index]!;
    if (slot < 0) return;
    const raw = text ?? (end > start ? this.decode(buf, start, end) : '');
    const col = this.columns[slot]!;
    const v = typed(raw, col);
    if (v === undefined) this.bad = badValue(col);
    else this.values[slot] = v;
  }

  record(buf: Buffer, start: number, end: number, quoted: boolean, line: number, stats: ReadStats, onRow: (v: Value[]) => void, issues: RowIssues): void {
    if (end === start || (end === start + 1 && buf[start] === 13)) return;
    this.values = new Array<Value>(this.columns.length).fill(null);
    this.bad = null;
    const n = splitRecord(buf, start, end, this.delim, quoted, this, this.decode);
    if (n !== this.width) this.bad = `${n} fields, header has ${this.width}`;
    if (this.bad !== null) {
      stats.skipped++;
      issues.add(this.input.display, line, this.bad);
      return;
    }
    stats.rows++;
    onRow(this.values);
  }
}

function badValue(col: ColumnRequest): string {
  return col.type === 'N' ? `not a number in ${col.name}` : `impossible date in ${col.name}`;
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
    case 'D': return isValidDate(raw) ? raw : undefined;
    case 'DT': return isValidDateTime(raw) ? raw : undefined;
    default: return raw;
  }
}
