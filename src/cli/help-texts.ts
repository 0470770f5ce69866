import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { nearest } from '../text/nearest.js';
import { helpFooter, INTERNAL } from './help.js';

const D = 'fixtures/demo';
const H = `${D}/hospitals.csv`;

/** The examples and exit codes at the end of each command's `--help` (kpi init has its own). */
const FOOTERS: Readonly<Record<string, string>> = {
  compute: helpFooter([
    [`kpi compute --data ${D} --hospitals ${H} --fy 2567 --by province`, 'the bundled indicators per province, as tables on the terminal'],
    [`kpi compute --data D:\\f43\\2567-06 --hospitals hospitals.csv --by district --sort result --format xlsx --out r.xlsx`, 'districts ranked best first, as an Excel workbook'],
    ['kpi compute --config monthly.json --format html --out r.html', 'options from a config file (kpi init writes one), an HTML report'],
  ], [[0, 'results written'], [2, 'a bad option, config or template (nothing read or written)'], [3, 'unreadable data, a missing table or column, bad rows under --strict, an output that cannot be written'], INTERNAL]),
  validate: helpFooter([
    ['kpi validate', 'checks the bundled templates'],
    ['kpi validate my-templates/ extra.json', 'checks these files and folders, every problem at once'],
  ], [[0, 'every template is valid'], [2, 'problems found (each with file, JSON path and a caret)'], INTERNAL]),
  diff: helpFooter([
    ['kpi diff r6.json r12.json', 'what moved between two runs of kpi compute'],
    ['kpi diff last.json this.json --fail-on newly-failing --format csv --out diff.csv', 'a monthly gate: exit 1 only when an area fell below its target'],
    ['kpi diff a.csv b.json --level province --tolerance 0.5', 'province rows, ignoring moves of up to 0.5'],
  ], [[0, 'nothing of the --fail-on kind'], [1, 'differences of the --fail-on kind'], [2, 'a file that cannot be read or is not a kpi result file, a repeated row, or a bad option'], INTERNAL]),
  check: helpFooter([
    [`kpi check --data ${D} --hospitals ${H}`, 'a data-quality report on the terminal'],
    ['kpi check --data D:\\f43 --fail-on warning --format json', 'for a job: JSON, exit 1 on any warning'],
    ['kpi check --data D:\\f43 --hospitals D:\\f43\\hospitals.csv --format csv --out check.csv', 'one line per finding with its units, for a spreadsheet'],
  ], [[0, 'no finding at or above --fail-on'], [1, 'a finding at or above --fail-on'], [2, 'a bad option'], [3, '--data cannot be read at all'], INTERNAL]),
  list: helpFooter([
    ['kpi list', 'the bundled indicators: id, title, level, unit, target'],
    ['kpi list --lang en --format json', 'both languages and the references, as JSON'],
    ['kpi list --data exports --lang en', 'which indicators this export can compute, and the tables or columns the others lack'],
  ], [[0, 'listed'], [2, 'a bad option or template'], INTERNAL]),
  explain: helpFooter([
    ['kpi explain anc-first-visit-12wk', 'the indicator in plain words'],
    [`kpi explain anc-first-visit-12wk --data ${D} --hospitals ${H} --fy 2567 --area เชียงใหม่`, "one area's arithmetic, step by step (a code or a Thai/English name)"],
  ], [[0, 'explained'], [2, 'an unknown id or area, or a bad option'], [3, 'unreadable data or a missing table'], INTERNAL]),
  cases: helpFooter([
    [`kpi cases anc-first-visit-12wk --data ${D} --hospitals ${H} --fy 2567 --area 50`, 'the women to follow up in a province, with the reason for each'],
    [`kpi cases ht-control --data ${D} --fy 2567 --area 10001 --which achieved --format csv --excel --out ht.csv`, "a unit's controlled patients, for Excel"],
    ['kpi cases anc-first-visit-12wk --data D:\\f43 --area 10001 --identify --out follow-up.xlsx --format xlsx', 'with CID and names: only into a file of mode 0600'],
  ], [[0, 'the list written'], [2, 'an unknown id or area, --identify without a file, or a bad option'], [3, 'unreadable data, a missing table or column, bad rows under --strict, an output that cannot be written'], INTERNAL]),
};

/** Commands that read `--data`: a bare path after them is almost always a forgotten `--data`. */
const DATA_COMMANDS = new Set(['compute', 'check']);

/** Adds the examples and exit codes to every command, and the "did you mean --data" check. */
export function finishCommands(program: Command): void {
  program.addHelpText('after', helpFooter([
    [`kpi compute --data ${D} --hospitals ${H} --fy 2567 --by province`, 'compute the bundled indicators on the demo data'],
    ['kpi init --data exports --hospitals hospitals.csv', 'write kpi.config.json once; then plain "kpi compute"'],
    ['kpi COMMAND --help', "a command's options, examples and exit codes"],
  ], [[0, 'success'], [1, 'diff found differences, or check found problems'], [2, 'usage or template error'], [3, 'data error'], INTERNAL]));
  for (const c of program.commands) {
    const footer = FOOTERS[c.name()];
    if (footer) c.addHelpText('after', footer);
    if (DATA_COMMANDS.has(c.name())) {
      c.allowExcessArguments(true);
      c.hook('preAction', (cmd) => rejectStray(cmd.name(), cmd.args));
    }
  }
}

function rejectStray(command: string, args: readonly string[]): void {
  if (args.length === 0) return;
  const paths = args.filter((a) => existsSync(a));
  const hint = paths.length > 0 ? ` (did you mean --data ${paths.join(' ')}?)` : '';
  throw new UsageError(`kpi ${command} takes no bare arguments: ${args.join(' ')}${hint}`);
}

/** `(did you mean X?)` for a mistyped id or key, or nothing when no known one is close. */
export function didYouMean(typed: string, known: Iterable<string>): string {
  const near = nearest(typed, known);
  return near ? ` (did you mean ${near}?)` : '';
}
