import { describe, expect, it } from 'vitest';
import type { Value } from '../src/expr/kinds.js';
import { RowStore } from '../src/data/row-store.js';

// Rows kept while exports are merged come back as they went in, whichever way each value was packed.
describe('RowStore', () => {
  const rows: Value[][] = [
    [null, true, false, 0, -1.5, 20231001123456],
    ['', 'a', '10001', 'x'.repeat(255), 'y'.repeat(256), 'z'.repeat(84)],
    ['สมชาย', 'abcé', '\u007f\u0000', '\u0080', 'กข'.repeat(200), 'ok'],
  ];

  it('gives back every kind of value: nulls, booleans, numbers, ASCII and Thai text, short and long', () => {
    const store = new RowStore();
    rows.forEach((r, id) => store.set(id, r));
    rows.forEach((r, id) => expect(store.get(id, r.length)).toEqual(r));
  });

  it('a row written again, shorter or longer, replaces the one before without touching its neighbours', () => {
    const store = new RowStore();
    store.set(0, ['10001', '1']);
    store.set(1, ['10002', '2']);
    store.set(0, ['1', '']);
    expect(store.get(0, 2)).toEqual(['1', '']);
    store.set(0, ['a much longer first value', 'สอง']);
    expect(store.get(0, 2)).toEqual(['a much longer first value', 'สอง']);
    expect(store.get(1, 2)).toEqual(['10002', '2']);
  });
});
