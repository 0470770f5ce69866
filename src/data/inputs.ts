import { createReadStream, type Stats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { DataError } from '../errors.js';
import type { TableInput } from './read.js';
import { tableForFileName } from './tables.js';

const TABLE_FILE = /\.(txt|csv)$/i;
// 256 KB: as fast as larger reads, and larger ones leave ~80 MB of buffers waiting for the collector.
const CHUNK = 1 << 18;

/** Every table file under the `--data` paths, grouped by table, each group in path order. */
export async function findInputs(paths: readonly string[]): Promise<Map<string, TableInput[]>> {
  const files: Array<{ file: string; display: string }> = [];
  for (const p of paths) {
    let st: Stats;
    try {
      st = await stat(p);
    } catch {
      throw new DataError('no such file or folder', p);
    }
    if (st.isDirectory()) for (const f of await walk(p)) files.push({ file: f, display: path.relative(process.cwd(), f) || f });
    else files.push({ file: p, display: p });
  }
  const byTable = new Map<string, TableInput[]>();
  for (const { file, display } of files) {
    if (!TABLE_FILE.test(file)) continue;
    const table = tableForFileName(path.basename(file).replace(TABLE_FILE, ''));
    const list = byTable.get(table) ?? [];
    list.push({ table, display, open: () => createReadStream(file, { highWaterMark: CHUNK }) });
    byTable.set(table, list);
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
