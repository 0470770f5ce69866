import type { MessagePort } from 'node:worker_threads';
import { readRange, type RangeEnd, type RangeJob } from '../data/range.js';
import type { IssueSink } from '../data/read.js';
import { DataError } from '../errors.js';
import type { IssueEntry, JobMessage, RangeFailure, WorkerMessage } from './messages.js';
import { BatchWriter, transferList } from './wire.js';

/**
 * What a thread does with the rows of a range instead of posting them (the engine: it counts
 * them there and posts its counts, `partial`, opaque to this folder). `transfer`: buffers of
 * the partial moved rather than copied; the main thread gives them back once it has used
 * them (`recycle`), so a run allocates a few of them, not one set per range.
 */
export interface RangeEvaluator {
  /** `null`: the range is better read on the main thread, from its start, in its turn. */
  evaluate(job: RangeJob, issues: IssueSink): Promise<{ end: RangeEnd; partial: unknown; transfer: ArrayBuffer[] } | null>;
  recycle(buffers: ArrayBuffer[]): void;
}

/** Makes, from a `setup` message's payload, how the ranges sent after it are evaluated. */
export type EvaluatorFactory = (payload: unknown) => Promise<RangeEvaluator>;

/**
 * The evaluator after one more setup. Setups apply in order, each before the ranges sent after
 * it; a failed one fails the ranges that follow it, and with none yet it must not end the thread.
 */
export function nextEvaluator(previous: Promise<RangeEvaluator | null>, evaluatorFor: EvaluatorFactory, payload: unknown): Promise<RangeEvaluator | null> {
  const next = previous.catch(() => null).then(() => evaluatorFor(payload));
  next.catch(() => undefined);
  return next;
}

/** How evaluating one range ended, on whichever thread it ran (`evaluator`: the one that made the partial, to give its buffers back to). */
export type Evaluated =
  | { readonly kind: 'done'; readonly end: RangeEnd; readonly issues: IssueEntry[]; readonly partial: unknown; readonly transfer: ArrayBuffer[]; readonly evaluator: RangeEvaluator }
  | { readonly kind: 'declined' }
  | { readonly kind: 'failed'; readonly failure: RangeFailure };

/** One range through the evaluator of the last setup, its issues collected to go with its end. */
export async function evaluateRange(evaluator: Promise<RangeEvaluator | null>, job: RangeJob): Promise<Evaluated> {
  const { issues, sink } = collectIssues();
  try {
    const e = (await evaluator)!;
    const done = await e.evaluate(job, sink);
    return done ? { kind: 'done', ...done, issues, evaluator: e } : { kind: 'declined' };
  } catch (e) {
    return { kind: 'failed', failure: failureOf(e) };
  }
}

/**
 * Batches out (posted, not yet given back) before reading pauses: a range read ahead of the
 * one the main thread applies waits after ~25k rows instead of holding all of its rows.
 */
const BATCHES_OUT = 3;

/** Serves ranges on a worker's port: reads each one it is sent and posts its rows in batches (or its evaluation), then how it ended. */
export function serveRanges(port: MessagePort, evaluatorFor?: EvaluatorFactory): void {
  const writer = new BatchWriter(BATCHES_OUT);
  // Messages are handled in order; a setup's asynchronous part must end before the next range starts.
  let evaluator: Promise<RangeEvaluator | null> = Promise.resolve(null);
  port.on('message', (m: JobMessage) => {
    if (m.kind === 'free') { writer.recycle(m.buffers); return; }
    if (m.kind === 'recycle') { void evaluator.then((e) => e?.recycle(m.buffers), () => undefined); return; }
    if (m.kind === 'setup') { evaluator = nextEvaluator(evaluator, evaluatorFor!, m.payload); return; }
    const { id, job } = m;
    const post = (w: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(w, transfer);
    const failed = (e: unknown) => post({ id, kind: 'failed', failure: failureOf(e) });
    if (m.evaluate) {
      evaluateRange(evaluator, job).then((r) => (r.kind === 'done' ? post({ id, kind: 'done', end: r.end, issues: r.issues, partial: r.partial }, r.transfer) : post({ id, ...r }))).catch(failed);
      return;
    }
    const { issues, sink } = collectIssues();
    writer.start(job.columns.length, (batch) => post({ id, kind: 'rows', batch }, transferList(batch)));
    readRange(job, (values, line) => writer.add(values, line), sink, () => writer.room())
      .then((end) => { writer.flush(); post({ id, kind: 'done', end, issues }); })
      .catch(failed);
  });
}

/** A range's issues as its reader reports them, kept to be posted with its end. */
function collectIssues(): { issues: IssueEntry[]; sink: IssueSink } {
  const issues: IssueEntry[] = [];
  return { issues, sink: { add: (_file, line, reason, opts = {}) => { issues.push({ line, reason, opts }); } } };
}

/** An error thrown while reading a range, as the main thread hears of it. */
function failureOf(e: unknown): RangeFailure {
  const message = e instanceof Error ? e.message : String(e);
  if (!(e instanceof DataError)) return { message };
  const prefix = e.file ? `${e.file}${e.line ? `:${e.line}` : ''}${e.column ? `:${e.column}` : ''}: ` : '';
  return { message, data: { bare: message.slice(prefix.length), ...(e.file ? { file: e.file } : {}), ...(e.line ? { line: e.line } : {}), ...(e.column ? { column: e.column } : {}) } };
}
