import type { TextRow } from './connection.js';

/** A driver's value as the `Db.query` contract has it: string, number or null. */
export function plainValue(v: unknown): unknown {
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : String(v);
  if (v === undefined) return null;
  if (v instanceof Uint8Array) return Buffer.from(v).toString('utf8');
  return v;
}

export function plainRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) out[k] = plainValue(v);
  return out;
}

/**
 * One row in the text format that PostgreSQL's COPY and MySQL's LOAD DATA both read with
 * their defaults: tab between fields, `\N` for NULL, and backslash, tab, line feed and
 * carriage return escaped, so that no value can end its field or its line.
 */
export function tabLine(row: TextRow): string {
  return row.map((v) => (v === null ? '\\N' : v.replace(/[\\\t\n\r]/g, escapeChar))).join('\t') + '\n';
}

function escapeChar(c: string): string {
  return c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r';
}

/** The lines of `rows`, joined into chunks of about 256 KB, for a bulk-load stream. */
export async function* tabChunks(rows: AsyncIterable<TextRow>, count: { n: number }): AsyncGenerator<Buffer> {
  let parts: string[] = [];
  let size = 0;
  for await (const row of rows) {
    const line = tabLine(row);
    parts.push(line);
    size += line.length;
    count.n++;
    if (size >= 1 << 18) {
      yield Buffer.from(parts.join(''), 'utf8');
      parts = [];
      size = 0;
    }
  }
  if (parts.length > 0) yield Buffer.from(parts.join(''), 'utf8');
}
