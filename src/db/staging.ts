import { closeSync, createReadStream, openSync, writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { TextRow } from './connection.js';
import { tabLine } from './values.js';

const FLUSH = 1 << 18;

/**
 * Rows of one table held in a file while the reader hands them over (it calls back
 * synchronously, faster than a database takes them), then read back for the bulk load:
 * memory stays bounded whatever the table's size. The file uses `tabLine`'s format.
 */
export class StagedRows {
  private readonly fd: number;
  private parts: string[] = [];
  private size = 0;
  count = 0;

  constructor(private readonly file: string) {
    this.fd = openSync(file, 'w', 0o600);
  }

  add(row: TextRow): void {
    const line = tabLine(row);
    this.parts.push(line);
    this.size += line.length;
    this.count++;
    if (this.size >= FLUSH) this.flush();
  }

  /** Ends writing; the rows can then be read back once. */
  finish(): void {
    this.flush();
    closeSync(this.fd);
  }

  async *rows(): AsyncGenerator<TextRow> {
    const lines = createInterface({ input: createReadStream(this.file, { encoding: 'utf8' }), crlfDelay: Infinity });
    for await (const line of lines) yield line.split('\t').map(unescapeField);
  }

  private flush(): void {
    if (this.parts.length === 0) return;
    writeSync(this.fd, this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
}

function unescapeField(f: string): string | null {
  if (f === '\\N') return null;
  return f.includes('\\') ? f.replace(/\\([\\tnr])/g, (_m, c: string) => (c === 't' ? '\t' : c === 'n' ? '\n' : c === 'r' ? '\r' : '\\')) : f;
}
