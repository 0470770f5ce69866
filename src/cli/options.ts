import { fileURLToPath } from 'node:url';
import type { ChalkInstance } from 'chalk';
import type { Command } from 'commander';
import { UsageError } from '../errors.js';

/** The templates shipped with the tool, used when `--templates` is not given. */
export const BUNDLED_TEMPLATES = fileURLToPath(new URL('../../templates/', import.meta.url));

export function integer(name: string): (v: string) => number {
  return (v) => {
    if (!/^\d+$/.test(v.trim())) throw new UsageError(`${name} ${v}: give a whole number`);
    return Number(v);
  };
}

/**
 * Colour only for a terminal, never with NO_COLOR set (https://no-color.org); `null` (a file)
 * gets none. chalk is loaded here, by the runs that print a table, not by every start.
 */
export async function colourFor(stream: NodeJS.WriteStream | null): Promise<ChalkInstance> {
  const { Chalk } = await import('chalk');
  const on = stream?.isTTY === true && !('NO_COLOR' in process.env && process.env.NO_COLOR !== '');
  return new Chalk({ level: on ? 1 : 0 });
}

export function todayYmd(): string {
  const d = new Date();
  return `${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, '0')}${String(d.getDate()).padStart(2, '0')}`;
}

/** Progress and notices go to stderr; callers skip them under `--quiet` (warnings are not notices). */
export function notice(message: string): void {
  process.stderr.write(`kpi: ${message}\n`);
}

/** The one-period options `compute` and `cases` share, worded once. */
export function periodOptions(cmd: Command): Command {
  return cmd
    .option('--fy <year>', 'fiscal year, BE (2567) or CE (2024); default: the current one', integer('--fy'))
    .option('--round <months>', 'cumulative months from 1 October: 3, 6, 9 or 12 (default 12)', integer('--round'))
    .option('--quarter <n>', 'a single fiscal quarter, 1 to 4', integer('--quarter'))
    .option('--from <date>', 'start of a free window (YYYY-MM-DD), with --to')
    .option('--to <date>', 'end of a free window (YYYY-MM-DD), with --from');
}
