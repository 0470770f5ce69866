import { chmod, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DataError } from '../errors.js';

/**
 * Writes the whole file or nothing: a temporary file beside it, then one rename.
 * `mode` (e.g. 0o600 for a file of names) is set before any byte is written and kept by the rename.
 */
export async function writeAtomically(file: string, content: string | Uint8Array, mode?: number): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.kpi-tmp-${process.pid}`);
  try {
    if (mode !== undefined) {
      await unlink(tmp).catch(() => undefined);
      await writeFile(tmp, '', { mode, flag: 'wx' });
      await chmod(tmp, mode);
    }
    await writeFile(tmp, content);
    await rename(tmp, file);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw new DataError(`cannot write: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, file);
  }
}
