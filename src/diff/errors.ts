import { EXIT, KpiError } from '../errors.js';

/** A result file `diff` cannot read or does not understand: trouble, not a difference (exit 2). */
export class ResultFileError extends KpiError {
  readonly exitCode = EXIT.usage;
  override name = 'ResultFileError';
  constructor(readonly reason: string, readonly file: string, readonly line?: number) {
    super(`${file}${line ? `:${line}` : ''}: ${reason}`);
  }
}
