import { open, type FileHandle } from 'node:fs/promises';
import { isAscii } from 'node:buffer';
import { FileEncoding, type Encoding } from './decode.js';
import { CHUNK } from './inputs.js';
import { noteLayout, startTable, type ColumnRequest, type IssueSink, type ReadStats, type RowGate, type RowSink, type TableInput } from './read.js';
import { sniff, type Layout } from './sniff.js';

/**
 * One byte range of a plain table file, read on its own (on a worker thread): everything a
 * reader needs without reading the file's start again. Plain data, so it can be posted.
 */
export interface RangeJob {
  readonly table: string;
  readonly display: string;
  readonly path: string;
  readonly size: number;
  readonly columns: readonly ColumnRequest[];
  /** The file's bytes up to its first data line (the header, a BOM). */
  readonly header: Uint8Array;
  readonly layout: Layout;
  /** The file's encoding as reading it whole would decide it (`auto` only for a file all ASCII). */
  readonly encoding: Encoding;
  /** The first record starts at `from`; records that start at `to` or later are the next range's. */
  readonly from: number;
  readonly to: number;
}

/** What reading a range did: its rows, lines counted from the range's start, and where its last record ends. */
export interface RangeEnd {
  readonly rows: number;
  readonly skipped: number;
  readonly lines: number;
  /** The offset of the first record start at or after `to`, or the file's size. */
  readonly next: number;
}

/**
 * Reads the records that start in `[job.from, job.to)`, the last one to its end wherever it
 * ends, with the one-thread reader's own record code. Lines passed to `onRow` and `issues`
 * count from the range's start (0). After the first read, chunks are cut on the 256 KB grid of
 * a stream of the whole file. Between chunks, `pause` may hold the reading (until the rows
 * handed on so far are taken).
 */
export async function readRange(job: RangeJob, onRow: RowSink, issues: IssueSink, pause: () => Promise<void> | null = () => null, gate: RowGate | null = null): Promise<RangeEnd> {
  const input: TableInput = { table: job.table, display: job.display, path: job.path, open: () => { throw new Error('a range is not streamed'); } };
  const enc = new FileEncoding(job.encoding);
  const stats: ReadStats = { rows: 0, skipped: 0, bytes: 0 };
  const state = startTable(input, Buffer.from(job.header), job.layout, job.columns, enc, stats, 0, gate);
  const fh = await open(job.path);
  try {
    // One buffer for the whole range, the record cut by a chunk's end moved to its start: no
    // fresh memory per chunk (on some machines a page touched for the first time costs more
    // than parsing it).
    let work = Buffer.allocUnsafe(CHUNK + (1 << 13));
    let carried = 0;
    let at = job.from;
    while (at < job.size) {
      // A short range needs no 256 KB first read (tests cut files every few bytes).
      const want = Math.min(CHUNK - (at % CHUNK), job.size - at, at === job.from ? job.to - at + (1 << 12) : Infinity);
      if (carried + want > work.length) work = Buffer.concat([work.subarray(0, carried)], carried + want);
      const { bytesRead } = await fh.read(work, carried, want, at);
      if (bytesRead === 0) break;
      at += bytesRead;
      enc.see(work.subarray(carried, carried + bytesRead), true);
      const buf = work.subarray(0, carried + bytesRead);
      state.limit = job.to - (at - buf.length);
      const pos = state.records(buf, 0, stats, onRow, issues, false);
      if (state.stopped) return { rows: stats.rows, skipped: stats.skipped, lines: state.lastLine, next: at - buf.length + pos };
      carried = buf.length - pos;
      work.copyWithin(0, pos, buf.length);
      await pause();
    }
    // The last line may lack its line end: give it one, as the whole-file reader does.
    if (carried > 0) {
      state.limit = Infinity;
      state.records(Buffer.concat([work.subarray(0, carried), Buffer.from([job.layout.eol])]), 0, stats, onRow, issues, true);
    }
    return { rows: stats.rows, skipped: stats.skipped, lines: state.lastLine, next: job.size };
  } finally {
    await fh.close();
  }
}

async function readAt(fh: FileHandle, at: number, length: number): Promise<Buffer> {
  const buf = Buffer.allocUnsafe(length);
  const { bytesRead } = await fh.read(buf, 0, length, at);
  return bytesRead < length ? buf.subarray(0, bytesRead) : buf;
}

/** A file cut into ranges: the start (reading it whole would give) and the range starts. */
export interface RangePlan {
  readonly header: Buffer;
  readonly layout: Layout;
  readonly encoding: Encoding;
  readonly size: number;
  /** Range starts, the first at the first data line; each but the first just after a line end. */
  readonly starts: number[];
  readonly stats: ReadStats;
}

/**
 * Opens `input` as the whole-file reader would (layout, header, missing columns, notes about
 * the layout go to `issues`) and cuts its body every `rangeBytes` at the next line end. A cut
 * may fall inside a quoted field that holds a line end: the caller checks each start against
 * where the range before it really ended.
 */
export async function planRanges(input: TableInput & { path: string }, columns: readonly ColumnRequest[], issues: IssueSink, encoding: Encoding, rangeBytes: number): Promise<RangePlan> {
  const fh = await open(input.path);
  try {
    const size = (await fh.stat()).size;
    const settled = encoding === 'auto' ? await settleEncoding(fh, size) : encoding;
    let head = Buffer.alloc(0);
    let layout: Layout | null = null;
    while (!layout) {
      const chunk = await readAt(fh, head.length, Math.min(CHUNK, size - head.length));
      head = Buffer.concat([head, chunk]);
      layout = sniff(head, chunk.length === 0 || head.length >= size, input.display);
    }
    const stats: ReadStats = { rows: 0, skipped: 0, bytes: size };
    startTable(input, head, layout, columns, new FileEncoding(settled), stats);
    noteLayout(input, layout, issues);
    const starts = [layout.bodyStart];
    for (let at = layout.bodyStart + rangeBytes; at < size;) {
      const cut = await nextLineStart(fh, at, size, layout.eol);
      if (cut < size) starts.push(cut);
      at = Math.max(at + rangeBytes, cut + 1);
    }
    return { header: head.subarray(0, layout.bodyStart), layout, encoding: settled, size, starts, stats };
  } finally {
    await fh.close();
  }
}

/** The offset just after the first `eol` byte at or after `at` (the file's size when none). */
async function nextLineStart(fh: FileHandle, at: number, size: number, eol: number): Promise<number> {
  for (let pos = at; pos < size; pos += 1 << 16) {
    const window = await readAt(fh, pos, Math.min(1 << 16, size - pos));
    const i = window.indexOf(eol);
    if (i !== -1) return pos + i + 1;
    if (window.length === 0) break;
  }
  return size;
}

/**
 * The encoding `auto` settles on for the whole file: the whole-file reader decides from the
 * first 256 KB chunk that holds a byte above ASCII (the ASCII before it counts neither way),
 * so the same chunk decides here. `auto` stays for a file that is ASCII throughout.
 */
async function settleEncoding(fh: FileHandle, size: number): Promise<Encoding> {
  const BLOCK = CHUNK * 16;
  // One block's memory for the whole file, which may be read to its end.
  const space = Buffer.allocUnsafe(Math.min(BLOCK, size));
  for (let at = 0; at < size; at += BLOCK) {
    const { bytesRead } = await fh.read(space, 0, Math.min(BLOCK, size - at), at);
    const block = space.subarray(0, bytesRead);
    if (isAscii(block)) continue;
    for (let s = 0; s < block.length; s += CHUNK) {
      const enc = new FileEncoding('auto');
      const chunk = block.subarray(s, s + CHUNK);
      if (enc.see(chunk, true) && enc.name !== 'ascii') return enc.name;
    }
  }
  return 'auto';
}
