import type { TableInput } from './read.js';

/** Progress: each chunk as it streams, or, for a byte range read on a thread, its size and lines once applied. */
export type OnRead = (read: Buffer | { readonly bytes: number; readonly lines: number }, file: string) => void;

/** The same input, handing every chunk (or range) read to `onChunk` (for a progress line). */
export function counted(input: TableInput, onChunk: OnRead | undefined): TableInput {
  if (!onChunk) return input;
  return {
    table: input.table,
    display: input.display,
    ...(input.path === undefined ? {} : { path: input.path }),
    onRange: (bytes, lines) => onChunk({ bytes, lines }, input.display),
    async *open() {
      for await (const chunk of input.open()) {
        onChunk(chunk, input.display);
        yield chunk;
      }
    },
  };
}
