import path from 'node:path';
import { Command, Option } from 'commander';
import { loadHospitals } from '../area/hospitals.js';
import type { Lang } from '../area/names.js';
import type { Level } from '../area/place.js';
import { listCases, type CaseList } from '../cases/list.js';
import { renderCasesCsv, renderCasesJson, renderCasesTable } from '../cases/render.js';
import { findInputs } from '../data/inputs.js';
import { EXIT, UsageError } from '../errors.js';
import { outputTarget, writeOutput, type OutputTarget } from '../report/output-target.js';
import type { Which } from '../template/cases.js';
import { loadTemplates } from '../template/load.js';
import { inputFiles, inputWarnings, periodOf, readingNotes } from './compute.js';
import { ENCODINGS, LANGS } from './config.js';
import { areaOf } from './explain.js';
import { didYouMean } from './help-texts.js';
import { BUNDLED_TEMPLATES, colourFor, periodOptions } from './options.js';
import { startProgress } from './progress.js';
import { printWarnings } from './warnings.js';
import { SUMMARY } from './summaries.js';

const FORMATS = ['table', 'csv', 'json', 'xlsx'] as const;

interface CasesCliOptions {
  templates: string[];
  data: string[];
  area: string;
  level?: Level;
  which?: Which;
  fy?: number;
  round?: number;
  quarter?: number;
  from?: string;
  to?: string;
  by: 'unit';
  hospitals?: string;
  format: (typeof FORMATS)[number];
  out?: string;
  excel: boolean;
  identify: boolean;
  lang: Lang;
  encoding: 'auto' | 'utf8' | 'tis620';
  strict: boolean;
  quiet: boolean;
}

/** Said once on stderr whenever a file of names is written (the Personal Data Protection Act, B.E. 2562). */
export const PDPA_NOTICE = 'kpi: PDPA: this file holds personal data (CID, names) protected by the Personal Data Protection Act B.E. 2562 (พ.ร.บ.คุ้มครองข้อมูลส่วนบุคคล): share it only with staff who follow these persons up, and delete it when done';

export function casesCommand(setCode: (c: number) => void): Command {
  return periodOptions(
    new Command('cases')
      .description(SUMMARY.cases)
      .argument('<indicator>', 'the indicator id (see kpi list)')
      .requiredOption('--data <paths...>', 'folders or files of 43-file exports')
      .requiredOption('--area <code>', 'region number, 2-digit province, 4-digit district, 5-digit unit, TH, or a province or district name')
      .addOption(new Option('--level <level>', 'the level of --area when its code is ambiguous (regions 10–13 are also province codes)').choices(['region', 'province', 'district', 'unit', 'country']))
      .addOption(new Option('--which <list>', 'missing: in B but not in A (default, unless the template says otherwise); achieved: A; group: B').choices(['missing', 'achieved', 'group']))
      .option('--templates <paths...>', 'template files or folders', [BUNDLED_TEMPLATES])
  )
    .addOption(new Option('--by <level>', 'rows are per person, grouped by their unit').choices(['unit']).default('unit'))
    .option('--hospitals <file>', 'unit reference CSV: HOSPCODE, NAME, CHANGWAT, AMPUR')
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('table'))
    .option('--out <file>', 'write to this file (whole or not at all) instead of stdout')
    .option('--excel', 'with --format csv: UTF-8 BOM, CRLF and formula-safe text, for opening in Excel', false)
    .option('--identify', 'add CID, PRENAME, NAME and LNAME (only into --out FILE, mode 0600)', false)
    .addOption(new Option('--lang <lang>', 'language of labels and reasons').choices(LANGS).default('th'))
    .addOption(new Option('--encoding <enc>', 'input encoding').choices(ENCODINGS).default('auto'))
    .option('--strict', 'unreadable rows are fatal (exit 3) instead of counted and reported', false)
    .option('--quiet', 'no progress line (warnings and the PDPA notice are still shown)', false)
    .action(async (id: string, o: CasesCliOptions) => setCode(await cases(id, o)));
}

async function cases(id: string, o: CasesCliOptions): Promise<number> {
  if (o.identify && !o.out) throw new UsageError('--identify writes CIDs and names only to a file: give --out FILE (it is created with mode 0600)');
  if (o.excel && o.format !== 'csv') throw new UsageError(`--excel applies to --format csv, not --format ${o.format}`);
  if (o.format === 'xlsx' && !o.out) throw new UsageError('--format xlsx writes a binary workbook: give --out FILE');
  const all = await loadTemplates(o.templates);
  const t = all.find((x) => x.template.id === id);
  if (!t) {
    const ids = all.map((x) => x.template.id);
    throw new UsageError(`no template with id ${id}${didYouMean(id, ids)} (known: ${ids.join(', ')})`);
  }
  const area = areaOf(o.area, o.level, o.lang);
  const period = periodOf(o);
  const data = await findInputs(o.data);
  if (o.identify && /^\/(dev|proc)\//.test(path.resolve(o.out ?? ''))) throw new UsageError(NOT_A_FILE);
  const target = fileOnly(await outputTarget(o.out, inputFiles(o, [t], data, undefined)), o);
  const hospitals = o.hospitals ? await loadHospitals(o.hospitals, o.encoding) : null;
  const progress = startProgress(data, o.quiet);
  const list = await listCases(t, data, { period, hospitals, area, nestedZips: data.nestedZips, which: o.which, identify: o.identify, lang: o.lang, encoding: o.encoding, strict: o.strict, onChunk: progress.onChunk })
    .finally(() => progress.done());
  list.warnings.push(...inputWarnings(data, hospitals).map((w) => w.text), ...readingNotes(list.engine).map((w) => w.text));
  printWarnings(list.warnings.map((text) => ({ text })), process.stderr);
  await writeOutput(target, await render(list, o));
  if (o.identify) process.stderr.write(`${PDPA_NOTICE}: ${o.out}\n`);
  return EXIT.ok;
}

/**
 * Names and CIDs go only into a regular file, created (or replaced) with mode 0600 whatever
 * mode an old file had: never a terminal, a pipe or `/dev/stdout`.
 */
function fileOnly(target: OutputTarget, o: CasesCliOptions): OutputTarget {
  if (!o.identify) return target;
  // `/dev/stdout` (checked before this, by name) is stdout even when a shell has sent stdout to a file.
  if (target.kind !== 'file' || /^\/proc\//.test(target.file)) throw new UsageError(NOT_A_FILE);
  return { ...target, mode: 0o600 };
}

const NOT_A_FILE = '--identify writes CIDs and names only to a regular file: give --out FILE (not stdout, a device or a pipe)';

async function render(list: CaseList, o: CasesCliOptions): Promise<string | Uint8Array> {
  switch (o.format) {
    // A file never gets terminal colours, even when stdout is a terminal.
    case 'table': return renderCasesTable(list, o.lang, await colourFor(o.out ? null : process.stdout));
    case 'csv': return renderCasesCsv(list, o.excel);
    case 'json': return renderCasesJson(list);
    case 'xlsx': {
      const { renderCasesXlsx } = await import('../cases/xlsx.js');
      return renderCasesXlsx(list, o.lang);
    }
  }
}
