import { Command, CommanderError } from 'commander';
import { EXIT, KpiError } from '../errors.js';
import { casesCommand } from './cases.js';
import { checkCommand } from './check.js';
import { computeCommand } from './compute.js';
import { diffCommand } from './diff.js';
import { validateCommand } from './validate.js';
import { listCommand } from './list.js';
import { explainCommand } from './explain.js';
import { finishCommands } from './help-texts.js';
import { initCommand } from './init.js';
import { sqlCommand } from './sql.js';
import { loadCommand } from './load.js';
import { VERSION } from './options.js';

/** Runs the CLI; resolves to the exit code rather than exiting, so tests can call it. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = new Command('kpi')
    .description('Compute Thai MOPH KPI indicators from 43-file and HDC summary exports')
    .version(VERSION)
    .exitOverride()
    .showHelpAfterError('(run with --help for the options)')
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) });
  let code = EXIT.ok as number;
  const setCode = (c: number) => { code = c; };
  program.addCommand(computeCommand(setCode));
  program.addCommand(validateCommand(setCode));
  program.addCommand(diffCommand(setCode));
  program.addCommand(checkCommand(setCode));
  program.addCommand(listCommand(setCode));
  program.addCommand(explainCommand(setCode));
  program.addCommand(casesCommand(setCode));
  program.addCommand(initCommand(setCode));
  program.addCommand(sqlCommand(setCode));
  program.addCommand(loadCommand(setCode));
  for (const c of program.commands) c.exitOverride();
  finishCommands(program);
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help' ? EXIT.ok : EXIT.usage;
    }
    if (e instanceof KpiError) {
      process.stderr.write(`kpi: ${e.message}\n`);
      return e.exitCode;
    }
    throw e;
  }
}
