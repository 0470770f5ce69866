#!/usr/bin/env node
// The floor under any JavaScript reader of the bench files, timed by run.mjs beside kpi and
// DuckDB: two threads (this one and one worker) each read half of every file, cut at a line
// end, in 1 MB chunks, and look at every byte once, counting line ends and delimiters. kpi
// does this and much more; DuckDB does its reading natively. Its ratio to DuckDB on a host says
// how close to DuckDB a JavaScript program can come there at all (issue 18 quoted 0.49–0.56 ×
// for such a scanner on the host it was written on), so targets set as a ratio to DuckDB can be
// read per host.
// Usage: node bench/floor.mjs DATA_DIR   (prints {"TABLE": {"lines": N, "delimiters": N}, …})
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

const FILES = { PERSON: 'PERSON.csv', NUTRITION: 'NUTRITION.csv', ANC: 'ANC.csv', DEATH: 'DEATH.txt' };
const CHUNK = 1 << 20;
const LF = 10;
const COMMA = 44;
const PIPE = 124;

/** Line ends and delimiters (comma or pipe) in bytes [from, to) of a file. */
function countRange(file, from, to) {
  const fd = openSync(file, 'r');
  const buf = Buffer.allocUnsafe(CHUNK);
  let lines = 0;
  let delimiters = 0;
  for (let at = from; at < to;) {
    const n = readSync(fd, buf, 0, Math.min(CHUNK, to - at), at);
    if (n <= 0) break;
    for (let i = 0; i < n; i++) {
      const c = buf[i];
      if (c === LF) lines++;
      else if (c === COMMA || c === PIPE) delimiters++;
    }
    at += n;
  }
  closeSync(fd);
  return { lines, delimiters };
}

/** Where the second half of a file starts: just after the first line end from its middle. */
function cutOf(file) {
  const fd = openSync(file, 'r');
  const size = fstatSync(fd).size;
  const buf = Buffer.allocUnsafe(1 << 16);
  const half = Math.floor(size / 2);
  const n = readSync(fd, buf, 0, buf.length, half);
  closeSync(fd);
  const at = buf.subarray(0, n).indexOf(LF);
  return { size, cut: at < 0 ? size : half + at + 1 };
}

const countAll = (ranges) => ranges.map(([file, from, to]) => countRange(file, from, to));

if (isMainThread) {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: node bench/floor.mjs DATA_DIR');
  const files = Object.values(FILES).map((f) => path.join(dir, f));
  const cuts = files.map(cutOf);
  const worker = new Worker(new URL(import.meta.url), { workerData: files.map((f, i) => [f, cuts[i].cut, cuts[i].size]) });
  const second = new Promise((resolve, reject) => { worker.once('message', resolve); worker.once('error', reject); });
  const first = countAll(files.map((f, i) => [f, 0, cuts[i].cut]));
  const rest = await second;
  const out = {};
  Object.keys(FILES).forEach((table, i) => {
    out[table] = { lines: first[i].lines + rest[i].lines, delimiters: first[i].delimiters + rest[i].delimiters };
  });
  process.stdout.write(JSON.stringify(out) + '\n');
} else {
  parentPort.postMessage(countAll(workerData));
}
