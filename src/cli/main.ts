import { Command, CommanderError, Help } from 'commander';
import { EXIT, KpiError } from '../errors.js';
import { finishCommands } from './help-texts.js';
import { SUMMARY } from './summaries.js';
import { packageVersion } from './version.js';

type MakeCommand = (setCode: (c: number) => void) => Command;

/**
 * Every command, in help order: how the top-level help lists it (`term`: the command's own
 * usage, which `kpi help` prints from the loaded commands and tests/startup.test.ts compares)
 * and how to load it. A run loads only its command's module,
 * so `kpi validate` never loads the engine and `kpi --help` none of them.
 */
const COMMANDS: ReadonlyArray<{ name: keyof typeof SUMMARY; term: string; load: () => Promise<MakeCommand> }> = [
  { name: 'compute', term: 'compute [options]', load: async () => (await import('./compute.js')).computeCommand },
  { name: 'validate', term: 'validate [paths...]', load: async () => (await import('./validate.js')).validateCommand },
  { name: 'diff', term: 'diff [options] <old> <new>', load: async () => (await import('./diff.js')).diffCommand },
  { name: 'check', term: 'check [options]', load: async () => (await import('./check.js')).checkCommand },
  { name: 'list', term: 'list [options]', load: async () => (await import('./list.js')).listCommand },
  { name: 'explain', term: 'explain [options] <id>', load: async () => (await import('./explain.js')).explainCommand },
  { name: 'cases', term: 'cases [options] <indicator>', load: async () => (await import('./cases.js')).casesCommand },
  { name: 'merge', term: 'merge [options] <results...>', load: async () => (await import('./merge.js')).mergeCommand },
  { name: 'sql', term: 'sql [options] [paths...]', load: async () => (await import('./sql.js')).sqlCommand },
  { name: 'load', term: 'load [options]', load: async () => (await import('./load.js')).loadCommand },
  { name: 'init', term: 'init [options]', load: async () => (await import('./init.js')).initCommand },
];

/** The commands whose modules a run needs: the one named (also after `help`); every one for a bare `kpi help`. */
function needed(argv: readonly string[]): Set<string> {
  const names = COMMANDS.map((c) => c.name);
  const [first, second] = argv;
  if (first === 'help') return new Set(second === undefined ? names : [second]);
  return new Set(first === undefined ? [] : [first]);
}

/** Runs the CLI; resolves to the exit code rather than exiting, so tests can call it. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = new Command('kpi')
    .description('Compute Thai MOPH KPI indicators from 43-file and HDC summary exports')
    .version(packageVersion())
    .exitOverride()
    .showHelpAfterError('(run with --help for the options)')
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) });
  let code = EXIT.ok as number;
  const setCode = (c: number) => { code = c; };
  const want = needed(argv);
  const terms = new Map<Command, string>();
  for (const c of COMMANDS) {
    if (want.has(c.name)) {
      program.addCommand((await c.load())(setCode));
    } else {
      // Listed by the top-level help and known to "did you mean", never run: its module stays unloaded.
      const placeholder = new Command(c.name).description(SUMMARY[c.name]);
      terms.set(placeholder, c.term);
      program.addCommand(placeholder);
    }
  }
  const help = new Help();
  program.configureHelp({ subcommandTerm: (c) => terms.get(c) ?? help.subcommandTerm(c) });
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
