import type { Value } from '../expr/kinds.js';
import { KeyTable } from './key-table.js';
import { slotKey, type Key } from './row.js';

/** Distinct texts a column shares before it stops sharing new ones (e.g. a PID column). */
const POOL_LIMIT = 1 << 16;

interface StoredColumn {
  readonly slot: number;
  readonly values: Value[];
  /** Equal texts share one string: a million BIRTH dates are a few ten thousand strings. */
  readonly pool: Map<string, string>;
}

/**
 * Key → row of a table that others join to, kept compactly: a key table numbering the rows,
 * and one array per column that is read through a join (not the whole row), so memory grows
 * with the persons kept and the columns used, not with the columns read.
 */
export class JoinIndex {
  private readonly rows = new KeyTable(1024);
  private readonly stored: StoredColumn[] = [];
  private readonly keyOfRow: (values: Value[]) => Key;

  constructor(readonly keys: readonly string[], readonly slots: readonly number[]) {
    this.keyOfRow = slotKey(slots);
  }

  /** The array that will hold column `slot` of every indexed row (by row number). */
  column(slot: number): Value[] {
    let c = this.stored.find((s) => s.slot === slot);
    if (!c) { c = { slot, values: [], pool: new Map() }; this.stored.push(c); }
    return c.values;
  }

  /** Indexes one row; a later row with the same key replaces the earlier one. */
  put(values: Value[]): void {
    const i = this.rows.insert(this.keyOfRow(values));
    const stored = this.stored;
    for (let c = 0; c < stored.length; c++) {
      const col = stored[c]!;
      let v = values[col.slot] ?? null;
      if (typeof v === 'string') {
        const shared = col.pool.get(v);
        if (shared !== undefined) v = shared;
        else if (col.pool.size < POOL_LIMIT) col.pool.set(v, v);
      }
      col.values[i] = v;
    }
  }

  /** The row number for `key`, or -1. */
  find(key: Key): number {
    return this.rows.get(key);
  }
}
