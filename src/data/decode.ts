import { isAscii as isAsciiBuffer, isUtf8 } from 'node:buffer';
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

/**
 * Whether a sample with bytes ≥ 0x80 is UTF-8: more well-formed multi-byte sequences than
 * stray high bytes. Thai text in TIS-620 almost never forms a UTF-8 sequence, and a UTF-8
 * file with one damaged byte still has many good ones, so the majority settles it.
 */
export function looksUtf8(sample: Buffer): { utf8: boolean; evidence: number } {
  let good = 0;
  let bad = 0;
  for (let i = 0; i < sample.length; i++) {
    const b = sample[i]!;
    if (b < 0x80) continue;
    const len = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = len > 0;
    for (let k = 1; ok && k < len && i + k < sample.length; k++) ok = (sample[i + k]! & 0xc0) === 0x80;
    // A sequence cut by the end of the sample counts neither way.
    if (ok && i + len > sample.length) break;
    if (ok) { good++; i += len - 1; } else bad++;
  }
  return { utf8: good > bad, evidence: good + bad };
}

/** Characters above ASCII enough to judge by, or else this many bytes of sample. */
const EVIDENCE = 16;
const SAMPLE_BYTES = 1 << 16;

/**
 * One file's encoding, decided once. With `auto` the decision waits for the first chunk
 * that holds a byte ≥ 0x80 (until then every byte is ASCII, the same in both encodings)
 * and is taken from that chunk as a sample, before any of it is decoded; it never changes
 * afterwards, so a damaged byte later in a UTF-8 file cannot switch the rest of the file.
 */
export class FileEncoding {
  private mode: 'ascii' | 'utf8' | 'tis620';

  constructor(encoding: Encoding) {
    this.mode = encoding === 'auto' ? 'ascii' : encoding;
  }

  /** Shown in messages and `--format json` inputs. */
  get name(): 'ascii' | 'utf8' | 'tis620' {
    return this.mode;
  }

  /** UTF-8 (decided or forced): invalid bytes become U+FFFD and are reported by the reader. */
  get isUtf8(): boolean {
    return this.mode === 'utf8';
  }

  /**
   * Called with the bytes about to be read before any of them is decoded; false while they
   * are too few to tell (fewer than 16 characters above ASCII in less than 64 KB), unless
   * `eof` forces a choice: the reader then holds them back and asks again with more.
   */
  see(buf: Buffer, eof = false): boolean {
    if (this.mode !== 'ascii' || isAsciiBuffer(buf)) return true;
    const { utf8, evidence } = looksUtf8(buf);
    if (evidence < EVIDENCE && buf.length < SAMPLE_BYTES && !eof) return false;
    this.mode = utf8 ? 'utf8' : 'tis620';
    return true;
  }

  readonly decode: Decoder = (buf, s, e) => (this.mode === 'tis620' ? thai(buf, s, e) : utf8(buf, s, e));
}

/**
 * A whole small file (hospitals list) as text, by the same rule as tables: bytes that are
 * not UTF-8 in a UTF-8 file become U+FFFD, and `badLines` says on which lines.
 */
export function decodeWhole(buf: Buffer, encoding: Encoding): { text: string; badLines: number[] } {
  const enc = new FileEncoding(encoding);
  enc.see(buf, true);
  const badLines: number[] = [];
  if (enc.isUtf8 && !isUtf8(buf)) {
    let line = 1;
    for (let s = 0; s < buf.length; line++) {
      const nl = buf.indexOf(10, s);
      const e = nl === -1 ? buf.length : nl + 1;
      if (!isUtf8(buf.subarray(s, e))) badLines.push(line);
      s = e;
    }
  }
  return { text: enc.decode(buf, 0, buf.length).replace(/^\uFEFF/, ''), badLines };
}
