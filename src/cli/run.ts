import { EXIT } from '../errors.js';
import { packageVersion } from './version.js';

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

/**
 * `kpi --version` (asked by installers and scripts) is answered before the rest of the tool
 * is loaded; everything else goes through `main`, which loads only the command it runs.
 */
function start(argv: readonly string[]): Promise<number> {
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    process.stdout.write(`${packageVersion()}\n`);
    return Promise.resolve(EXIT.ok);
  }
  return import('./main.js').then(({ main }) => main(argv));
}

start(process.argv.slice(2)).then(
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
