import type { Value } from '../expr/kinds.js';
import { deletes, type Corrections } from './corrections.js';
import { counted, type OnRead } from './counted.js';
import { estimateRows } from './inputs.js';
import type { Encoding } from './decode.js';
import type { RowIssues } from './issues.js';
import { digitCode, keyOf, slotKey, type Key } from './key.js';
import { KeyTable } from './key-table.js';
import { MemoryWatch } from './memory.js';
import { RowStore } from './row-store.js';
import { readTable, type ColumnRequest, type ReadStats, type RowGate, type TableInput } from './read.js';
import { tableDef } from './tables.js';

export interface MergeOptions {
  readonly encoding: Encoding;
  readonly corrections: Corrections;
  /** Called with every chunk read, for progress. */
  readonly onChunk?: OnRead;
  /** Reads one file (default `readTable`; the engine passes one that reads byte ranges on threads). */
  readonly read?: typeof readTable;
}

export interface FileRead {
  readonly input: TableInput;
  readonly stats: ReadStats;
}

export interface TableRead {
  readonly files: FileRead[];
  /** Rows dropped because a row with the same primary key was kept instead. */
  readonly replaced: number;
  /** Rows removed by DATA_CORRECT. */
  readonly deleted: number;
}

/**
 * Reads every file of one table as one row stream, merged the way the national
 * loaders do: of rows with the same primary key the one with the latest
 * D_UPDATE is kept (on a tie, the one read last), and rows named by DATA_CORRECT
 * are dropped. Only a table that comes in several files or has corrections is
 * keyed; only the requested columns plus key and D_UPDATE of the rows kept are
 * held. A single uncorrected file streams straight through, past `gate` if one is given
 * (rows that are merged are all kept: a row the gate turns away may be the newer one). `onRow`
 * gets the requested columns first, in request order (extra trailing values may follow).
 */
export async function readMerged(inputs: readonly TableInput[], columns: readonly ColumnRequest[], onRow: (values: Value[]) => void, issues: RowIssues, opts: MergeOptions, gate: RowGate | null = null): Promise<TableRead> {
  const table = inputs[0]?.table ?? '';
  const key = tableDef(table)?.primaryKey ?? [];
  const removals = opts.corrections.get(table);
  const files: FileRead[] = [];
  const read = async (raw: TableInput, cols: readonly ColumnRequest[], sink: (v: Value[]) => void, g: RowGate | null = null) => {
    files.push({ input: raw, stats: await (opts.read ?? readTable)(counted(raw, opts.onChunk), cols, sink, issues, opts.encoding, g) });
  };
  if (key.length === 0 || (inputs.length < 2 && !removals)) {
    for (const input of inputs) await read(input, columns, onRow, gate);
    return { files, replaced: 0, deleted: 0 };
  }
  const all = [...columns];
  const slotOf = (name: string, type: ColumnRequest['type']) => {
    const i = all.findIndex((c) => c.name.toUpperCase() === name);
    return i >= 0 ? i : all.push({ name, type }) - 1;
  };
  const keySlots = key.map((k) => slotOf(k, tableDef(table)!.fields?.get(k)?.type ?? 'C'));
  const updateSlot = slotOf('D_UPDATE', 'DT');
  const keep = new KeptRows(all.length, updateSlot);
  const primary = new PrimaryKeys(keySlots);
  const memory = new MemoryWatch(() => `merging ${table} from ${inputs.length} files (${keep.size.toLocaleString('en')} keys, ${Math.round(keep.bytes / 2 ** 20)} MB held)`);
  // Sized once: doubling the table a dozen times cost a third of a second over a year of
  // monthly exports. A key with a visit's fields (NUTRITION: HOSPCODE, PID, DATE_SERV) is new
  // in every month's export, so the sum of the files' rows; a key of a person or a house
  // (PERSON: HOSPCODE, PID) repeats in every monthly snapshot, so the largest file's rows
  // (the hash slots are written all over: twelve snapshots' worth would take up to 64 MB).
  const rows = await estimateRows(inputs, key.length > 2 ? 'sum' : 'largest');
  await memory.guard(async () => keep.reserve(rows));
  let replaced = 0;
  for (const input of inputs) {
    await memory.guard(() => read(input, all, (values) => {
      memory.tick();
      if (!keep.offer(primary.of(values), values)) replaced++;
    }));
  }
  let deleted = 0;
  keep.each((values) => {
    const c = removals?.get(keyOf(keySlots.map((s) => values[s] ?? null)));
    if (c !== undefined && deletes(c, values[updateSlot] ?? null)) deleted++;
    else onRow(values);
  });
  return { files, replaced, deleted };
}

/** Prefix numbers times this, plus a value's `digitCode` below it, stay exact below 2^53. */
const SHIFT = 2 ** 31;

/**
 * Primary keys as numbers where they can be. The first two values make one number (`keyN`:
 * HOSPCODE + PID), numbered in a table of its own; each value after them joins that number as
 * its digit code (`digitCode`, below 2^31: any value of up to 8 digits). NUTRITION's HOSPCODE,
 * PID, DATE_SERV is then a number, not a text built, hashed and stored for every row of a year
 * of exports. Any other value (or a prefix numbered past 2^22) makes that key a text. Equal
 * values give equal keys, different values different ones, as `keyN` does.
 */
export class PrimaryKeys {
  private readonly prefixes: KeyTable[];
  /** The key of the first two values (`keyN` of them, without an array a row). */
  private readonly head: (values: Value[]) => Key;

  constructor(private readonly slots: readonly number[]) {
    this.prefixes = slots.slice(2).map(() => new KeyTable(1 << 12));
    this.head = slotKey(slots.slice(0, 2));
  }

  of(values: Value[]): Key {
    const { slots } = this;
    let key = this.head(values);
    for (let i = 2; i < slots.length; i++) {
      const prefix = this.prefixes[i - 2]!.insert(key);
      const v = values[slots[i]!] ?? null;
      const t = typeof v === 'string' ? v : String(v ?? '');
      const digits = digitCode(t);
      key = digits >= 0 && digits < SHIFT && prefix < 2 ** 22 ? prefix * SHIFT + digits : `${prefix}\u001f${t}`;
    }
    return key;
  }
}

/**
 * The row kept per primary key, outside the JS heap: key numbers from a `KeyTable`, rows
 * packed in a `RowStore`, D_UPDATE as a number (14 digits are exact in a double; NaN for
 * none). Rows come back in the order of their last write, as a `Map` that deletes and
 * re-inserts a replaced key would give them: `latest` ties go to the row read last.
 */
class KeptRows {
  private readonly keys = new KeyTable(1 << 12);
  private readonly rows = new RowStore();
  private update = new Float64Array(1 << 12);
  /** Write order: key numbers, and per key number its place in it (a stale entry is skipped). */
  private order = new Int32Array(1 << 12);
  private written = 0;
  private place = new Int32Array(1 << 12);

  constructor(private readonly width: number, private readonly updateSlot: number) {}

  get size(): number {
    return this.keys.size;
  }

  get bytes(): number {
    return this.keys.bytes + this.rows.bytes + this.update.byteLength + this.order.byteLength + this.place.byteLength;
  }

  /** Room for about `n` keys. */
  reserve(n: number): void {
    this.keys.reserve(n);
    this.rows.reserve(n);
    if (n > this.update.length) { this.update = grow(this.update, n); this.place = grow(this.place, n); }
    if (n > this.order.length) this.order = grow(this.order, n);
  }

  /** Keeps `values` unless the row kept for `key` is newer; false when the key was already there. */
  offer(key: Key, values: Value[]): boolean {
    const before = this.keys.size;
    const id = this.keys.insert(key);
    const fresh = id === before;
    const u = values[this.updateSlot];
    const update = u === null || u === undefined ? NaN : Number(u);
    if (fresh) {
      if (id >= this.update.length) { this.update = grow(this.update, id + 1); this.place = grow(this.place, id + 1); }
    } else if (!isNewer(update, this.update[id]!)) return false;
    this.update[id] = update;
    // D_UPDATE lives in `update`; the row keeps a null in its place.
    const slot = values[this.updateSlot];
    values[this.updateSlot] = null;
    this.rows.set(id, values);
    values[this.updateSlot] = slot ?? null;
    if (this.written >= this.order.length) this.order = grow(this.order, this.written + 1);
    this.place[id] = this.written;
    this.order[this.written++] = id;
    return fresh;
  }

  each(visit: (values: Value[]) => void): void {
    for (let j = 0; j < this.written; j++) {
      const id = this.order[j]!;
      if (this.place[id] !== j) continue;
      const values = this.rows.get(id, this.width);
      const u = this.update[id]!;
      values[this.updateSlot] = Number.isNaN(u) ? null : String(u);
      visit(values);
    }
  }
}

function grow<T extends Float64Array | Int32Array>(a: T, need: number): T {
  let n = a.length * 2;
  while (n < need) n *= 2;
  const more = new (a.constructor as new (n: number) => T)(n);
  more.set(a);
  return more;
}

/** The later D_UPDATE wins; on a tie the row read later; an empty one (NaN) loses to any date. */
function isNewer(update: number, kept: number): boolean {
  if (Number.isNaN(update)) return Number.isNaN(kept);
  if (Number.isNaN(kept)) return true;
  return update >= kept;
}
