import type { Value } from '../expr/kinds.js';

/**
 * Rows read on a worker, packed for `postMessage`: per cell a kind (null, number, text) and a
 * number (the value, or the text's place in `texts`). A text repeated in a batch (a unit
 * code, a date) is sent once, so the main thread makes one string for it, not one per row;
 * a column whose texts hardly repeat (CID) is sent as it comes, without the lookup.
 * The arrays are sized for a full batch and hold `rows` rows: once applied, they go back to
 * the worker that filled them (`BatchWriter.recycle`), so a run allocates a few of them, not
 * one set per batch.
 */
export interface RowBatch extends BatchBuffers {
  readonly width: number;
  readonly rows: number;
  readonly texts: string[];
}

/** The transferable part of a batch. */
export interface BatchBuffers {
  /** Per row, the line it starts on, counted from the range's start. */
  readonly lines: Int32Array<ArrayBuffer>;
  readonly kinds: Uint8Array<ArrayBuffer>;
  readonly nums: Float64Array<ArrayBuffer>;
}

const NULL = 0;
const NUMBER = 1;
const TEXT = 2;

/** Rows per batch: small enough to start the main thread early, large enough to post rarely. */
const BATCH_ROWS = 16384;

/** Rows of a batch over which each column's repeated texts are counted. */
const SAMPLE_ROWS = 4096;

/** The buffers of `batch`, to transfer (to the main thread, and back). */
export function transferList(batch: BatchBuffers): ArrayBuffer[] {
  return [batch.lines.buffer, batch.kinds.buffer, batch.nums.buffer];
}

/**
 * Packs rows into batches and hands each full one to `send`. At most `limit` batches are out
 * (sent and not recycled): `room()` then waits, so a reader ahead of the main thread stops
 * instead of piling up rows in memory.
 */
export class BatchWriter {
  private width = 0;
  private lines = new Int32Array(0);
  private kinds = new Uint8Array(0);
  private nums = new Float64Array(0);
  private texts: string[] = [];
  private textIds = new Map<string, number>();
  private rows = 0;
  /** Per column, 1 once its texts are sent as they come (too few repeats to be worth a lookup). */
  private plain = new Uint8Array(0);
  /** Per column, texts found already sent in this batch (over its first rows). */
  private repeats = new Int32Array(0);
  private readonly free: BatchBuffers[] = [];
  private out = 0;
  private wake: (() => void) | null = null;
  private send: (batch: RowBatch) => void = () => undefined;

  constructor(private readonly limit = Infinity) {}

  /** Starts a range of rows `width` wide, sent to `send`. */
  start(width: number, send: (batch: RowBatch) => void): void {
    this.width = width;
    this.plain = new Uint8Array(width);
    this.repeats = new Int32Array(width);
    this.send = send;
    // The arrays the last flush took are unused: back to the free list, not dropped.
    if (this.kinds.length > 0) this.free.push({ lines: this.lines, kinds: this.kinds, nums: this.nums });
    this.take();
  }

  add(values: readonly Value[], line: number): void {
    const { width, kinds, nums } = this;
    const at = this.rows * width;
    for (let c = 0; c < width; c++) {
      const v = values[c];
      if (typeof v === 'number') { kinds[at + c] = NUMBER; nums[at + c] = v; }
      else if (typeof v === 'string') { kinds[at + c] = TEXT; nums[at + c] = this.plain[c] === 1 ? this.texts.push(v) - 1 : this.textId(v, c); }
      else kinds[at + c] = NULL;
    }
    this.lines[this.rows++] = line;
    if (this.rows === SAMPLE_ROWS) this.judge();
    if (this.rows === BATCH_ROWS) this.flush();
  }

  /** Sends what is left. */
  flush(): void {
    if (this.rows === 0) return;
    this.out++;
    this.send({ width: this.width, rows: this.rows, lines: this.lines, kinds: this.kinds, nums: this.nums, texts: this.texts });
    this.rows = 0;
    this.texts = [];
    this.textIds = new Map();
    this.plain.fill(0);
    this.repeats.fill(0);
    this.take();
  }

  /** After the first rows of a batch: columns whose texts rarely repeat (CID) are sent without looking them up; dates and PIDs repeat over a batch, and each repeat sent is one string less for the main thread to make. */
  private judge(): void {
    for (let c = 0; c < this.width; c++) this.plain[c] = this.repeats[c]! * 4 < SAMPLE_ROWS ? 1 : 0;
  }

  /** The buffers of a batch the receiver is done with. */
  recycle(buffers: BatchBuffers): void {
    this.out--;
    this.free.push(buffers);
    const w = this.wake;
    if (w && this.out < this.limit) { this.wake = null; w(); }
  }

  /** Resolves once fewer than `limit` batches are out; `null` when there is room already. */
  room(): Promise<void> | null {
    if (this.out < this.limit) return null;
    return new Promise<void>((resolve) => { this.wake = resolve; });
  }

  /** Fresh arrays for the next batch: recycled ones that fit, else new. */
  private take(): void {
    const cells = BATCH_ROWS * this.width;
    let b = this.free.pop();
    // A table of other columns: buffers too small for it are let go.
    while (b && b.kinds.length < cells) b = this.free.pop();
    this.lines = b?.lines ?? new Int32Array(BATCH_ROWS);
    this.kinds = b?.kinds ?? new Uint8Array(cells);
    this.nums = b?.nums ?? new Float64Array(cells);
  }

  private textId(text: string, column: number): number {
    let id = this.textIds.get(text);
    if (id === undefined) { id = this.texts.push(text) - 1; this.textIds.set(text, id); }
    else this.repeats[column]!++;
    return id;
  }
}

/** Unpacks a batch row by row, in order; `blank` is a row of nulls of the right width. */
export function eachRow(batch: RowBatch, blank: readonly Value[], visit: (values: Value[], line: number) => void): void {
  const { width, rows, lines, kinds, nums, texts } = batch;
  for (let r = 0; r < rows; r++) {
    const values = blank.slice();
    const at = r * width;
    for (let c = 0; c < width; c++) {
      const k = kinds[at + c];
      if (k === NUMBER) values[c] = nums[at + c]!;
      else if (k === TEXT) values[c] = texts[nums[at + c]!]!;
    }
    visit(values, lines[r]!);
  }
}
