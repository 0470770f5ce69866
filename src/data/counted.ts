import type { TableInput } from './read.js';

/** The same input, handing every chunk to `onChunk` as it streams (for a progress line). */
export function counted(input: TableInput, onChunk: ((chunk: Buffer, file: string) => void) | undefined): TableInput {
  if (!onChunk) return input;
  return {
    table: input.table,
    display: input.display,
    ...(input.path === undefined ? {} : { path: input.path }),
    async *open() {
      for await (const chunk of input.open()) {
        onChunk(chunk, input.display);
        yield chunk;
      }
    },
  };
}
