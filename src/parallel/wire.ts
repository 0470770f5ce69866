import type { Value } from '../expr/kinds.js';

/**
 * Rows read on a worker, packed for `postMessage`: per cell a kind (null, number, text) and a
 * number (the value, or the text's place in `texts`). A text repeated in a batch (a unit
 * code, a date) is sent once, so the main thread makes one string for it, not one per row.
 */
export interface RowBatch {
  readonly width: number;
  /** Per row, the line it starts on, counted from the range's start. */
  readonly lines: Int32Array;
  readonly kinds: Uint8Array;
  readonly nums: Float64Array;
  readonly texts: string[];
}

const NULL = 0;
const NUMBER = 1;
const TEXT = 2;

/** Rows per batch: small enough to start the main thread early, large enough to post rarely. */
const BATCH_ROWS = 4096;

/** Packs rows into batches and hands each full one to `send`. */
export class BatchWriter {
  private lines = new Int32Array(BATCH_ROWS);
  private kinds: Uint8Array;
  private nums: Float64Array;
  private texts: string[] = [];
  private textIds = new Map<string, number>();
  private rows = 0;

  constructor(private readonly width: number, private readonly send: (batch: RowBatch) => void) {
    this.kinds = new Uint8Array(BATCH_ROWS * width);
    this.nums = new Float64Array(BATCH_ROWS * width);
  }

  add(values: readonly Value[], line: number): void {
    const { width, kinds, nums } = this;
    const at = this.rows * width;
    for (let c = 0; c < width; c++) {
      const v = values[c];
      if (typeof v === 'number') { kinds[at + c] = NUMBER; nums[at + c] = v; }
      else if (typeof v === 'string') { kinds[at + c] = TEXT; nums[at + c] = this.textId(v); }
      else kinds[at + c] = NULL;
    }
    this.lines[this.rows++] = line;
    if (this.rows === BATCH_ROWS) this.flush();
  }

  /** Sends what is left. */
  flush(): void {
    if (this.rows === 0) return;
    const n = this.rows;
    this.send({ width: this.width, lines: this.lines.slice(0, n), kinds: this.kinds.slice(0, n * this.width), nums: this.nums.slice(0, n * this.width), texts: this.texts });
    this.rows = 0;
    this.texts = [];
    this.textIds = new Map();
  }

  private textId(text: string): number {
    let id = this.textIds.get(text);
    if (id === undefined) { id = this.texts.push(text) - 1; this.textIds.set(text, id); }
    return id;
  }
}

/** Unpacks a batch row by row, in order; `blank` is a row of nulls of the right width. */
export function eachRow(batch: RowBatch, blank: readonly Value[], visit: (values: Value[], line: number) => void): void {
  const { width, lines, kinds, nums, texts } = batch;
  for (let r = 0; r < lines.length; r++) {
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
