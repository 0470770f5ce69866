import { access } from 'node:fs/promises';
import path from 'node:path';
import { Command, Option } from 'commander';
import { EXIT, UsageError } from '../errors.js';
import { outputTarget, writeOutput } from '../report/output-target.js';
import { CONFIG_FILE, FORMATS, LANGS, LEVELS } from './config.js';
import { helpFooter, INTERNAL } from './help.js';
import { intoConfigFolder } from './paths.js';
import { SUMMARY } from './summaries.js';

export interface InitOptions {
  data?: string;
  hospitals?: string;
  by: (typeof LEVELS)[number];
  lang: (typeof LANGS)[number];
  format: (typeof FORMATS)[number];
  out: string;
  force: boolean;
}

/**
 * The config file that `kpi init` writes: every line a reader may want to change carries a
 * `//` comment saying what it does (the config reader skips whole-line comments). Paths are
 * written relative to the file's own folder, as the reader resolves them.
 */
export function configText(o: InitOptions, folder: string): string {
  const rel = (p: string) => intoConfigFolder(p, folder, process.cwd());
  const str = (v: string) => JSON.stringify(v);
  const lines = [
    '{',
    '  // kpi compute reads this file when run in this folder (or with --config FILE).',
    '  // Paths are relative to this file\'s folder. Flags on the command line win over it.',
    '  // The folder (or zip files) of 43-file exports: one path, or a list ["2567-01", "2567-02"].',
    `  "data": ${str(rel(o.data ?? 'data'))},`,
    '  // The Ministry\'s unit list (HOSPCODE, NAME, CHANGWAT, AMPUR, or DHDC chospital headers).',
    `  "hospitals": ${str(rel(o.hospitals ?? 'hospitals.csv'))},`,
    '  // Rows of the tables: region, province, district or unit.',
    `  "by": ${str(o.by)},`,
    '  // Language of labels and titles: th or en.',
    `  "lang": ${str(o.lang)},`,
    '  // Output: table, csv, json, md, xlsx or html (xlsx needs --out).',
    `  "format": ${str(o.format)}`,
    '}',
  ];
  return lines.join('\n') + '\n';
}

export function initCommand(setCode: (c: number) => void): Command {
  return new Command('init')
    .description(SUMMARY.init)
    .option('--data <path>', 'folder of 43-file exports (default: data)')
    .option('--hospitals <file>', 'unit reference CSV (default: hospitals.csv)')
    .addOption(new Option('--by <level>', 'level of the rows').choices(LEVELS).default('province'))
    .addOption(new Option('--lang <lang>', 'language of labels').choices(LANGS).default('th'))
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('table'))
    .option('--out <file>', 'where to write the config', CONFIG_FILE)
    .option('--force', 'replace an existing file', false)
    .addHelpText('after', helpFooter([
      ['kpi init --data D:\\f43 --hospitals D:\\f43\\hospitals.csv', `writes ${CONFIG_FILE} here; then "kpi compute" needs no flags`],
      ['kpi init --data exports --by district --format xlsx --out monthly.json', 'a config for a scheduled run: kpi compute --config monthly.json --out r.xlsx'],
    ], [[0, 'the file was written'], [2, 'a bad option, or the file exists (use --force)'], [3, 'the file cannot be written'], INTERNAL]))
    .action(async (o: InitOptions) => {
      const exists = await access(o.out).then(() => true, () => false);
      if (exists && !o.force) throw new UsageError(`${o.out} exists; use --force to replace it`);
      await writeOutput(await outputTarget(o.out), configText(o, path.dirname(o.out)));
      process.stderr.write(`kpi: wrote ${o.out}\n`);
      setCode(EXIT.ok);
    });
}
