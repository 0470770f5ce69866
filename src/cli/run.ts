import { EXIT } from '../errors.js';
import { main } from './main.js';

// Commands wait for their stdout writes and turn a failed one into exit 3; this
// catches any other (help text, a write not waited for) rather than crash or
// exit 0. EPIPE is a reader that went away (`| head`): not an error of ours.
let stdoutFailure: string | null = null;
let settled = false;
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE' || stdoutFailure !== null) return;
  stdoutFailure = e.code ?? e.message;
  if (settled && !process.exitCode) fail(stdoutFailure);
});

function fail(reason: string): void {
  process.stderr.write(`kpi: cannot write to stdout: ${reason}\n`);
  process.exitCode = EXIT.data;
}

main(process.argv.slice(2)).then(
  (code) => {
    settled = true;
    process.exitCode = code;
    if (stdoutFailure !== null && code === EXIT.ok) fail(stdoutFailure);
  },
  (e: unknown) => {
    settled = true;
    process.stderr.write(`kpi: internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    process.exitCode = 70;
  },
);
