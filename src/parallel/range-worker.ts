import { parentPort } from 'node:worker_threads';
import { readRange } from '../data/range.js';
import { DataError } from '../errors.js';
import type { IssueEntry, JobMessage, RangeFailure, WorkerMessage } from './messages.js';
import { BatchWriter, transferList } from './wire.js';

/** A reading thread: reads each range it is sent and posts its rows in batches, then how it ended. */
const port = parentPort!;

/**
 * Batches out (posted, not yet given back) before reading pauses: a range read ahead of the
 * one the main thread applies waits after ~25k rows instead of holding all of its rows.
 */
const BATCHES_OUT = 3;

const writer = new BatchWriter(BATCHES_OUT);

port.on('message', (m: JobMessage) => {
  if (m.kind === 'free') { writer.recycle(m.buffers); return; }
  const { id, job } = m;
  const post = (w: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(w, transfer);
  writer.start(job.columns.length, (batch) => post({ id, kind: 'rows', batch }, transferList(batch)));
  const issues: IssueEntry[] = [];
  readRange(job, (values, line) => writer.add(values, line), { add: (_file, line, reason, opts = {}) => { issues.push({ line, reason, opts }); } }, () => writer.room())
    .then((end) => { writer.flush(); post({ id, kind: 'done', end, issues }); })
    .catch((e: unknown) => post({ id, kind: 'failed', failure: failureOf(e) }));
});

function failureOf(e: unknown): RangeFailure {
  const message = e instanceof Error ? e.message : String(e);
  if (!(e instanceof DataError)) return { message };
  const prefix = e.file ? `${e.file}${e.line ? `:${e.line}` : ''}${e.column ? `:${e.column}` : ''}: ` : '';
  return { message, data: { bare: message.slice(prefix.length), ...(e.file ? { file: e.file } : {}), ...(e.line ? { line: e.line } : {}), ...(e.column ? { column: e.column } : {}) } };
}
