import { stat } from 'node:fs/promises';
import type { Encoding } from '../data/decode.js';
import { planRanges, readRange, type RangeEnd, type RangeJob, type RangePlan } from '../data/range.js';
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
  return new RangeReading(pool).reader(evaluation);
}

/**
 * Ranges evaluated on the threads instead of posting rows: `setup` goes to each thread before
 * the first range of the file it reads; `absorb` takes what a thread made of one range, range
 * after range in file order. A range read again here (a cut inside a record) gives its rows to
 * `onRow` in its turn instead.
 */
export interface Evaluation {
  setup(): unknown;
  /** Returns the partial's buffers the thread may have back (`RangeEvaluator.recycle`). */
  absorb(partial: unknown): ArrayBuffer[];
}

/**
 * Reading the files of a run in turn on one pool, where a file counted on the threads may be
 * begun before its turn (`beginEarly`): its setup and first ranges are queued behind the
 * ranges of the file being read, so the threads count them while this thread absorbs that
 * file's last ranges, instead of waiting for it. Its turn then takes up what was begun.
 */
export class RangeReading {
  /** Files begun before their turn (`null`: read on this thread after all). */
  private readonly early = new Map<string, Promise<Begun | null>>();

  constructor(private readonly pool: RangeRunner) {}

  /**
   * A `readTable` on the threads. `then` is called once every range of the file read is
   * queued (at once for a file read on this thread): only then may another file begin, so
   * that the threads take ranges in the order this thread absorbs them (else two threads
   * could wait, their rows unread, on ranges queued behind them).
   */
  reader(evaluation?: Evaluation, then: () => void = () => undefined): ReadFile {
    // A gate is kept where the rows are used: on this thread for a file read here, on the
    // threads for an evaluated one (`rangeEvaluator`); ranges posted as rows come whole.
    return async (input, columns, onRow, issues, encoding = 'auto', gate = null) => {
      const path = input.path;
      const early = path === undefined ? null : await this.early.get(path);
      if (path !== undefined) this.early.delete(path);
      if (early) return readInRanges(early, input, onRow, issues, this.pool, evaluation?.absorb, then);
      const bytes = path === undefined ? 0 : await this.rangeSize(path, evaluation);
      if (path === undefined || bytes === 0) {
        then();
        return readTable(input, columns, onRow, issues, encoding, gate);
      }
      const begun = await begin({ ...input, path }, columns, encoding, this.pool, bytes, evaluation);
      return readInRanges(begun, input, onRow, issues, this.pool, evaluation?.absorb, then);
    };
  }

  /** Begins reading `input` (a plain file, counted on the threads by `evaluation`) before its turn, if it is read in ranges at all. */
  beginEarly(input: TableInput & { path: string }, columns: readonly ColumnRequest[], encoding: Encoding, evaluation: Evaluation): void {
    const begun = this.rangeSize(input.path, evaluation).then((bytes) => (bytes === 0 ? null : begin(input, columns, encoding, this.pool, bytes, evaluation)));
    // A failure (a missing column) is thrown in the file's turn; until then it is no unhandled one.
    begun.catch(() => undefined);
    this.early.set(input.path, begun);
  }

  /**
   * The bytes of a range of the file at `path`, 0 for a file read on this thread: a file of
   * under two ranges, unless the threads are running and count it (it is then read warm
   * there, and may be begun while the file before it ends).
   */
  private async rangeSize(path: string, evaluation: Evaluation | undefined): Promise<number> {
    const size = (await stat(path)).size;
    const bytes = evaluation ? evaluatedRange(this.pool, size) : this.pool.rangeBytes;
    return size >= 2 * bytes || (evaluation && this.pool.running && size > 0) ? bytes : 0;
  }
}

/**
 * An evaluated range posts counts, not rows, so a file of a few MB is worth cutting too: into
 * ranges of its size over twice the threads, 1 MB at least, `rangeBytes` at most (an 11 MB
 * file is counted on the threads instead of on this thread while they wait).
 */
function evaluatedRange(pool: RangeRunner, size: number): number {
  return Math.min(pool.rangeBytes, Math.max(1 << 20, Math.ceil(size / (2 * pool.threads))));
}

type Absorb = Evaluation['absorb'];

/** A file whose reading has begun: planned, cut, and its first ranges queued. */
interface Begun {
  readonly plan: RangePlan;
  readonly jobs: RangeJob[];
  readonly ranges: RangeResult[];
  /** What planning said of the file's layout, given to the file's issues in its turn. */
  readonly notes: IssueEntry[];
  readonly evaluated: boolean;
  /** How many ranges are queued. */
  sent: number;
}

async function begin(input: TableInput & { path: string }, columns: readonly ColumnRequest[], encoding: Encoding, pool: RangeRunner, rangeBytes: number, evaluation: Evaluation | undefined): Promise<Begun> {
  if (evaluation) pool.setup(evaluation.setup());
  const notes: IssueEntry[] = [];
  const plan = await planRanges(input, columns, { add: (_file, line, reason, opts = {}) => { notes.push({ line, reason, opts }); } }, encoding, rangeBytes);
  const jobs: RangeJob[] = plan.starts.map((from, i) => ({
    table: input.table, display: input.display, path: input.path, size: plan.size, columns, header: plan.header, layout: plan.layout, encoding: plan.encoding, from, to: plan.starts[i + 1] ?? plan.size,
  }));
  const begun: Begun = { plan, jobs, ranges: jobs.map(() => new RangeResult()), notes, evaluated: evaluation !== undefined, sent: 0 };
  send(begun, pool, ahead(begun, pool));
  return begun;
}

/**
 * Ranges read ahead of the one being applied wait in memory: one per thread, not the file.
 * An evaluated range waits as counts, not rows: two per thread cost little, and a thread
 * that finishes its range finds the next one waiting instead of waiting for this thread.
 */
function ahead(begun: Begun, pool: RangeRunner): number {
  return begun.evaluated ? 2 * pool.threads : pool.threads;
}

/** Queues the ranges before number `upTo`. */
function send(begun: Begun, pool: RangeRunner, upTo: number): void {
  for (; begun.sent < Math.min(upTo, begun.jobs.length); begun.sent++) pool.read(begun.jobs[begun.sent]!, begun.ranges[begun.sent]!, begun.evaluated);
}

async function readInRanges(begun: Begun, input: TableInput, onRow: RowSink, issues: IssueSink, pool: RangeRunner, absorb: Absorb | undefined, then: () => void): Promise<ReadStats> {
  const { plan, jobs, ranges } = begun;
  for (const n of begun.notes) issues.add(input.display, n.line, n.reason, n.opts);
  let queued = false;
  const more = (upTo: number) => {
    send(begun, pool, upTo);
    if (!queued && begun.sent === jobs.length) { queued = true; then(); }
  };
  more(ahead(begun, pool));
  const { stats } = plan;
  const blank: Value[] = jobs[0]!.columns.map(() => null);
  // Where the next record really starts, and the lines before it.
  let expected = plan.layout.bodyStart;
  let lines = plan.layout.headerLines;
  for (let i = 0; i < jobs.length; i++) {
    const job = jobs[i]!;
    const base = lines;
    const shifted: IssueSink = { add: (file, line, reason, opts) => issues.add(file, base + line, reason, opts) };
    let end: RangeEnd | null = null;
    if (job.from === expected) {
      const read = await ranges[i]!.drain((batch) => eachRow(batch, blank, (values, line) => onRow(values, base + line)), base);
      for (const e of read.issues) shifted.add(input.display, e.line, e.reason, e.opts);
      // An evaluated range may come back as rows (its thread found them better handed on).
      if (absorb && read.partial !== undefined) read.giveBack?.(absorb(read.partial));
      end = read.end;
    } else {
      // The cut fell inside a record (a quoted field holding a line end): the range is read
      // again here from where that record really ended.
      ranges[i]!.discard();
      pool.cancel(ranges[i]!);
      if (expected < job.to) end = await readRange({ ...job, from: expected }, (values, line) => onRow(values, base + line), shifted).catch((e: unknown) => { throw shiftError(e, base); });
    }
    if (end) {
      input.onRange?.(end.next - expected, end.lines);
      stats.rows += end.rows;
      stats.skipped += end.skipped;
      lines += end.lines;
      expected = end.next;
    }
    more(i + 1 + ahead(begun, pool));
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

  failed(failure: RangeFailure): void {
    this.failure = failure;
    this.poke();
  }

  /** Applies the batches in order as they come; resolves with the range's end, or throws its failure. */
  async drain(apply: (batch: RowBatch) => void, base: number): Promise<RangeOutcome> {
    for (;;) {
      while (this.batches.length > 0) {
        const { batch, release } = this.batches.shift()!;
        apply(batch);
        release?.();
      }
      if (this.failure) throw failureError(this.failure, base);
      const end = this.end;
      // Handed on once: the main thread holds a range's partial only while it absorbs it.
      if (end) { this.end = null; return end; }
      await new Promise<void>((resolve) => { this.wake = resolve; });
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
