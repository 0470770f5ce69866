import type { Value } from '../expr/kinds.js';
import { allocate, KeyTable, shared, type KeyTableState } from '../data/key-table.js';
import { slotKey, type Key } from './row.js';
import { digitCode } from '../data/key.js';

/**
 * One column of the indexed rows, as a 4-byte code per row. Columns read through joins are
 * mostly short digit strings (BIRTH, TYPEAREA, DISCHARGE, SEX): up to 8 digits, the code is the
 * digits and their length themselves (no lookup when storing, and leading zeros kept); other
 * values go to a dictionary (negative codes); 0 is empty. A million persons' BIRTH is 4 MB.
 */
export class StoredColumn {
  private codes: Int32Array = new Int32Array(1024);
  private dict: Value[] = [];
  private readonly pool = new Map<Value, number>();
  /** Digit codes turned back into text, shared by every row with the same value. */
  private readonly texts = new Map<number, string>();

  constructor(readonly slot: number) {}

  /** Room for rows 0 … n - 1 (on shared memory: see `KeyTable.reserve`). */
  reserve(n: number, onShared = false): void {
    if (n > this.codes.length) this.codes = widened(this.codes, n, onShared);
  }

  set(i: number, v: Value): void {
    this.setCode(i, this.codeOf(v));
  }

  /** `set` for a value a counting thread coded (`storedCode`): its code, or for -1 the value itself. */
  setDigested(i: number, code: number, v: Value): void {
    this.setCode(i, code === -1 ? this.codeOf(v) : code);
  }

  private setCode(i: number, code: number): void {
    let codes = this.codes;
    if (i >= codes.length) this.codes = codes = widened(codes, Math.max(codes.length * 2, i + 1));
    codes[i] = code;
  }

  get(i: number): Value {
    const c = this.codes[i]!;
    if (c === 0) return null;
    if (c < 0) return this.dict[-c - 1]!;
    let t = this.texts.get(c);
    if (t === undefined) {
      t = String(Math.floor(c / 16)).padStart(c % 16, '0');
      if (this.texts.size < TEXTS_LIMIT) this.texts.set(c, t);
    }
    return t;
  }

  /** The codes moved onto shared memory (see `KeyTable.share`), with the dictionary to copy. */
  share(): StoredColumnState {
    this.codes = shared(this.codes);
    return { slot: this.slot, codes: this.codes, dict: this.dict };
  }

  /** Reads the column another thread shared (`get` only). */
  adopt(state: StoredColumnState): void {
    this.codes = state.codes;
    this.dict = state.dict;
  }

  private codeOf(v: Value): number {
    const d = storedCode(v);
    if (d !== -1) return d;
    let code = this.pool.get(v);
    if (code === undefined) {
      code = -this.dict.push(v);
      this.pool.set(v, code);
    }
    return code;
  }
}

/**
 * A stored value's code when it needs no dictionary: 0 for empty, the digits and their count
 * for up to 8 digits; -1 otherwise. The same on every thread, so a counting thread codes the
 * values of the rows it digests and the main thread stores the codes as they come.
 */
export function storedCode(v: Value): number {
  if (v === null) return 0;
  // At most 99999999 × 16 + 8 < 2^31: an Int32 code.
  return typeof v === 'string' && v.length >= 1 && v.length <= 8 ? digitCode(v) : -1;
}

const TEXTS_LIMIT = 1 << 17;

export interface StoredColumnState {
  readonly slot: number;
  readonly codes: Int32Array;
  readonly dict: Value[];
}

/** A join index as shared with evaluating threads. */
export interface JoinIndexState {
  readonly rows: KeyTableState;
  readonly stored: StoredColumnState[];
}

function widened(codes: Int32Array, n: number, onShared = codes.buffer instanceof SharedArrayBuffer): Int32Array {
  const more = allocate(Int32Array, n, onShared);
  more.set(codes);
  return more;
}

/**
 * Key → row of a table that others join to, kept compactly: a key table numbering the rows,
 * and one column for each field that is read through a join (not the whole row), so memory
 * grows with the persons kept and the columns used, not with the columns read.
 */
export class JoinIndex {
  private rows = new KeyTable(1024);
  private readonly stored: StoredColumn[] = [];
  private readonly keyOfRow: (values: Value[]) => Key;
  /** The number of the row `put` last: the person registry links PERSON rows by it without hashing the key again. */
  lastRow = -1;

  constructor(readonly keys: readonly string[], readonly slots: readonly number[]) {
    this.keyOfRow = slotKey(slots);
  }

  /** The column that will hold field `slot` of every indexed row (by row number). */
  column(slot: number): StoredColumn {
    let c = this.stored.find((s) => s.slot === slot);
    if (!c) { c = new StoredColumn(slot); this.stored.push(c); }
    return c;
  }

  /**
   * Room for about `rows` rows (an estimate from the file sizes): no rehashing on the way there.
   * `onShared`: the arrays are made on shared memory, as counting threads will read them.
   */
  reserve(rows: number, onShared = false): void {
    this.rows.reserve(rows, onShared);
    for (const c of this.stored) c.reserve(rows, onShared);
  }

  /** Indexes one row; a later row with the same key replaces the earlier one. */
  put(values: Value[]): void {
    const i = this.insertKey(this.keyOfRow(values));
    const stored = this.stored;
    for (let c = 0; c < stored.length; c++) stored[c]!.set(i, values[stored[c]!.slot] ?? null);
  }

  /** The key `put` gives a row: a counting thread works it out for the main thread, which puts the row by it (`insertKey`). */
  keyOf(values: Value[]): Key {
    return this.keyOfRow(values);
  }

  /** The columns `put` stores, in order (a digested row's values go to them by `StoredColumn.setDigested`). */
  get columns(): readonly StoredColumn[] {
    return this.stored;
  }

  /** Reads ahead where `insertKey(key)` will look (`KeyTable.touch`). */
  touch(key: Key): void {
    this.rows.touch(key);
  }

  /** Numbers a row by its key (`keyOf`), as `put` does, without storing its columns. */
  insertKey(key: Key): number {
    return (this.lastRow = this.rows.insert(key));
  }

  /** Shares the complete index with evaluating threads (no copy per thread; no `put` afterwards). */
  share(): JoinIndexState {
    return { rows: this.rows.share(), stored: this.stored.map((c) => c.share()) };
  }

  /** Reads the index another thread built and shared: this one was planned the same way, so its columns are the same. */
  adopt(state: JoinIndexState): void {
    this.rows = KeyTable.adopt(state.rows);
    for (const c of state.stored) this.column(c.slot).adopt(c);
  }

  /** The row number for `key`, or -1. */
  find(key: Key): number {
    return this.rows.get(key);
  }
}
