import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { estimateRows } from '../src/data/inputs.js';
import { KeyTable } from '../src/data/key-table.js';
import type { Value } from '../src/expr/kinds.js';
import { BatchWriter, eachRow, type RowBatch } from '../src/parallel/wire.js';

/** Issue 18's memory work: batch arrays reused between threads, tables sized ahead from an estimate. */

describe('batches whose arrays are given back and filled again', () => {
  it('unpack to the rows packed, with repeated and unique texts, numbers and nulls', async () => {
    const writer = new BatchWriter(1);
    const batches: RowBatch[] = [];
    const got: Array<[Value[], number]> = [];
    const rows: Value[][] = [];
    // 40,000 rows: three batches (16,384 rows each), so arrays are reused; PID unique, HOSPCODE repeated.
    for (let i = 0; i < 40000; i++) rows.push([`1${i % 3}`, String(100000 + i), i % 7 === 0 ? null : i / 4, i % 2 === 0 ? 'ก' : '']);
    const arrays = new Set<Uint8Array>();
    writer.start(4, (b) => { batches.push(b); arrays.add(b.kinds); });
    for (let i = 0; i < rows.length; i++) {
      writer.add(rows[i]!, i + 2);
      // One batch out at most: the writer asks to wait until it is given back.
      if (batches.length > 0) {
        const waiting = writer.room();
        expect(waiting).not.toBeNull();
        const b = batches.shift()!;
        eachRow(b, [null, null, null, null], (v, line) => got.push([v, line]));
        writer.recycle(b);
        await waiting;
        expect(writer.room()).toBeNull();
      }
    }
    writer.flush();
    for (const b of batches) eachRow(b, [null, null, null, null], (v, line) => got.push([v, line]));
    // Three batches in two sets of arrays: the third refilled the first's.
    expect(arrays.size).toBe(2);
    expect(got.length).toBe(40000);
    got.forEach(([v, line], i) => { expect(line).toBe(i + 2); expect(v).toEqual(rows[i]); });
  });
});

describe('a key table reserved ahead', () => {
  it('numbers keys in order of first sight and does not grow below the reserved size', () => {
    const table = new KeyTable(16);
    table.reserve(1000);
    const bytes = table.bytes;
    for (let i = 0; i < 1000; i++) expect(table.insert(i % 2 === 0 ? i * 1e6 : `k${i}`)).toBe(i);
    expect(table.insert(0)).toBe(0);
    expect(table.get('k999')).toBe(999);
    expect(table.get('k1000')).toBe(-1);
    // Text keys fill their own arena; the hash and the number keys were sized once.
    expect(table.bytes - bytes).toBeLessThan(1000 * 16);
    expect(table.size).toBe(1000);
  });
});

describe('rows estimated from a file\'s start', () => {
  it('counts a small file\'s lines, and scales a large one\'s first 64 KB by its size', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kpi-estimate-'));
    writeFileSync(path.join(dir, 'small.csv'), 'A|B\n' + '12345|678\n'.repeat(99));
    // 200,000 bytes of 20-byte lines: 65,536 / 20 = 3,276 line ends in the sample, × 200,000 / 65,536 = 9,997.6.
    writeFileSync(path.join(dir, 'large.csv'), '1234567890123456789\n'.repeat(10000));
    const input = (name: string) => ({ table: 'PERSON', display: name, path: path.join(dir, name), open: () => { throw new Error('not streamed'); } });
    expect(await estimateRows([input('small.csv')])).toBe(100);
    expect(await estimateRows([input('large.csv')])).toBe(9998);
    // Several exports of one table are merged by key: the largest file counts, not the sum; a zip member and a missing file count 0.
    const member = { table: 'PERSON', display: 'zip member', open: () => { throw new Error('not streamed'); } };
    expect(await estimateRows([input('small.csv'), input('large.csv'), member, input('missing.csv')])).toBe(9998);
    // A merge's own table may hold every row of every file: 100 + 9,998.
    expect(await estimateRows([input('small.csv'), input('large.csv'), member, input('missing.csv')], 'sum')).toBe(10098);
    // 5 MB of blank lines: 5,242,880 line ends promised, but no more than 4,194,304 (2^22) rows are reserved ahead.
    writeFileSync(path.join(dir, 'blank.csv'), '\n'.repeat(5 * 1024 * 1024));
    expect(await estimateRows([input('blank.csv')])).toBe(4194304);
    expect(await estimateRows([input('blank.csv'), input('large.csv')], 'sum')).toBe(4194304);
  });
});
