import { setFlagsFromString } from 'node:v8';
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
  setFlagsFromString(`--max-inlined-bytecode-size-cumulative=${INLINING_BUDGET}`);
  return import('./main.js').then(({ main }) => main(argv));
}

/**
 * V8's optimizing compiler, given a smaller budget of code to inline into one function (the
 * default is 920 bytes of bytecode). A run optimizes its hot functions once per thread (each
 * counting thread is its own V8), and again after each deoptimization, as a new table brings
 * paths and shapes not seen before; a deoptimization in an inlined callee recompiles its whole
 * caller. The compiler then took about a fifth of the CPU of a SCALE 1 run with two threads
 * (`perf`). With this budget such a run takes 5–7 % less wall time and CPU, merged monthly
 * exports 8 % less time and 11 % less CPU; SCALE 3 and `--threads 1` are no slower
 * (bench/RESULTS.md, issue 18 part 7). Process-wide: the threads read the same flags.
 */
const INLINING_BUDGET = 150;

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
