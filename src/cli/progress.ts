import type { OnRead } from '../data/counted.js';
import type { SizedInput } from '../data/inputs.js';

export interface Progress {
  readonly onChunk: OnRead | undefined;
  done(): void;
}

/** Below this much input a run is over before a progress line would help. */
const MIN_BYTES = 8 * 1024 * 1024;
const EVERY_MS = 250;

/**
 * A progress line on stderr (files, MB read of total, rows per second) for big
 * runs on a terminal; nothing when stderr is not a TTY (batch jobs, pipes) or
 * with --quiet. Rows are counted as line ends, which is what a row is.
 */
export function startProgress(data: ReadonlyMap<string, readonly SizedInput[]>, quiet: boolean, stream: NodeJS.WriteStream = process.stderr): Progress {
  const all = [...data.values()].flat();
  const total = all.reduce((n, i) => n + i.size, 0);
  if (quiet || !stream.isTTY || total < MIN_BYTES) return { onChunk: undefined, done: () => undefined };
  const started = Date.now();
  const files = new Set<string>();
  let bytes = 0;
  let rows = 0;
  let shown = 0;
  const mb = (n: number) => (n / 1048576).toFixed(1);
  const show = () => {
    const secs = Math.max((Date.now() - started) / 1000, 0.001);
    stream.write(`\rkpi: file ${files.size} of ${all.length}, ${mb(bytes)} of ${mb(total)} MB, ${Math.round(rows / secs).toLocaleString('en')} rows/s\u001b[K`);
  };
  return {
    onChunk: (chunk, file) => {
      files.add(file);
      if (Buffer.isBuffer(chunk)) {
        bytes += chunk.length;
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) rows++;
      } else {
        bytes += chunk.bytes;
        rows += chunk.lines;
      }
      const now = Date.now();
      if (now - shown >= EVERY_MS) { shown = now; show(); }
    },
    done: () => { if (shown > 0) stream.write('\r\u001b[K'); },
  };
}
