/** Exit codes of DESIGN.md. */
export const EXIT = { ok: 0, differences: 1, usage: 2, data: 3 } as const;

/** An error the user can act on; the CLI prints `message` and exits with `exitCode`. */
export abstract class KpiError extends Error {
  abstract readonly exitCode: number;
}

export class UsageError extends KpiError {
  readonly exitCode = EXIT.usage;
  override name = 'UsageError';
}

/** One problem in one template file, located by JSON path and, in expressions, by column. */
export interface TemplateProblem {
  readonly file: string;
  /** JSONPath-like, e.g. `$.measures.B.where[2]`. */
  readonly path: string;
  readonly message: string;
  /** The expression text with a caret line under the bad spot. */
  readonly caret?: string;
}

export class TemplateError extends KpiError {
  readonly exitCode = EXIT.usage;
  override name = 'TemplateError';
  constructor(readonly problems: readonly TemplateProblem[]) {
    super(problems.map(formatProblem).join('\n'));
  }
}

export function formatProblem(p: TemplateProblem): string {
  const head = `${p.file}: ${p.path}: ${p.message}`;
  return p.caret ? `${head}\n${p.caret.replace(/^/gm, '    ')}` : head;
}

/** Unreadable input, a missing table or column, or bad rows under --strict. */
export class DataError extends KpiError {
  readonly exitCode = EXIT.data;
  override name = 'DataError';
  constructor(message: string, readonly file?: string, readonly line?: number, readonly column?: number) {
    super(file ? `${file}${line ? `:${line}` : ''}${column ? `:${column}` : ''}: ${message}` : message);
  }
}
