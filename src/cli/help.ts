/** Example commands with what they do, and the exit codes: the end of every `--help`. */
export function helpFooter(examples: ReadonlyArray<readonly [string, string]>, codes: ReadonlyArray<readonly [number, string]>): string {
  const ex = examples.map(([cmd, what]) => `  $ ${cmd}\n      ${what}`);
  const ec = codes.map(([c, what]) => `  ${String(c).padEnd(3)} ${what}`);
  return ['', 'Examples:', ...ex, '', 'Exit codes:', ...ec, ''].join('\n');
}

/** Exit 70 is the same for every command: a bug. */
export const INTERNAL: readonly [number, string] = [70, 'an internal error (a bug: please report it with the command)'];
