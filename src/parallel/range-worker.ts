import { parentPort } from 'node:worker_threads';
import { readRange } from '../data/range.js';
import { DataError } from '../errors.js';
import type { IssueEntry, JobMessage, RangeFailure, WorkerMessage } from './messages.js';
import { BatchWriter } from './wire.js';

/** A reading thread: reads each range it is sent and posts its rows in batches, then how it ended. */
const port = parentPort!;

port.on('message', ({ id, job }: JobMessage) => {
  const post = (m: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
  const writer = new BatchWriter(job.columns.length, (batch) => post({ id, kind: 'rows', batch }, [batch.lines.buffer as ArrayBuffer, batch.kinds.buffer as ArrayBuffer, batch.nums.buffer as ArrayBuffer]));
  const issues: IssueEntry[] = [];
  readRange(job, (values, line) => writer.add(values, line), { add: (_file, line, reason, opts = {}) => { issues.push({ line, reason, opts }); } })
    .then((end) => { writer.flush(); post({ id, kind: 'done', end, issues }); })
    .catch((e: unknown) => post({ id, kind: 'failed', failure: failureOf(e) }));
});

function failureOf(e: unknown): RangeFailure {
  const message = e instanceof Error ? e.message : String(e);
  if (!(e instanceof DataError)) return { message };
  const prefix = e.file ? `${e.file}${e.line ? `:${e.line}` : ''}${e.column ? `:${e.column}` : ''}: ` : '';
  return { message, data: { bare: message.slice(prefix.length), ...(e.file ? { file: e.file } : {}), ...(e.line ? { line: e.line } : {}), ...(e.column ? { column: e.column } : {}) } };
}
