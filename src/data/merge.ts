import type { Value } from '../expr/kinds.js';
import { deletes, type Corrections } from './corrections.js';
import { counted } from './counted.js';
import type { Encoding } from './decode.js';
import type { RowIssues } from './issues.js';
import { keyOf } from './key.js';
import { readTable, type ColumnRequest, type ReadStats, type TableInput } from './read.js';
import { tableDef } from './tables.js';

export interface MergeOptions {
  readonly encoding: Encoding;
  readonly corrections: Corrections;
  /** Called with every chunk read, for progress. */
  readonly onChunk?: (chunk: Buffer, file: string) => void;
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
 * held. A single uncorrected file streams straight through. `onRow` gets the
 * requested columns first, in request order (extra trailing values may follow).
 */
export async function readMerged(inputs: readonly TableInput[], columns: readonly ColumnRequest[], onRow: (values: Value[]) => void, issues: RowIssues, opts: MergeOptions): Promise<TableRead> {
  const table = inputs[0]?.table ?? '';
  const key = tableDef(table)?.primaryKey ?? [];
  const removals = opts.corrections.get(table);
  const files: FileRead[] = [];
  const read = async (raw: TableInput, cols: readonly ColumnRequest[], sink: (v: Value[]) => void) => {
    files.push({ input: raw, stats: await readTable(counted(raw, opts.onChunk), cols, sink, issues, opts.encoding) });
  };
  if (key.length === 0 || (inputs.length < 2 && !removals)) {
    for (const input of inputs) await read(input, columns, onRow);
    return { files, replaced: 0, deleted: 0 };
  }
  const all = [...columns];
  const slotOf = (name: string, type: ColumnRequest['type']) => {
    const i = all.findIndex((c) => c.name.toUpperCase() === name);
    return i >= 0 ? i : all.push({ name, type }) - 1;
  };
  const keySlots = key.map((k) => slotOf(k, tableDef(table)!.fields?.get(k)?.type ?? 'C'));
  const updateSlot = slotOf('D_UPDATE', 'DT');
  const kept = new Map<string, Value[]>();
  let replaced = 0;
  for (const input of inputs) {
    await read(input, all, (values) => {
      const k = keyOf(keySlots.map((s) => values[s] ?? null));
      const prev = kept.get(k);
      if (prev) {
        replaced++;
        if (!isNewer(values[updateSlot] ?? null, prev[updateSlot] ?? null)) return;
        kept.delete(k);
      }
      kept.set(k, values);
    });
  }
  let deleted = 0;
  for (const [k, values] of kept) {
    const c = removals?.get(k);
    if (c !== undefined && deletes(c, values[updateSlot] ?? null)) { deleted++; continue; }
    onRow(values);
  }
  return { files, replaced, deleted };
}

/** The later D_UPDATE wins; on a tie the row read later; an empty one loses to any date. */
function isNewer(update: Value, kept: Value): boolean {
  if (update === null) return kept === null;
  if (kept === null) return true;
  return String(update) >= String(kept);
}
