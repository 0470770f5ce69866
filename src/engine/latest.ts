import type { Value } from '../expr/kinds.js';
import { KeyTable } from './key-table.js';
import type { Key, Row } from './row.js';

/** `latest`: one row per key, the one with the greatest `by`; on a tie the one offered last. */
export class LatestRows {
  private keys = new KeyTable(1024);
  private kept: Row[] = [];

  constructor(private readonly replaces: (by: Value, kept: Value) => boolean) {}

  offer(key: Key, row: Row, by: (r: Row) => Value): void {
    const id = this.keys.insert(key);
    const kept = this.kept[id];
    if (kept === undefined || this.replaces(by(row), by(kept))) this.kept[id] = row;
  }

  /** The kept rows, in order of their keys' first appearance; the store is emptied. */
  take(): Row[] {
    const rows = this.kept;
    this.keys = new KeyTable(1024);
    this.kept = [];
    return rows;
  }
}
