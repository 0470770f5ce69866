import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { RowIssues } from '../src/data/issues.js';
import { readTable, type ColumnRequest, type TableInput } from '../src/data/read.js';
import type { Value } from '../src/expr/kinds.js';
import { prng } from '../bench/prng.mjs';

/**
 * Property test: the byte-level reader must give exactly the fields csv-parse gives (the oracle)
 * for well-formed RFC 4180 comma files and for pipe files (which have no quoting), whatever the
 * chunking of the bytes, the columns asked for, or the dirt in the fields; and with the
 * matching csv-parse option for each leniency of the reader: stray quotes inside unquoted
 * fields (`relax_quotes`), CR-only line ends (`record_delimiter: '\r'`) and bytes that are not
 * UTF-8 in a UTF-8 file (csv-parse decodes a Buffer as UTF-8, giving U+FFFD).
 */

interface Doc {
  text: string;
  bytes: Buffer;
  delim: ',' | '|';
  width: number;
  crOnly?: boolean;
  stray?: boolean;
}

/** Stands for a byte that is not UTF-8 (0xFF) in the generated text. */
const BAD = '\u0001';

/** Pieces that stress the reader: delimiters, quotes, line breaks, Thai (3-byte UTF-8), spaces. */
const COMMA_PIECES = ['a', 'bc', '1', '23.5', ',', '"', '""', '\n', '\r\n', ' ', 'ก', 'ไทย', '|', '\t', "'", '20240101'];
const PIPE_PIECES = ['a', 'bc', '1', '23.5', ',', '"', ' ', 'ก', 'ไทย', '\t', "'", '20240101'];

interface Dirt {
  /** Quotes inside unquoted fields. */
  stray?: boolean;
  crOnly?: boolean;
  badBytes?: boolean;
}

function makeDoc(rnd: () => number, delim: ',' | '|', dirt: Dirt = {}): Doc {
  const int = (n: number) => Math.floor(rnd() * n);
  const width = 2 + int(7);
  const eol = dirt.crOnly ? '\r' : rnd() < 0.5 ? '\r\n' : '\n';
  const base = delim === ',' ? COMMA_PIECES : PIPE_PIECES;
  // A CR-only file has no LF at all; a pipe file cannot hold its line end in a field.
  const pieces = [...base.filter((p) => !(dirt.crOnly && p.includes('\n'))), ...(dirt.badBytes ? [BAD] : [])].filter((p) => !(delim === '|' && dirt.crOnly && p.includes('\r')));
  const field = (): string => {
    if (rnd() < 0.25) return '';
    let s = '';
    for (let n = 1 + int(4); n > 0; n--) s += pieces[int(pieces.length)]!;
    return s;
  };
  const cell = (v: string): string => {
    if (delim === '|') return v;
    // Quote what must be quoted, and sometimes what need not be (a quoted plain or empty field).
    // With stray quotes, a field whose quotes are all after its first character may stay bare.
    const bare = dirt.stray && /^[^",\r\n][^,\r\n]*$/.test(v) && v.includes('"') && rnd() < 0.7;
    const must = !bare && /[",\r\n]/.test(v);
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
  const bytes = Buffer.from(text, 'utf8');
  // A bad byte only where Thai text outnumbers the bad bytes, as in a UTF-8 export with one damaged byte.
  if (dirt.badBytes && thaiLetters(text) <= 2 * count(text, BAD) + EVIDENCE) return makeDoc(rnd, delim, dirt);
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 1) bytes[i] = 0xff;
  return { text, bytes, delim, width, ...(dirt.crOnly ? { crOnly: true } : {}), ...(dirt.stray ? { stray: true } : {}) };
}

const EVIDENCE = 16;
const thaiLetters = (t: string) => [...t].filter((c) => c >= '\u0e00' && c <= '\u0e7f').length;
const count = (t: string, c: string) => t.split(c).length - 1;

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
  const rows = parse(doc.bytes, {
    bom: true,
    delimiter: doc.delim,
    quote: doc.delim === ',' ? '"' : null,
    relax_column_count: true,
    skip_empty_lines: true,
    ...(doc.stray ? { relax_quotes: true } : {}),
    ...(doc.crOnly ? { record_delimiter: '\r' } : {}),
  }) as string[][];
  return rows.slice(1);
}

/**
 * The rows the reader must give: those with the header's field count, or, when every data
 * row has one field more and it is empty (a delimiter ending each row), those without it.
 */
function expected(doc: Doc, rows: string[][]): string[][] {
  const trailing = rows.length > 0 && rows.every((r) => r.length === doc.width + 1 && r[doc.width] === '');
  return trailing ? rows.map((r) => r.slice(0, doc.width)) : rows.filter((r) => r.length === doc.width);
}

async function reader(doc: Doc, columns: ColumnRequest[], rnd: () => number): Promise<{ rows: Value[][]; skipped: number; repaired: number }> {
  const rows: Value[][] = [];
  const issues = new RowIssues();
  const stats = await readTable(chunked(doc.bytes, rnd), columns, (v) => rows.push([...v]), issues);
  const repaired = issues.list().filter((i) => i.kind === 'repaired').reduce((n, i) => n + i.count, 0);
  return { rows, skipped: stats.skipped, repaired };
}

/** Some of the columns, in a random order (the reader hands them over in request order). */
function someColumns(width: number, rnd: () => number): number[] {
  const all = Array.from({ length: width }, (_, i) => i).sort(() => rnd() - 0.5);
  return all.slice(0, 1 + Math.floor(rnd() * width));
}

describe('byte-level reader against csv-parse', () => {
  const kinds: Array<[string, ',' | '|', Dirt, number]> = [
    ['comma (RFC 4180)', ',', {}, 4180],
    ['pipe', '|', {}, 124],
    ['comma files with stray quotes (relax_quotes)', ',', { stray: true }, 34],
    ['CR-only comma', ',', { crOnly: true }, 13],
    ['CR-only pipe', '|', { crOnly: true }, 1313],
    ['comma files with bytes that are not UTF-8', ',', { badBytes: true }, 255],
    ['pipe files with bytes that are not UTF-8, CR-only, stray quotes', '|', { badBytes: true, crOnly: true, stray: true }, 2551],
  ];
  for (const [what, delim, dirt, seed] of kinds) {
    it(`gives csv-parse's fields for 300 random ${what} files`, async () => {
      const rnd = prng(seed);
      for (let n = 0; n < 300; n++) {
        const doc = makeDoc(rnd, delim, dirt);
        const all = oracle(doc);
        const picked = someColumns(doc.width, rnd);
        const columns = picked.map((i): ColumnRequest => ({ name: `C${i}`, type: 'C' }));
        const got = await reader(doc, columns, rnd);
        const good = expected(doc, all);
        const context = JSON.stringify(doc.text);
        expect(got.skipped, context).toBe(all.length - good.length);
        expect(got.rows, context).toEqual(good.map((r) => picked.map((i) => (r[i] === '' ? null : r[i]!))));
        expect(got.repaired, context).toBe(all.filter((r) => r.some((v) => v.includes('\uFFFD'))).length);
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
      expect(expected(doc, oracle(doc)), text).toEqual(rows);
      for (let seed = 0; seed < 20; seed++) {
        const columns = Array.from({ length: width }, (_, i): ColumnRequest => ({ name: ['A', 'B', 'C'][i]!, type: 'C' }));
        const got = await reader(doc, columns, prng(seed));
        expect(got.rows, text).toEqual(rows.map((r) => r.map((v) => (v === '' ? null : v))));
      }
    }
  });
});
