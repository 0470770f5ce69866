import { isAscii as isAsciiBuffer, isUtf8 } from 'node:buffer';
import type { TableInput } from './read.js';
import type { Decoder } from './split.js';

export type Encoding = 'auto' | 'utf8' | 'tis620';

/**
 * Windows-874 rather than plain TIS-620: it is TIS-620 plus a few punctuation
 * marks in 0x80–0x9F that Windows exporters do write, so it decodes both.
 */
const THAI = new TextDecoder('windows-874');

const utf8: Decoder = (buf, s, e) => buf.toString('utf8', s, e);
const thai: Decoder = (buf, s, e) => (isAscii(buf, s, e) ? buf.toString('latin1', s, e) : THAI.decode(buf.subarray(s, e)));

function isAscii(buf: Buffer, s: number, e: number): boolean {
  for (let i = s; i < e; i++) if (buf[i]! >= 0x80) return false;
  return true;
}

/** Decodes a whole small file (hospitals list): strict UTF-8 when it is, else Thai. */
export function decodeWhole(buf: Buffer, encoding: Encoding): string {
  const text = encoding === 'tis620' || (encoding === 'auto' && !isUtf8(buf)) ? THAI.decode(buf) : buf.toString('utf8');
  return text.replace(/^\uFEFF/, '');
}

/** A table input together with the decoder chosen for its bytes. */
export interface DecodedInput {
  readonly input: TableInput;
  readonly decode: Decoder;
  /** The encoding used; with `auto`, known once the first non-ASCII bytes have streamed by. */
  encoding(): 'utf8' | 'tis620' | 'ascii';
}

/**
 * The decoder for one file. With `auto`, each chunk is checked as it streams by,
 * before the reader decodes any of it: the file is UTF-8 until a chunk is not
 * strict UTF-8, from then on Windows-874. Exporters write one encoding per file,
 * and the first chunk (4 MB) that has Thai text in it settles which; a UTF-8
 * sequence cut at a chunk end is checked with the next chunk.
 */
export function withDecoder(input: TableInput, encoding: Encoding): DecodedInput {
  if (encoding === 'utf8') return { input, decode: utf8, encoding: () => 'utf8' };
  if (encoding === 'tis620') return { input, decode: thai, encoding: () => 'tis620' };
  let mode: 'ascii' | 'utf8' | 'tis620' = 'ascii';
  let tail: Buffer | null = null;
  const sniffed: TableInput = {
    table: input.table,
    display: input.display,
    async *open() {
      for await (const chunk of input.open()) {
        if (mode !== 'tis620') {
          const joined: Buffer = tail ? Buffer.concat([tail, chunk]) : chunk;
          const cut = incompleteTail(joined);
          const whole = joined.subarray(0, joined.length - cut);
          tail = cut > 0 ? Buffer.from(joined.subarray(joined.length - cut)) : null;
          if (!isUtf8(whole)) mode = 'tis620';
          else if (mode === 'ascii' && !isAsciiBuffer(whole)) mode = 'utf8';
        }
        yield chunk;
      }
      if (mode !== 'tis620' && tail && !isUtf8(tail)) mode = 'tis620';
    },
  };
  const decode: Decoder = (buf, s, e) => (mode === 'tis620' ? thai(buf, s, e) : utf8(buf, s, e));
  return { input: sniffed, decode, encoding: () => mode };
}

/** How many bytes at the end of `buf` start a UTF-8 sequence that the buffer cuts short. */
function incompleteTail(buf: Buffer): number {
  const n = buf.length;
  for (let back = 1; back <= 3 && back <= n; back++) {
    const b = buf[n - back]!;
    if (b < 0x80) return 0;
    if (b >= 0xc0) {
      const len = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return len > back ? back : 0;
    }
  }
  return 0;
}
