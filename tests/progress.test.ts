import { describe, expect, it } from 'vitest';
import { startProgress } from '../src/cli/progress.js';
import type { SizedInput } from '../src/data/inputs.js';

function fakeStream(isTTY: boolean): { stream: NodeJS.WriteStream; written: string[] } {
  const written: string[] = [];
  return { stream: { isTTY, write: (s: string) => { written.push(s); return true; } } as unknown as NodeJS.WriteStream, written };
}

const input = (size: number): SizedInput => ({ table: 'PERSON', display: 'PERSON.txt', size, open: async function* () { /* not read here */ } });
const MB = 1024 * 1024;

describe('progress line', () => {
  it('shows files, MB read of total and rows/s on a TTY for a big run, and clears itself', () => {
    const { stream, written } = fakeStream(true);
    const p = startProgress(new Map([['PERSON', [input(10 * MB)]]]), false, stream);
    p.onChunk!(Buffer.from('a\nb\nc\n'), 'PERSON.txt');
    expect(written[0]).toMatch(/^\rkpi: file 1 of 1, 0\.0 of 10\.0 MB, [\d,]+ rows\/s\u001b\[K$/);
    p.done();
    expect(written.at(-1)).toBe('\r\u001b[K');
  });
  it('says nothing when stderr is not a TTY, with --quiet, or for small inputs', () => {
    for (const [tty, quiet, size] of [[false, false, 10 * MB], [true, true, 10 * MB], [true, false, MB]] as const) {
      const { stream, written } = fakeStream(tty);
      const p = startProgress(new Map([['PERSON', [input(size)]]]), quiet, stream);
      expect(p.onChunk).toBeUndefined();
      p.done();
      expect(written).toEqual([]);
    }
  });
});
