import { Worker, type ResourceLimits } from 'node:worker_threads';
import { MORE_HEAP } from '../data/memory.js';
import type { RangeEnd, RangeJob } from '../data/range.js';
import { HereSlot } from './here.js';
import type { IssueEntry, JobMessage, RangeFailure, WorkerMessage } from './messages.js';
import type { EvaluatorFactory } from './serve.js';
import { transferList, type RowBatch } from './wire.js';

/** What a caller hears about one range: its batches in order, then its end or its failure. */
export interface RangeListener {
  /** `release` gives the batch's buffers back to the thread that filled them, once its rows are handed on. */
  batch(batch: RowBatch, release?: () => void): void;
  /** `partial`: what the thread's evaluator made of the rows, for an evaluated range; `giveBack` returns its buffers to that thread once used. */
  done(end: RangeEnd, issues: IssueEntry[], partial?: unknown, giveBack?: (buffers: ArrayBuffer[]) => void): void;
  /** An evaluated range whose evaluator declined it: the caller reads it itself, in its turn. */
  declined(): void;
  failed(failure: RangeFailure): void;
}

/** Reads ranges somewhere (threads; in tests, this thread) and tells a listener per range. */
export interface RangeRunner {
  /** How many ranges are read at once. */
  readonly threads: number;
  readonly rangeBytes: number;
  /** With `evaluate`, the thread's evaluator takes the rows and only its result comes back. */
  read(job: RangeJob, listener: RangeListener, evaluate?: boolean): void;
  /** Hands every thread what its evaluator needs for the ranges sent after this. */
  broadcast(payload: unknown): void;
  /** Told when this thread starts waiting for a range and when it stops: while it waits, it may evaluate one itself. */
  waits?(waiting: boolean): void;
  /** Forgets a range not started yet (its start was a wrong cut): it would only take a thread's time. */
  cancel(listener: RangeListener): void;
}

/** A range sent to be read, not yet taken by a thread. */
interface Waiting {
  readonly job: RangeJob;
  readonly listener: RangeListener;
  readonly evaluate: boolean;
}

/**
 * A reading thread's young generation: its garbage (one string per cell read, short-lived)
 * is collected in a few MB instead of V8's default ~48 MB, which a thread left to itself
 * fills before collecting: about 30 MB less resident per thread at SCALE 1, for more
 * frequent but small collections. 4 MB ran as fast as 8 (ten interleaved SCALE 1 runs, six
 * of the merged monthly files) in 6–8 MB less; 2 MB saved little more.
 */
const WORKER_YOUNG_MB = 4;

/**
 * Reading threads, started on the first range and kept for the run: each reads one range at a
 * time, and ranges wait in order for a free thread. `close` ends them all. Given an evaluator
 * of its own (`here`), the main thread is one of the `threads`: it evaluates the first waiting
 * range no worker took whenever it has none (`HereSlot`), and one worker fewer is started.
 */
export class ReadPool implements RangeRunner {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  /** Ranges no thread has taken yet, in the order they were sent. */
  private readonly waiting: Waiting[] = [];
  private readonly listeners = new Map<number, RangeListener>();
  private readonly busy = new Map<Worker, number>();
  private nextId = 0;
  private readonly here: HereSlot | null;
  /** Whether this thread waits for a range (`waits`). */
  private mainWaits = false;
  /** Why a thread stopped, once one has: every range sent after fails with it. */
  private broken: RangeFailure | null = null;

  /**
   * `threads` reading threads; files cut into ranges of about `rangeBytes`. `script`: the
   * threads' module, which serves ranges (`serveRanges`), with an evaluator or without.
   * `here`: how this thread evaluates ranges too (`threads` must then be 2 or more: rows are
   * read on workers only). `limits`: each worker's (tests give one too small to start).
   */
  constructor(readonly threads: number, readonly rangeBytes: number, private readonly script = new URL('./range-worker.js', import.meta.url), here?: EvaluatorFactory, private readonly limits: ResourceLimits = { maxYoungGenerationSizeMb: WORKER_YOUNG_MB }) {
    this.here = here ? new HereSlot(here) : null;
  }

  read(job: RangeJob, listener: RangeListener, evaluate = false): void {
    if (this.broken) { listener.failed(this.broken); return; }
    if (this.workers.length === 0) this.start();
    this.waiting.push({ job, listener, evaluate });
    this.dispatch();
  }

  cancel(listener: RangeListener): void {
    const at = this.waiting.findIndex((w) => w.listener === listener);
    if (at >= 0) this.waiting.splice(at, 1);
  }

  broadcast(payload: unknown): void {
    if (this.broken) return;
    if (this.workers.length === 0) this.start();
    for (const w of this.workers) w.postMessage({ kind: 'setup', payload } satisfies JobMessage);
    this.here?.setup(payload);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.workers.length = 0;
    this.idle.length = 0;
  }

  private start(): void {
    for (let i = this.here ? 1 : 0; i < this.threads; i++) {
      const w = new Worker(this.script, { resourceLimits: this.limits });
      w.on('message', (m: WorkerMessage) => this.receive(w, m));
      w.on('error', (e) => this.lost(w, e));
      // Given ranges once it runs: a thread takes ~0.1–0.3 s to start, in which this thread,
      // waiting, takes the first ranges itself instead of waiting for the one sent there.
      w.once('online', () => { if (this.workers.includes(w)) { this.idle.push(w); this.dispatch(); } });
      this.workers.push(w);
    }
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.waiting.length > 0) {
      const w = this.idle.shift()!;
      const { job, listener, evaluate } = this.waiting.shift()!;
      const id = this.nextId++;
      this.listeners.set(id, listener);
      this.busy.set(w, id);
      w.postMessage({ kind: 'job', id, job, evaluate } satisfies JobMessage);
    }
  }

  waits(waiting: boolean): void {
    this.mainWaits = waiting;
    if (waiting) this.evaluateHere();
  }

  /**
   * While this thread waits for a range and evaluates none, it evaluates the first waiting
   * range no worker took. The workers took the ranges before it: theirs are absorbed first,
   * while this one's waits its turn. Only while it waits: the ranges it must absorb in turn
   * (numbering PERSON row by row) come first.
   */
  private evaluateHere(): void {
    const here = this.here;
    const at = here && this.mainWaits && !here.busy ? this.waiting.findIndex((w) => w.evaluate) : -1;
    if (at < 0) return;
    const { job, listener } = this.waiting.splice(at, 1)[0]!;
    void here!.evaluate(job, listener).then(() => this.evaluateHere());
  }

  private receive(w: Worker, m: WorkerMessage): void {
    const listener = this.listeners.get(m.id);
    if (!listener) return;
    if (m.kind === 'rows') {
      const { lines, kinds, nums } = m.batch;
      listener.batch(m.batch, () => w.postMessage({ kind: 'free', buffers: { lines, kinds, nums } } satisfies JobMessage, transferList(m.batch)));
      return;
    }
    this.listeners.delete(m.id);
    this.busy.delete(w);
    this.idle.push(w);
    if (m.kind === 'done') listener.done(m.end, m.issues, m.partial, (buffers) => { if (buffers.length > 0) w.postMessage({ kind: 'recycle', buffers } satisfies JobMessage, buffers); });
    else if (m.kind === 'declined') listener.declined();
    else listener.failed(m.failure);
    this.dispatch();
  }

  /**
   * A thread that died stops the run: its range fails, and so does every range no thread has
   * taken yet. It may die idle, even before it runs (`online`): the ranges then waiting for it
   * would otherwise wait for ever, as nothing else takes a range of rows. Out of memory is the
   * user's to act on (a data error, exit 3, as on the main thread); anything else is a bug.
   */
  private lost(w: Worker, e: Error): void {
    for (const list of [this.workers, this.idle]) { const at = list.indexOf(w); if (at >= 0) list.splice(at, 1); }
    const failure = lostFailure(e);
    this.broken ??= failure;
    const id = this.busy.get(w);
    const listener = id === undefined ? undefined : this.listeners.get(id);
    this.busy.delete(w);
    if (id !== undefined) this.listeners.delete(id);
    listener?.failed(failure);
    for (const { listener: waiting } of this.waiting.splice(0)) waiting.failed(failure);
  }
}

/** Why a thread stopped, as its ranges fail with it. */
function lostFailure(e: Error): RangeFailure {
  const message = `a reading thread stopped: ${e.message}`;
  if ((e as NodeJS.ErrnoException).code !== 'ERR_WORKER_OUT_OF_MEMORY') return { message };
  const bare = `a reading thread ran out of memory (${e.message}): run with --threads 1, or ${MORE_HEAP}`;
  return { message: bare, data: { bare } };
}
