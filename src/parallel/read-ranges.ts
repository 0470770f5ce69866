import { stat } from 'node:fs/promises';
import type { Encoding } from '../data/decode.js';
import { planRanges, readRange, type RangeEnd, type RangeJob } from '../data/range.js';
import { readTable, type ColumnRequest, type IssueSink, type ReadStats, type RowSink, type TableInput } from '../data/read.js';
import { DataError } from '../errors.js';
import type { Value } from '../expr/kinds.js';
import type { IssueEntry, RangeFailure } from './messages.js';
import type { RangeListener, RangeRunner } from './pool.js';
import { eachRow, type RowBatch } from './wire.js';

/** The signature of `readTable`: a whole file's rows, in file order, to `onRow`. */
export type ReadFile = typeof readTable;

/**
 * `readTable` on the pool's threads: a plain file of two ranges or more is cut into byte
 * ranges read side by side, and their rows are handed to `onRow` range after range, so the
 * rows, their lines and the issues come in the order one thread gives them. Zip members and
 * small files are read on this thread as before.
 */
export function rangeReader(pool: RangeRunner, evaluation?: Evaluation): ReadFile {
  // A gate is kept where the rows are used: on this thread for a file read here, on the
  // threads for an evaluated one (`rangeEvaluator`); ranges posted as rows come whole.
  return async (input, columns, onRow, issues, encoding = 'auto', gate = null) => {
    const path = input.path;
    const size = path === undefined ? 0 : (await stat(path)).size;
    const bytes = evaluation ? evaluatedRange(pool, size) : pool.rangeBytes;
    if (path === undefined || size < 2 * bytes) return readTable(input, columns, onRow, issues, encoding, gate);
    if (evaluation) pool.broadcast(evaluation.setup());
    return readInRanges({ ...input, path }, columns, onRow, issues, encoding, pool, bytes, evaluation?.absorb);
  };
}

/**
 * An evaluated range posts counts, not rows, so a file of a few MB is worth cutting too: into
 * ranges of its size over twice the threads, 1 MB at least, `rangeBytes` at most (an 11 MB
 * file is counted on the threads instead of on this thread while they wait).
 */
function evaluatedRange(pool: RangeRunner, size: number): number {
  return Math.min(pool.rangeBytes, Math.max(1 << 20, Math.ceil(size / (2 * pool.threads))));
}

/**
 * Ranges evaluated on the threads instead of posting rows: `setup` is sent to every thread
 * before the file's first range; `absorb` takes what a thread made of one range, range after
 * range in file order. A range read again here (a cut inside a record) gives its rows to
 * `onRow` in its turn instead.
 */
export interface Evaluation {
  setup(): unknown;
  /** Returns the partial's buffers the thread may have back (`RangeEvaluator.recycle`). */
  absorb(partial: unknown): ArrayBuffer[];
}

type Absorb = Evaluation['absorb'];

async function readInRanges(input: TableInput & { path: string }, columns: readonly ColumnRequest[], onRow: RowSink, issues: IssueSink, encoding: Encoding, pool: RangeRunner, rangeBytes: number, absorb: Absorb | undefined): Promise<ReadStats> {
  const plan = await planRanges(input, columns, issues, encoding, rangeBytes);
  const jobs: RangeJob[] = plan.starts.map((from, i) => ({
    table: input.table, display: input.display, path: input.path, size: plan.size, columns, header: plan.header, layout: plan.layout, encoding: plan.encoding, from, to: plan.starts[i + 1] ?? plan.size,
  }));
  const ranges = jobs.map(() => new RangeResult());
  // Ranges read ahead of the one being applied wait in memory: one per thread, not the file.
  // An evaluated range waits as counts, not rows: two per thread cost little, and a thread
  // that finishes its range finds the next one waiting instead of waiting for this thread.
  const ahead = absorb ? 2 * pool.threads : pool.threads;
  let sent = 0;
  const send = (upTo: number) => { for (; sent < Math.min(upTo, jobs.length); sent++) pool.read(jobs[sent]!, ranges[sent]!, absorb !== undefined); };
  send(ahead);
  const { stats } = plan;
  const blank: Value[] = columns.map(() => null);
  // Where the next record really starts, and the lines before it.
  let expected = plan.layout.bodyStart;
  let lines = plan.layout.headerLines;
  for (let i = 0; i < jobs.length; i++) {
    const job = jobs[i]!;
    const base = lines;
    const shifted: IssueSink = { add: (file, line, reason, opts) => issues.add(file, base + line, reason, opts) };
    let end: RangeEnd | null = null;
    const readHere = () => readRange({ ...job, from: expected }, (values, line) => onRow(values, base + line), shifted).catch((e: unknown) => { throw shiftError(e, base); });
    if (job.from === expected) {
      const read = await ranges[i]!.drain((batch) => eachRow(batch, blank, (values, line) => onRow(values, base + line)), base, (waits) => pool.waits?.(waits));
      if (read) {
        for (const e of read.issues) shifted.add(input.display, e.line, e.reason, e.opts);
        if (absorb && read.partial !== undefined) read.giveBack?.(absorb(read.partial));
        end = read.end;
      } else {
        // Its evaluator declined it (mostly text to digest): read here, in its turn.
        end = await readHere();
      }
    } else {
      // The cut fell inside a record (a quoted field holding a line end): the range is read
      // again here from where that record really ended.
      ranges[i]!.discard();
      pool.cancel(ranges[i]!);
      if (expected < job.to) end = await readHere();
    }
    if (end) {
      input.onRange?.(end.next - expected, end.lines);
      stats.rows += end.rows;
      stats.skipped += end.skipped;
      lines += end.lines;
      expected = end.next;
    }
    send(i + 1 + ahead);
  }
  return stats;
}

/** A `DataError` from a range, its line counted from the file's start. */
function shiftError(e: unknown, base: number): unknown {
  if (!(e instanceof DataError) || !e.line) return e;
  const prefix = `${e.file ?? ''}:${e.line}${e.column ? `:${e.column}` : ''}: `;
  return new DataError(e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message, e.file, base + e.line, e.column);
}

function failureError(f: RangeFailure, base: number): Error {
  if (!f.data) return new Error(f.message);
  return new DataError(f.data.bare, f.data.file, f.data.line === undefined ? undefined : base + f.data.line, f.data.column);
}

/** How a range ended: its end, its issues, and for an evaluated range its partial and where its buffers go back. */
interface RangeOutcome {
  readonly end: RangeEnd;
  readonly issues: IssueEntry[];
  readonly partial: unknown;
  readonly giveBack: ((buffers: ArrayBuffer[]) => void) | undefined;
}

/** One range's batches as they come, held until the ranges before it are applied. */
class RangeResult implements RangeListener {
  private batches: Array<{ batch: RowBatch; release: (() => void) | undefined }> = [];
  private end: RangeOutcome | null = null;
  private failure: RangeFailure | null = null;
  private isDeclined = false;
  private wake: (() => void) | null = null;
  private dropped = false;

  batch(batch: RowBatch, release?: () => void): void {
    if (this.dropped) release?.();
    else this.batches.push({ batch, release });
    this.poke();
  }

  done(end: RangeEnd, issues: IssueEntry[], partial?: unknown, giveBack?: (buffers: ArrayBuffer[]) => void): void {
    // A dropped range's partial is not used: it is not kept until the file ends either.
    this.end = this.dropped ? { end, issues: [], partial: undefined, giveBack: undefined } : { end, issues, partial, giveBack };
    this.poke();
  }

  declined(): void {
    this.isDeclined = true;
    this.poke();
  }

  failed(failure: RangeFailure): void {
    this.failure = failure;
    this.poke();
  }

  /**
   * Applies the batches in order as they come; resolves with the range's end (`null` when its
   * evaluator declined it), or throws its failure. `waits`: told when this thread starts and
   * stops waiting for more.
   */
  async drain(apply: (batch: RowBatch) => void, base: number, waits: (waiting: boolean) => void): Promise<RangeOutcome | null> {
    for (;;) {
      while (this.batches.length > 0) {
        const { batch, release } = this.batches.shift()!;
        apply(batch);
        release?.();
      }
      if (this.failure) throw failureError(this.failure, base);
      if (this.isDeclined) return null;
      const end = this.end;
      // Handed on once: the main thread holds a range's partial only while it absorbs it.
      if (end) { this.end = null; return end; }
      waits(true);
      await new Promise<void>((resolve) => { this.wake = resolve; });
      waits(false);
    }
  }

  /** A range started at a wrong cut: what it read is not used. */
  discard(): void {
    this.dropped = true;
    for (const { release } of this.batches) release?.();
    this.batches = [];
    // Its partial, if it came already, is not used either: not kept until the file ends.
    if (this.end) this.end = { end: this.end.end, issues: [], partial: undefined, giveBack: undefined };
  }

  private poke(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }
}
