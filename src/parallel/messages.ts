import type { IssueOptions } from '../data/issues.js';
import type { RangeEnd, RangeJob } from '../data/range.js';
import type { BatchBuffers, RowBatch } from './wire.js';

/** One unreadable or repaired row (or a note) as the reader reported it, its line counted from the range's start. */
export interface IssueEntry {
  readonly line: number;
  readonly reason: string;
  readonly opts: IssueOptions;
}

/** An error thrown while reading a range, with its place, so the main thread can throw it again. */
export interface RangeFailure {
  readonly message: string;
  /** Set for a `DataError` (what the user can act on); anything else is a bug and is thrown as one. */
  readonly data?: { readonly bare: string; readonly file?: string; readonly line?: number; readonly column?: number };
}

/**
 * To a worker: a range to read (and post its rows, or, with `evaluate`, hand them to the
 * thread's evaluator and post what it made of them), the buffers of a batch or of an
 * evaluated range the main thread has applied, or what the evaluator needs before its first
 * range (opaque here).
 */
export type JobMessage =
  | { readonly kind: 'job'; readonly id: number; readonly job: RangeJob; readonly evaluate: boolean }
  | { readonly kind: 'free'; readonly buffers: BatchBuffers }
  | { readonly kind: 'recycle'; readonly buffers: ArrayBuffer[] }
  | { readonly kind: 'setup'; readonly payload: unknown };

export type WorkerMessage =
  | { readonly id: number; readonly kind: 'rows'; readonly batch: RowBatch }
  | { readonly id: number; readonly kind: 'done'; readonly end: RangeEnd; readonly issues: IssueEntry[]; readonly partial?: unknown }
  /** The thread's evaluator declined the range: the main thread reads it itself, in its turn. */
  | { readonly id: number; readonly kind: 'declined' }
  | { readonly id: number; readonly kind: 'failed'; readonly failure: RangeFailure };
