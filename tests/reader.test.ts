import { describe, expect, it } from 'vitest';
import { RowIssues, describeIssue } from '../src/data/issues.js';
import { readTable, type ColumnRequest, type TableInput } from '../src/data/read.js';
import { tableForFileName } from '../src/data/tables.js';
import type { Value } from '../src/expr/kinds.js';

/** A table input over fixed bytes, optionally cut into small chunks to cross chunk edges. */
function input(text: string | Buffer, chunk = 0): TableInput {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  return {
    table: 'ANC',
    display: 'ANC.csv',
    async *open() {
      if (chunk === 0) { yield bytes; return; }
      for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
    },
  };
}

async function read(text: string | Buffer, columns: ColumnRequest[], chunk = 0) {
  const rows: Value[][] = [];
  const issues = new RowIssues();
  const stats = await readTable(input(text, chunk), columns, (v) => rows.push([...v]), issues);
  return { rows, issues: issues.list().map(describeIssue), stats };
}

const cols: ColumnRequest[] = [{ name: 'PID', type: 'C' }, { name: 'DATE_SERV', type: 'D' }, { name: 'GA', type: 'N' }];

describe('reading CSV', () => {
  const csv = 'HOSPCODE,PID,DATE_SERV,GA\n10001,1,20231105,10\n10001,2,20240115,\n';
  it('yields only the requested columns, typed, in request order', async () => {
    expect((await read(csv, cols)).rows).toEqual([['1', '20231105', 10], ['2', '20240115', null]]);
  });
  it.each([1, 2, 3, 7])('gives the same rows when the bytes arrive %i at a time', async (chunk) => {
    expect((await read('\uFEFF' + csv.replace(/\n/g, '\r\n'), cols, chunk)).rows).toEqual([['1', '20231105', 10], ['2', '20240115', null]]);
  });
  it('strips a BOM, accepts CRLF and matches header names in any case', async () => {
    const r = await read('\uFEFFhospcode,pid,Date_Serv,ga\r\n10001,7,20231001,12\r\n', cols);
    expect(r.rows).toEqual([['7', '20231001', 12]]);
  });
  it('reads the last row without a final newline and skips blank lines', async () => {
    expect((await read('PID,DATE_SERV,GA\n\n1,20231001,5\n\n2,20231002,6', cols)).rows).toEqual([['1', '20231001', 5], ['2', '20231002', 6]]);
  });
  it('reads quoted fields with delimiters, doubled quotes and newlines', async () => {
    const r = await read('PID,NOTE,DATE_SERV,GA\n"1","a, ""b""\nc",20231001,5\n2,x,20231002,6\n', [{ name: 'NOTE', type: 'C' }, ...cols]);
    expect(r.rows).toEqual([['a, "b"\nc', '1', '20231001', 5], ['x', '2', '20231002', 6]]);
  });
  it('counts a quoted newline in line numbers', async () => {
    const r = await read('PID,NOTE,DATE_SERV,GA\n1,"x\ny",20231001,5\n2,x,20231002\n', [{ name: 'NOTE', type: 'C' }, ...cols]);
    expect(r.issues).toEqual(['ANC.csv:4: 3 fields, header has 4 (row skipped)']);
  });
  it('reads pipe-delimited files, where quotes are plain characters', async () => {
    expect((await read('PID|DATE_SERV|GA\n"1|20231001|5\n', cols)).rows).toEqual([['"1', '20231001', 5]]);
  });
  it('skips and reports rows with a wrong field count or an impossible date', async () => {
    const r = await read('PID,DATE_SERV,GA\n1,20231001,5\n2,20231001\n3,20230230,5\n4,20231001,5,9\n5,2023-10-01,5\n', cols);
    expect(r.rows).toEqual([['1', '20231001', 5]]);
    expect(r.issues).toEqual([
      'ANC.csv:3: 2 fields, header has 3 (row skipped)',
      'ANC.csv:4: impossible date in DATE_SERV (2 rows skipped; lines 4, 6)',
      'ANC.csv:5: 4 fields, header has 3 (row skipped)',
    ]);
    expect(r.stats).toMatchObject({ rows: 1, skipped: 4 });
  });
  it('reads a non-number as empty in a compared column but skips the row when the column is summed', async () => {
    const text = 'PID,DATE_SERV,GA\n1,20231001,23.5\n2,20231001,23,5\n3,20231001,x\n';
    expect((await read(text.replace('23,5', '"23,5"'), cols)).rows).toEqual([['1', '20231001', 23.5], ['2', '20231001', null], ['3', '20231001', null]]);
    const summed = await read('PID,GA\n1,23.5\n2,x\n', [{ name: 'PID', type: 'C' }, { name: 'GA', type: 'N', summed: true }]);
    expect(summed.rows).toEqual([['1', '23.5']]);
    expect(summed.issues).toEqual(['ANC.csv:3: not a number in GA (row skipped)']);
  });
  it('names a missing key column', async () => {
    await expect(read('DATE_SERV,GA\n20231001,5\n', cols)).rejects.toThrow('ANC.csv:1: ANC has no column PID');
  });
  it('reads a missing optional column as empty', async () => {
    expect((await read('PID,DATE_SERV\n1,20231001\n', cols)).rows).toEqual([['1', '20231001', null]]);
  });
  it('says so for an empty file, a BOM alone and a binary file', async () => {
    await expect(read('', cols)).rejects.toThrow('ANC.csv: is empty: no header line');
    await expect(read('\uFEFF', cols)).rejects.toThrow('ANC.csv: holds no header line (only a byte-order mark)');
    await expect(read(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x0a]), cols)).rejects.toThrow(/not a text table/);
  });
});

describe('table names from file names', () => {
  it.each([
    ['PERSON', 'PERSON'], ['person', 'PERSON'], ['accident_07487_20251001085344', 'ACCIDENT'],
    ['DRUGALLERGY', 'DRUGALLERGY'], ['drug_opd', 'DRUG_OPD'], ['CHRONICFU', 'CHRONICFU'], ['NEWBORNCARE', 'NEWBORNCARE'],
    ['s_kpi_anc12', 'S_KPI_ANC12'],
  ])('%s is %s', (file, table) => {
    expect(tableForFileName(file)).toBe(table);
  });
});
