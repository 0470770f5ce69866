/** A problem at a place in an expression's text; `start`/`end` are character offsets. */
export class ExprError extends Error {
  constructor(message: string, readonly start: number, readonly end: number = start + 1) {
    super(message);
    this.name = 'ExprError';
  }
}

/** The expression with a caret line under the bad spot, as `validate` prints it. */
export function caret(source: string, start: number, end: number): string {
  const width = Math.max(1, Math.min(end, source.length + 1) - start);
  return `${source}\n${' '.repeat(start)}${'^'.repeat(width)}`;
}
