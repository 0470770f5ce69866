import type { Value } from '../expr/kinds.js';
import { asciiText } from './field-value.js';

/** 16 MB pages: no single huge buffer to copy when the store grows. */
const PAGE = 1 << 24;
const NULL = 0;
const NUMBER = 1;
const SHORT = 2;
const LONG = 3;
const FALSE = 4;
const TRUE = 5;
/** Text of under 256 characters, all ASCII: one byte a character, read back without a UTF-8 decoder. */
const ASCII = 6;

/**
 * Rows kept by number (a `KeyTable` key number), packed as bytes in pages outside the JS
 * heap: a tag per value, then a float64, or a 1- or 4-byte length and the UTF-8 bytes. Short
 * ASCII text (nearly every value of an export) is written a byte at a time and read back as
 * Latin-1: Buffer's native UTF-8 calls cost more than such a value's bytes (about a tenth of a
 * merge of SCALE 1's PERSON and NUTRITION). A row
 * costs about its text plus two bytes a value, where an array of strings costs some 150
 * bytes more and is traced by the collector. A row written again goes where it was when it
 * fits, so a merge of two exports of the same persons does not hold both.
 */
export class RowStore {
  private readonly pages: Buffer[] = [];
  private fill = PAGE;
  /** Row number → page × PAGE + offset, and its length in bytes. */
  private at = new Float64Array(1024);
  private len = new Int32Array(1024);
  private scratch = Buffer.alloc(1 << 16);

  /** Bytes held by the pages and indexes, for memory messages. */
  get bytes(): number {
    return this.pages.length * PAGE + this.at.byteLength + this.len.byteLength;
  }

  /** Room in the index for rows 0 … n - 1. */
  reserve(n: number): void {
    if (n > this.at.length) this.growIndex(n);
  }

  set(id: number, values: readonly Value[]): void {
    const n = this.encode(values);
    if (id >= this.at.length) this.growIndex(id + 1);
    const old = this.len[id]!;
    let where = this.at[id]!;
    if (old === 0 || n > old) {
      if (this.fill + n > PAGE) { this.pages.push(Buffer.allocUnsafe(Math.max(PAGE, n))); this.fill = 0; }
      where = (this.pages.length - 1) * PAGE + this.fill;
      this.fill += n;
      this.at[id] = where;
    }
    this.len[id] = n;
    this.scratch.copy(this.pages[Math.floor(where / PAGE)]!, where % PAGE, 0, n);
  }

  get(id: number, width: number): Value[] {
    const where = this.at[id]!;
    const page = this.pages[Math.floor(where / PAGE)]!;
    let p = where % PAGE;
    const out = new Array<Value>(width);
    for (let i = 0; i < width; i++) {
      const tag = page[p++]!;
      if (tag === NULL) out[i] = null;
      else if (tag === FALSE || tag === TRUE) out[i] = tag === TRUE;
      else if (tag === NUMBER) { out[i] = page.readDoubleLE(p); p += 8; }
      else if (tag === ASCII) { const n = page[p++]!; out[i] = asciiText(page, p, p + n); p += n; }
      else {
        const n = tag === SHORT ? page[p++]! : page.readUInt32LE(p);
        if (tag === LONG) p += 4;
        out[i] = page.toString('utf8', p, p + n);
        p += n;
      }
    }
    return out;
  }

  private encode(values: readonly Value[]): number {
    let p = 0;
    for (const v of values) {
      if (this.scratch.length - p < 16 + (typeof v === 'string' ? v.length * 3 : 0)) this.scratch = Buffer.concat([this.scratch, Buffer.alloc(this.scratch.length + (typeof v === 'string' ? v.length * 3 : 0))]);
      const s = this.scratch;
      if (v === null || v === undefined) s[p++] = NULL;
      else if (typeof v === 'boolean') s[p++] = v ? TRUE : FALSE;
      else if (typeof v === 'number') { s[p++] = NUMBER; s.writeDoubleLE(v, p); p += 8; }
      else if (typeof v === 'string' && v.length < 256 && writeAscii(s, p, v)) p += 2 + v.length;
      else {
        const text = String(v);
        const short = text.length < 85; // at most 3 bytes a UTF-16 unit: < 256 bytes
        s[p] = short ? SHORT : LONG;
        const start = p + (short ? 2 : 5);
        const n = s.write(text, start, 'utf8');
        if (short) s[p + 1] = n;
        else s.writeUInt32LE(n, p + 1);
        p = start + n;
      }
    }
    return p;
  }

  private growIndex(need: number): void {
    let n = this.at.length * 2;
    while (n < need) n *= 2;
    const at = new Float64Array(n);
    at.set(this.at);
    const len = new Int32Array(n);
    len.set(this.len);
    this.at = at;
    this.len = len;
  }
}

/** `text` as `ASCII`, its tag and length at `p`: false (and the bytes after `p` spoiled) when it is not all ASCII. */
function writeAscii(s: Buffer, p: number, text: string): boolean {
  const start = p + 2;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) return false;
    s[start + i] = c;
  }
  s[p] = ASCII;
  s[p + 1] = text.length;
  return true;
}
