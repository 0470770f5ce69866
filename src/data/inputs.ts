import { createReadStream, type Stats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { DataError } from '../errors.js';
import type { TableInput } from './read.js';
import { tableForFileName } from './tables.js';
import { listZip, openZipMember } from './zip.js';

const TABLE_FILE = /\.(txt|csv)$/i;
const ZIP_FILE = /\.zip$/i;
// 256 KB: as fast as larger reads, and larger ones leave ~80 MB of buffers waiting for the collector.
const CHUNK = 1 << 18;

/** A table file with its size in bytes (unpacked, for a zip member), for progress. */
export interface SizedInput extends TableInput {
  readonly size: number;
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
 */
export async function findInputs(paths: readonly string[]): Promise<FoundInputs> {
  const files: Array<{ file: string; display: string }> = [];
  for (const p of paths) {
    let st: Stats;
    try {
      st = await stat(p);
    } catch {
      throw new DataError('no such file or folder', p);
    }
    if (st.isDirectory()) for (const f of await walk(p)) files.push({ file: f, display: path.relative(process.cwd(), f) || f });
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
        if (TABLE_FILE.test(m.name)) add(m.name, { display: shown, size: m.size, open: () => openZipMember(file, m) });
      });
    } else if (TABLE_FILE.test(file)) {
      const size = (await stat(file)).size;
      add(file, { display, size, open: () => createReadStream(file, { highWaterMark: CHUNK }) });
    }
  }
  return byTable;
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: string[] = [];
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(full)));
    else if (e.isFile()) out.push(full);
  }
  return out;
}

/** One named file as the input of `table` (a template's own CSV, such as a baseline per area). */
export function fileInput(table: string, file: string): TableInput {
  return { table, display: path.relative(process.cwd(), file) || file, open: () => createReadStream(file, { highWaterMark: CHUNK }) };
}
