/** A problem at a place in an expression's text; `start`/`end` are character offsets. */
export class ExprError extends Error {
  constructor(message: string, readonly start: number, readonly end: number = start + 1) {
    super(message);
    this.name = 'ExprError';
  }
}

/** Longer expressions are cut to this many characters around the bad spot, so a message stays a few lines. */
const SHOWN = 120;

/** The expression with a caret line under the bad spot, as `validate` prints it. */
export function caret(source: string, start: number, end: number): string {
  if (source.length <= SHOWN) return caretLine(source, start, end);
  const from = Math.max(0, Math.min(start - SHOWN / 4, source.length - SHOWN));
  const to = from + SHOWN;
  const head = from > 0 ? '…' : '';
  const tail = to < source.length ? '…' : '';
  return caretLine(head + source.slice(from, to) + tail, start - from + head.length, Math.min(end, to) - from + head.length);
}

function caretLine(source: string, start: number, end: number): string {
  const width = Math.max(1, Math.min(end, source.length + 1) - start);
  return `${source}\n${' '.repeat(start)}${'^'.repeat(width)}`;
}
