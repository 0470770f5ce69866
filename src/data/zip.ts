import type { Entry, ZipFile } from 'yauzl';
import { DataError } from '../errors.js';

/** One file inside a zip: its path there, its place in the central directory and its size unpacked. */
export interface ZipMember {
  readonly name: string;
  /** Entries are told apart by position: two may carry the same name. */
  readonly index: number;
  readonly size: number;
  readonly encrypted: boolean;
}

/** yauzl costs some 14 MB of memory to load: only runs that meet a zip load it. */
async function openZip(file: string): Promise<ZipFile> {
  const { default: yauzl } = await import('yauzl');
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: false }, (err, zip) => {
      if (err || !zip) reject(new DataError(`not a readable zip: ${err?.message ?? 'unknown error'}`, file));
      else resolve(zip);
    });
  });
}

/** Walks the zip's central directory (no unpacking) and hands each entry to `visit` until it returns true. */
function eachEntry(zip: ZipFile, file: string, visit: (e: Entry) => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    zip.on('entry', (e: Entry) => {
      if (visit(e)) resolve();
      else zip.readEntry();
    });
    zip.on('end', () => resolve());
    zip.on('error', (err: Error) => reject(new DataError(`not a readable zip: ${err.message}`, file)));
    zip.readEntry();
  });
}

/** The files (not folders) of a zip, sub-folders included, in name order (same names in entry order). */
export async function listZip(file: string): Promise<ZipMember[]> {
  const zip = await openZip(file);
  const out: ZipMember[] = [];
  let index = 0;
  try {
    await eachEntry(zip, file, (e) => {
      if (!e.fileName.endsWith('/')) out.push({ name: e.fileName, index, size: e.uncompressedSize, encrypted: e.isEncrypted() });
      index++;
      return false;
    });
  } finally {
    zip.close();
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.index - b.index));
}

/**
 * Streams one member, inflating as it goes: nothing is unpacked to disk and at
 * most one chunk is held. A damaged member (bad CRC, broken deflate data) is a
 * DataError naming the zip and the member.
 */
export async function* openZipMember(file: string, member: ZipMember): AsyncGenerator<Buffer> {
  const { name } = member;
  if (member.encrypted) throw new DataError(`${name}: encrypted zip members are not supported (unpack the zip with its password and give the folder to --data)`, file);
  const zip = await openZip(file);
  try {
    let found: Entry | null = null;
    let index = 0;
    await eachEntry(zip, file, (e) => {
      if (index++ !== member.index) return false;
      found = e;
      return true;
    });
    const entry = found as Entry | null;
    if (!entry || entry.fileName !== name) throw new DataError(`has no member ${name}`, file);
    const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) => {
      zip.openReadStream(entry, (err, s) => (err || !s ? reject(new DataError(`cannot unpack ${name}: ${err?.message ?? 'unknown error'}`, file)) : resolve(s)));
    });
    try {
      for await (const chunk of stream) yield chunk as Buffer;
    } catch (e) {
      if (e instanceof DataError) throw e;
      throw new DataError(`cannot unpack ${name}: ${(e as Error).message}`, file);
    }
  } finally {
    zip.close();
  }
}
