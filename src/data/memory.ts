import { getHeapStatistics } from 'node:v8';
import { DataError } from '../errors.js';

/** What to do when a run does not fit in Node's heap, wherever it ran out. */
export const MORE_HEAP = 'give Node more with NODE_OPTIONS=--max-old-space-size=MB';

/** Thrown when the input does not fit in memory; `describe` says how large it was. */
export class OutOfMemoryError extends DataError {
  override name = 'OutOfMemoryError';
}

/** How often (in rows) the JS heap is looked at: its statistics cost a few microseconds. */
const EVERY = 1 << 18;
/** Past this share of its limit, V8 would soon abort the process (exit 134) with no message. */
const FULL = 0.92;

/**
 * Watches memory while one input is read, so that running out of it becomes a data error
 * (exit 3) that says how much had been read, instead of V8's abort: the JS heap is checked
 * every `EVERY` rows, and a typed array that cannot be allocated (the key tables live in
 * those) throws a RangeError that is turned into the same error.
 */
export class MemoryWatch {
  private rows = 0;

  constructor(private readonly describe: () => string) {}

  /** Called once per row. */
  tick(): void {
    if ((++this.rows & (EVERY - 1)) !== 0) return;
    const h = getHeapStatistics();
    if (h.used_heap_size > FULL * h.heap_size_limit) throw this.error(`the JS heap is ${mb(h.used_heap_size)} of its ${mb(h.heap_size_limit)} limit`);
  }

  /** Runs `read`, turning an allocation failure into an `OutOfMemoryError`. */
  async guard<T>(read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (e) {
      if (e instanceof RangeError && /allocation failed|maximum size|Invalid (typed )?array length|out of memory/i.test(e.message)) throw this.error(e.message);
      throw e;
    }
  }

  private error(why: string): OutOfMemoryError {
    return new OutOfMemoryError(`out of memory ${this.describe()}, after ${this.rows.toLocaleString('en')} rows (${why}): ${MORE_HEAP}, or read fewer exports at once`);
  }
}

function mb(bytes: number): string {
  return `${Math.round(bytes / 2 ** 20)} MB`;
}
