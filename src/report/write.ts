import { rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DataError } from '../errors.js';

/** Writes the whole file or nothing: a temporary file beside it, then one rename. */
export async function writeAtomically(file: string, content: string | Uint8Array): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.kpi-tmp-${process.pid}`);
  try {
    await writeFile(tmp, content);
    await rename(tmp, file);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw new DataError(`cannot write: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, file);
  }
}
