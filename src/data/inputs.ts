import { createReadStream, type Stats } from 'node:fs';
import { open, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { DataError } from '../errors.js';
import type { TableInput } from './read.js';
import { tableForFileName } from './tables.js';
import { listZip, openZipMember } from './zip.js';

const TABLE_FILE = /\.(txt|csv)$/i;
const ZIP_FILE = /\.zip$/i;
// 256 KB: as fast as larger reads, and larger ones leave ~80 MB of buffers waiting for the collector.
export const CHUNK = 1 << 18;

/** A table file with its size in bytes (unpacked, for a zip member), for progress. */
export interface SizedInput extends TableInput {
  readonly size: number;
  /** The file on disk it comes from (the zip, for a member), so that `--out` can refuse to overwrite it. */
  readonly source: string;
}

/** The table files by table, and what was found but not read (zips inside zips), for warnings. */
export class FoundInputs extends Map<string, SizedInput[]> {
  /** Members that are zips themselves: named in warnings and in "table not found" messages. */
  readonly nestedZips: string[] = [];
  /** Names that occur more than once in one zip: every entry is read, each once. */
  readonly repeatedMembers: string[] = [];
}

/**
 * Every table file under the `--data` paths, grouped by table, each group in
 * path order. A `.zip` (given or found in a folder) stands for the table files
 * inside it, sub-folders included; they are streamed from the zip when read.
 * Symbolic links to files and folders are followed (a folder of links to this
 * month's exports is common); a broken link or a loop is passed to `warn`.
 */
export async function findInputs(paths: readonly string[], warn: (message: string) => void = () => undefined): Promise<FoundInputs> {
  const files: Array<{ file: string; display: string }> = [];
  for (const p of paths) {
    let st: Stats;
    try {
      st = await stat(p);
    } catch {
      throw new DataError('no such file or folder', p);
    }
    if (st.isDirectory()) for (const f of await walk(p, new Set([await realpath(p)]), warn)) files.push({ file: f, display: path.relative(process.cwd(), f) || f });
    else if (TABLE_FILE.test(p) || ZIP_FILE.test(p)) files.push({ file: p, display: p });
    else throw new DataError('is not a table file: --data takes folders, .txt, .csv and .zip files', p);
  }
  const byTable = new FoundInputs();
  const add = (name: string, input: Omit<SizedInput, 'table'>) => {
    const table = tableForFileName(path.posix.basename(name.replace(/\\/g, '/')).replace(TABLE_FILE, ''));
    const list = byTable.get(table) ?? [];
    list.push({ table, ...input });
    byTable.set(table, list);
  };
  for (const { file, display } of files) {
    if (ZIP_FILE.test(file)) {
      const members = await listZip(file);
      members.forEach((m, i) => {
        const again = i > 0 && members[i - 1]!.name === m.name;
        if (again && !byTable.repeatedMembers.includes(`${display}/${m.name}`)) byTable.repeatedMembers.push(`${display}/${m.name}`);
        if (ZIP_FILE.test(m.name)) byTable.nestedZips.push(`${display}/${m.name}`);
        const shown = `${display}/${m.name}${again ? ` (entry ${m.index + 1})` : ''}`;
        if (TABLE_FILE.test(m.name)) add(m.name, { display: shown, size: m.size, source: file, open: () => openZipMember(file, m) });
      });
    } else if (TABLE_FILE.test(file)) {
      const size = (await stat(file)).size;
      add(file, { display, size, source: file, path: file, open: () => createReadStream(file, { highWaterMark: CHUNK }) });
    }
  }
  return byTable;
}

/** Files under `dir` in name order; `seen` holds the real paths of the folders on the way down (a link back up is a loop). */
async function walk(dir: string, seen: ReadonlySet<string>, warn: (message: string) => void): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: string[] = [];
  for (const e of entries) {
    const full = path.join(dir, e.name);
    let isDir = e.isDirectory();
    let isFile = e.isFile();
    if (e.isSymbolicLink()) {
      const st = await stat(full).catch(() => null);
      if (!st) { warn(`${shown(full)}: a symbolic link to nothing: not read`); continue; }
      isDir = st.isDirectory();
      isFile = st.isFile();
    }
    if (isDir) {
      const real = await realpath(full);
      if (seen.has(real)) { warn(`${shown(full)}: a symbolic link back to a folder above it: not read again`); continue; }
      out.push(...(await walk(full, new Set([...seen, real]), warn)));
    } else if (isFile) out.push(full);
  }
  return out;
}

function shown(file: string): string {
  return path.relative(process.cwd(), file) || file;
}

/** One named file as the input of `table` (a template's own CSV, such as a baseline per area). */
export function fileInput(table: string, file: string): TableInput {
  return { table, display: path.relative(process.cwd(), file) || file, open: () => createReadStream(file, { highWaterMark: CHUNK }) };
}

/** Bytes sampled from a file's start to guess its line length. */
const SAMPLE = 1 << 16;

/**
 * The most rows an estimate promises (about 4 M, over a province's PERSON): the estimate only
 * sizes tables ahead, and a file whose first 64 KB are blank lines must not make the engine
 * reserve gigabytes before the reader has seen what the file is. Past it, tables grow as rows come.
 */
const MAX_ESTIMATE = 1 << 22;

/**
 * About how many rows a table of `inputs` yields, from the size of its plain files and the
 * line ends in each one's first 64 KB (zip members and unreadable files count 0): enough to
 * size a table once instead of doubling it. By default the largest file, not the sum: several
 * exports of one table are merged by key, and mostly hold the same persons (a join index).
 * `sum` bounds the distinct keys of a merge, whose files may hold different rows (monthly
 * exports of services). At most `MAX_ESTIMATE`.
 */
export async function estimateRows(inputs: readonly TableInput[], how: 'largest' | 'sum' = 'largest'): Promise<number> {
  let rows = 0;
  for (const input of inputs) {
    // A file that cannot be read is the reader's to report, with its own message.
    const lines = input.path === undefined ? 0 : await estimateLines(input.path).catch(() => 0);
    rows = how === 'sum' ? rows + lines : Math.max(rows, lines);
  }
  return Math.min(rows, MAX_ESTIMATE);
}

async function estimateLines(file: string): Promise<number> {
  const fh = await open(file);
  try {
    const size = (await fh.stat()).size;
    const { buffer, bytesRead } = await fh.read(Buffer.alloc(Math.min(SAMPLE, size)), 0, Math.min(SAMPLE, size), 0);
    const sample = buffer.subarray(0, bytesRead);
    const lines = count(sample, 10) || count(sample, 13);
    return lines > 0 ? Math.ceil((lines * size) / bytesRead) : 0;
  } finally {
    await fh.close();
  }
}

function count(buf: Buffer, byte: number): number {
  let n = 0;
  for (let i = buf.indexOf(byte); i !== -1; i = buf.indexOf(byte, i + 1)) n++;
  return n;
}
