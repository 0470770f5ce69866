import { Command, Option } from 'commander';
import { loadHospitals } from '../area/hospitals.js';
import { combineResults } from '../combine/combine.js';
import { readUnitResults, type UnitResultFile } from '../combine/read.js';
import { DataError, EXIT, UsageError } from '../errors.js';
import { outputTarget, writeOutput } from '../report/output-target.js';
import { SORTS, sortRows } from '../report/sort.js';
import type { CheckedTemplate } from '../template/checked.js';
import { loadTemplates } from '../template/load.js';
import { renderResults, type ComputeOptions } from './compute.js';
import { ENCODINGS, FORMATS, LANGS, LEVELS } from './config.js';
import { didYouMean } from './help-texts.js';
import { BUNDLED_TEMPLATES } from './options.js';
import { distinct, printWarnings } from './warnings.js';
import { SUMMARY } from './summaries.js';

/** `kpi merge` takes compute's report options; what it reads are result files, not exports. */
export type MergeOptions = Pick<ComputeOptions, 'templates' | 'by' | 'indicator' | 'hospitals' | 'format' | 'out' | 'lang' | 'encoding' | 'strict' | 'excel' | 'sort'>;

export function mergeCommand(setCode: (c: number) => void): Command {
  return new Command('merge')
    .description(SUMMARY.merge)
    .argument('<results...>', 'JSON files of `kpi compute --by unit --format json`, each unit in one file only')
    .option('--templates <paths...>', 'the template files or folders the results were computed with', [BUNDLED_TEMPLATES])
    .option('--hospitals <file>', 'unit reference CSV: HOSPCODE, NAME, CHANGWAT, AMPUR (places units in districts and provinces)')
    .addOption(new Option('--by <level>', 'level of the rows').choices(LEVELS).default('region'))
    .option('--indicator <ids...>', 'only these indicators')
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('table'))
    .option('--out <file>', 'write to this file (whole or not at all) instead of stdout')
    .addOption(new Option('--sort <order>', 'rows by area code, or by result best first; the total row stays last').choices(SORTS).default('code'))
    .addOption(new Option('--lang <lang>', 'language of labels').choices(LANGS).default('th'))
    .addOption(new Option('--encoding <enc>', 'encoding of the hospitals file').choices(ENCODINGS).default('auto'))
    .option('--strict', 'every degradation is fatal (exit 3, nothing written): an indicator missing from a file, units not in the hospitals file, counts beyond the units', false)
    .option('--excel', 'with --format csv: UTF-8 BOM, CRLF and formula-safe text, for opening in Excel', false)
    .action(async (results: string[], o: MergeOptions) => {
      setCode(await merge(results, o));
    });
}

export async function merge(results: readonly string[], o: MergeOptions): Promise<number> {
  if (o.excel && o.format !== 'csv') throw new UsageError(`--excel applies to --format csv, not --format ${o.format}`);
  if (o.format === 'xlsx' && !o.out) throw new UsageError('--format xlsx writes a binary workbook: give --out FILE');
  const all = await loadTemplates(o.templates);
  const files = await Promise.all(results.map(readUnitResults));
  const templates = selectTemplates(all, files, o.indicator);
  const target = await outputTarget(o.out, [...results, ...(o.hospitals ? [o.hospitals] : []), ...all.map((t) => t.file)]);
  const hospitals = o.hospitals ? await loadHospitals(o.hospitals, o.encoding) : null;
  const combined = combineResults(files, templates, { level: o.by, lang: o.lang, hospitals, ...(o.hospitals ? { hospitalsFile: o.hospitals } : {}) });
  const warnings = [...(hospitals?.problems ?? []).map((text) => ({ text })), ...combined.warnings];
  printWarnings(warnings, process.stderr);
  if (combined.merged === 0) throw new DataError('nothing merged: no indicator of the files could be rolled up (see the warnings and the rows)');
  const fatal = warnings.filter((w) => 'degrades' in w && w.degrades !== undefined);
  if (o.strict && fatal.length > 0) throw new DataError(`--strict: ${fatal.length} warning${fatal.length === 1 ? '' : 's'} degrade the numbers; nothing written`);
  const shown = { infos: combined.infos, rows: sortRows(combined.rows, o.sort, combined.infos) };
  const set = { periods: combined.periods, ...(combined.compareFyBE === undefined ? {} : { compareFyBE: combined.compareFyBE }) };
  await writeOutput(target, await renderResults(shown, combined.inputs, distinct(warnings), set, o, combined.coverage));
  return EXIT.ok;
}

/** The templates of the indicators the files hold (or `--indicator`), in template order; a file's indicator without a template is an error. */
function selectTemplates(all: readonly CheckedTemplate[], files: readonly UnitResultFile[], ids: string[] | undefined): CheckedTemplate[] {
  const known = all.map((t) => t.template.id);
  for (const f of files) {
    const unknown = f.doc.indicators.map((i) => i.id).filter((id) => !known.includes(id));
    if (unknown.length > 0) throw new UsageError(`${f.file} holds ${unknown.join(', ')}, which --templates has no template for: give --templates the templates it was computed with`);
  }
  const inFiles = new Set(files.flatMap((f) => f.doc.indicators.map((i) => i.id)));
  const missing = (ids ?? []).filter((id) => !inFiles.has(id));
  if (missing.length > 0) throw new UsageError(`--indicator ${missing.map((id) => `${id}${didYouMean(id, [...inFiles])}`).join(', ')}: in none of the files`);
  const wanted = ids ? new Set(ids.flatMap((id) => [id, ...(all.find((t) => t.template.id === id)?.composite?.parts.map((p) => p.indicator) ?? [])])) : inFiles;
  return all.filter((t) => wanted.has(t.template.id) && inFiles.has(t.template.id));
}
