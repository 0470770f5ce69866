import type { Value } from '../expr/kinds.js';
import { KeyTable } from './key-table.js';
import { slotKey, type Key } from './row.js';

/** Distinct values a column codes before it falls back to plain storage (e.g. a PID column). */
const DICTIONARY_LIMIT = 1 << 16;

/**
 * One column of the indexed rows. Columns read through joins are mostly few-valued (TYPEAREA,
 * DISCHARGE) or repeat a lot (BIRTH: a million persons, some ten thousand dates), so values are
 * kept as 4-byte codes into a dictionary; a column with too many distinct values is kept plain.
 */
export class StoredColumn {
  private codes: Int32Array | null = new Int32Array(1024);
  private dict: Value[] = [];
  private pool = new Map<Value, number>();
  private plain: Value[] | null = null;
  private length = 0;

  constructor(readonly slot: number) {}

  set(i: number, v: Value): void {
    if (i >= this.length) this.length = i + 1;
    if (this.plain) { this.plain[i] = v; return; }
    let code = this.pool.get(v);
    if (code === undefined) {
      if (this.dict.length >= DICTIONARY_LIMIT) { this.toPlain(); this.plain![i] = v; return; }
      code = this.dict.push(v) - 1;
      this.pool.set(v, code);
    }
    let codes = this.codes!;
    if (i >= codes.length) {
      const more = new Int32Array(Math.max(codes.length * 2, i + 1));
      more.set(codes);
      this.codes = codes = more;
    }
    codes[i] = code;
  }

  get(i: number): Value {
    return this.plain ? this.plain[i] ?? null : this.dict[this.codes![i]!] ?? null;
  }

  private toPlain(): void {
    const plain = new Array<Value>(this.length);
    for (let i = 0; i < this.length; i++) plain[i] = this.get(i);
    this.plain = plain;
    this.codes = null;
    this.dict = [];
    this.pool = new Map();
  }
}

/**
 * Key → row of a table that others join to, kept compactly: a key table numbering the rows,
 * and one column for each field that is read through a join (not the whole row), so memory
 * grows with the persons kept and the columns used, not with the columns read.
 */
export class JoinIndex {
  private readonly rows = new KeyTable(1024);
  private readonly stored: StoredColumn[] = [];
  private readonly keyOfRow: (values: Value[]) => Key;

  constructor(readonly keys: readonly string[], readonly slots: readonly number[]) {
    this.keyOfRow = slotKey(slots);
  }

  /** The column that will hold field `slot` of every indexed row (by row number). */
  column(slot: number): StoredColumn {
    let c = this.stored.find((s) => s.slot === slot);
    if (!c) { c = new StoredColumn(slot); this.stored.push(c); }
    return c;
  }

  /** Indexes one row; a later row with the same key replaces the earlier one. */
  put(values: Value[]): void {
    const i = this.rows.insert(this.keyOfRow(values));
    const stored = this.stored;
    for (let c = 0; c < stored.length; c++) stored[c]!.set(i, values[stored[c]!.slot] ?? null);
  }

  /** The row number for `key`, or -1. */
  find(key: Key): number {
    return this.rows.get(key);
  }
}
