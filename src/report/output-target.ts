import { constants, type Stats } from 'node:fs';
import { access, chmod, lstat, readdir, realpath, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DataError, UsageError } from '../errors.js';

/**
 * Where results go, decided before any data is read, so that a long run never
 * ends in "cannot write": stdout, a regular file replaced whole (temporary file
 * + rename, its mode kept), or a character device or FIFO written through
 * (`/dev/stdout`, a named pipe), which a rename would replace with a file.
 */
export type OutputTarget =
  | { readonly kind: 'stdout' }
  | { readonly kind: 'file'; readonly display: string; readonly file: string; readonly mode: number | null }
  | { readonly kind: 'stream'; readonly display: string; readonly file: string };

/** Files a run reads (data, hospitals, templates, config): `--out` must not name one of them. */
export type InputFiles = readonly string[];

/** Temporary files are `.NAME.kpi-tmp-PID`, so a later run can tell a dead run's leftovers from a live one's. */
const TEMP = /^\..+\.kpi-tmp-(\d+)$/;
/** No write takes a day: a temp file this old is stale even if its PID was reused. */
const STALE_MS = 24 * 60 * 60 * 1000;

/** Checks `out` (undefined: stdout) without writing anything; a problem is an error before any work. */
export async function outputTarget(out: string | undefined, inputs: InputFiles = []): Promise<OutputTarget> {
  if (out === undefined) return { kind: 'stdout' };
  const link = await lstat(out).catch(() => null);
  const st = await stat(out).catch(() => null);
  if (link?.isSymbolicLink() && !st) throw new DataError('cannot write: a symbolic link to nothing (give the real path)', out);
  if (st) await refuseInput(out, st, inputs);
  if (st?.isDirectory()) throw new DataError('cannot write: is a folder (give a file name)', out);
  if (st && (st.isCharacterDevice() || st.isFIFO())) {
    await writable(out, out);
    return { kind: 'stream', display: out, file: out };
  }
  if (st && !st.isFile()) throw new DataError('cannot write: not a regular file, character device or FIFO (kpi never replaces one)', out);
  // A symbolic link is followed: the file it names is replaced and the link stays a link.
  const file = st && link?.isSymbolicLink() ? await realpath(out) : out;
  const dir = path.dirname(file);
  const dirStat = await stat(dir).catch(() => null);
  if (!dirStat) throw new DataError(`cannot write: folder ${dir} does not exist`, out);
  if (!dirStat.isDirectory()) throw new DataError(`cannot write: ${dir} is not a folder`, out);
  await writable(dir, out, `folder ${dir}`);
  if (st) await writable(file, out);
  return { kind: 'file', display: out, file, mode: st ? st.mode & 0o7777 : null };
}

async function writable(p: string, out: string, what = 'file'): Promise<void> {
  const mode = what === 'file' ? constants.W_OK : constants.W_OK | constants.X_OK;
  await access(p, mode).catch(() => { throw new DataError(`cannot write: ${what === 'file' ? 'no permission to write it' : `no permission to write in ${what}`}`, out); });
}

async function refuseInput(out: string, st: Stats, inputs: InputFiles): Promise<void> {
  for (const input of inputs) {
    const i = await stat(input).catch(() => null);
    if (i && i.dev === st.dev && i.ino === st.ino) {
      throw new UsageError(`--out ${out} is an input of this run (${input}): it would be overwritten with results; give another file`);
    }
  }
}

/** Writes `content` to the target: stdout, a device or FIFO as is, a file whole or not at all. */
export async function writeOutput(target: OutputTarget, content: string | Uint8Array): Promise<void> {
  if (target.kind === 'stdout') return writeStdout(content);
  if (target.kind === 'stream') {
    await writeFile(target.file, content).catch((e: unknown) => { throw cannotWrite(e, target.display); });
    return;
  }
  await removeStaleTemps(path.dirname(target.file));
  const tmp = path.join(path.dirname(target.file), `.${path.basename(target.file)}.kpi-tmp-${process.pid}`);
  try {
    await writeFile(tmp, content, { mode: target.mode ?? 0o666 });
    if (target.mode !== null) await chmod(tmp, target.mode);
    await rename(tmp, target.file);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw cannotWrite(e, target.display);
  }
}

/** Writes to stdout and waits for it: a full disk is an error (exit 3); a reader that went away (`| head`) is not. */
export function writeStdout(content: string | Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(content, (e) => {
      if (!e || (e as NodeJS.ErrnoException).code === 'EPIPE') resolve();
      else reject(new DataError(`cannot write to stdout: ${(e as NodeJS.ErrnoException).code ?? e.message}`));
    });
  });
}

function cannotWrite(e: unknown, display: string): DataError {
  return new DataError(`cannot write: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, display);
}

/** Temporary files of runs that were killed mid-write: their process is gone, or they are a day old. */
async function removeStaleTemps(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const pid = TEMP.exec(name)?.[1];
    if (pid === undefined || Number(pid) === process.pid) continue;
    const file = path.join(dir, name);
    const st = await lstat(file).catch(() => null);
    if (!st?.isFile()) continue;
    if (!alive(Number(pid)) || Date.now() - st.mtimeMs > STALE_MS) await unlink(file).catch(() => undefined);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
