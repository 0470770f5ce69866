import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { RowIssues } from '../src/data/issues.js';
import { readTable, type ColumnRequest, type TableInput } from '../src/data/read.js';
import type { Value } from '../src/expr/kinds.js';
import { prng } from '../bench/prng.mjs';

/**
 * Property test: the byte-level reader must give exactly the fields csv-parse gives (the oracle)
 * for well-formed RFC 4180 comma files and for pipe files (which have no quoting), whatever the
 * chunking of the bytes, the columns asked for, or the dirt in the fields.
 */

interface Doc {
  text: string;
  bytes: Buffer;
  delim: ',' | '|';
  width: number;
}

/** Pieces that stress the reader: delimiters, quotes, line breaks, Thai (3-byte UTF-8), spaces. */
const COMMA_PIECES = ['a', 'bc', '1', '23.5', ',', '"', '""', '\n', '\r\n', ' ', 'ก', 'ไทย', '|', '\t', "'", '20240101'];
const PIPE_PIECES = ['a', 'bc', '1', '23.5', ',', '"', ' ', 'ก', 'ไทย', '\t', "'", '20240101'];

function makeDoc(rnd: () => number, delim: ',' | '|'): Doc {
  const int = (n: number) => Math.floor(rnd() * n);
  const width = 2 + int(7);
  const eol = rnd() < 0.5 ? '\r\n' : '\n';
  const pieces = delim === ',' ? COMMA_PIECES : PIPE_PIECES;
  const field = (): string => {
    if (rnd() < 0.25) return '';
    let s = '';
    for (let n = 1 + int(4); n > 0; n--) s += pieces[int(pieces.length)]!;
    return s;
  };
  const cell = (v: string): string => {
    if (delim === '|') return v;
    // Quote what must be quoted, and sometimes what need not be (a quoted plain or empty field).
    const must = /[",\r\n]/.test(v);
    return must || rnd() < 0.15 ? `"${v.replace(/"/g, '""')}"` : v;
  };
  const lines: string[] = [Array.from({ length: width }, (_, i) => `c${i}`).join(delim)];
  for (let r = int(12); r > 0; r--) {
    // A few rows have a wrong field count; the reader skips them, csv-parse (relaxed) shows them.
    const w = rnd() < 0.08 ? Math.max(1, width + (rnd() < 0.5 ? -1 : 1)) : width;
    lines.push(Array.from({ length: w }, () => cell(field())).join(delim));
  }
  let text = lines.join(eol);
  if (rnd() < 0.7) text += eol;
  if (rnd() < 0.3) text = '\uFEFF' + text;
  return { text, bytes: Buffer.from(text, 'utf8'), delim, width };
}

/** The bytes in random pieces, so records, CRLF pairs and UTF-8 characters straddle chunks. */
function chunked(bytes: Buffer, rnd: () => number): TableInput {
  return {
    table: 'T',
    display: 'T.csv',
    async *open() {
      let p = 0;
      while (p < bytes.length) {
        const n = rnd() < 0.2 ? 1 + Math.floor(rnd() * 3) : 1 + Math.floor(rnd() * 64);
        yield bytes.subarray(p, p + n);
        p += n;
      }
    },
  };
}

function oracle(doc: Doc): string[][] {
  const rows = parse(doc.text, {
    bom: true,
    delimiter: doc.delim,
    quote: doc.delim === ',' ? '"' : null,
    relax_column_count: true,
    skip_empty_lines: true,
  }) as string[][];
  return rows.slice(1);
}

async function reader(doc: Doc, columns: ColumnRequest[], rnd: () => number): Promise<{ rows: Value[][]; skipped: number }> {
  const rows: Value[][] = [];
  const stats = await readTable(chunked(doc.bytes, rnd), columns, (v) => rows.push([...v]), new RowIssues());
  return { rows, skipped: stats.skipped };
}

/** Some of the columns, in a random order (the reader hands them over in request order). */
function someColumns(width: number, rnd: () => number): number[] {
  const all = Array.from({ length: width }, (_, i) => i).sort(() => rnd() - 0.5);
  return all.slice(0, 1 + Math.floor(rnd() * width));
}

describe('byte-level reader against csv-parse', () => {
  for (const delim of [',', '|'] as const) {
    it(`gives csv-parse's fields for 600 random ${delim === ',' ? 'comma (RFC 4180)' : 'pipe'} files`, async () => {
      const rnd = prng(delim === ',' ? 4180 : 124);
      for (let n = 0; n < 600; n++) {
        const doc = makeDoc(rnd, delim);
        const want = oracle(doc);
        const picked = someColumns(doc.width, rnd);
        const columns = picked.map((i): ColumnRequest => ({ name: `C${i}`, type: 'C' }));
        const got = await reader(doc, columns, rnd);
        const good = want.filter((r) => r.length === doc.width);
        const context = JSON.stringify(doc.text);
        expect(got.skipped, context).toBe(want.length - good.length);
        expect(got.rows, context).toEqual(good.map((r) => picked.map((i) => (r[i] === '' ? null : r[i]!))));
      }
    });
  }

  it('reads the adversarial cases one by one', async () => {
    const cases: Array<[string, string[][]]> = [
      ['a,b\n"x,y",2\n', [['x,y', '2']]],
      ['a,b\r\n"say ""hi""",2\r\n', [['say "hi"', '2']]],
      ['a,b\n"line1\nline2",2\n3,4\n', [['line1\nline2', '2'], ['3', '4']]],
      ['a,b\r\n"line1\r\nline2",2\r\n', [['line1\r\nline2', '2']]],
      ['\uFEFFa,b\n1,2', [['1', '2']]],
      ['a,b\n"",""\n', [['', '']]],
      ['a,b\n1,"2"\n', [['1', '2']]],
      ['a,b,c\n1,2,"x,\n,y"\n5,6,7\n', [['1', '2', 'x,\n,y'], ['5', '6', '7']]],
      ['a|b\n"x|y\n1|"2"\n', [['"x', 'y'], ['1', '"2"']]],
    ];
    for (const [text, rows] of cases) {
      const delim = text.replace(/^\uFEFF/, '').split('\n')[0]!.includes('|') ? '|' : ',';
      const width = rows[0]!.length;
      const doc: Doc = { text, bytes: Buffer.from(text, 'utf8'), delim, width };
      expect(oracle(doc), text).toEqual(rows);
      for (let seed = 0; seed < 20; seed++) {
        const columns = Array.from({ length: width }, (_, i): ColumnRequest => ({ name: ['A', 'B', 'C'][i]!, type: 'C' }));
        const got = await reader(doc, columns, prng(seed));
        expect(got.rows, text).toEqual(rows.map((r) => r.map((v) => (v === '' ? null : v))));
      }
    }
  });
});
