import { Command, Option } from 'commander';
import { loadHospitals, type Hospitals } from '../area/hospitals.js';
import type { Lang } from '../area/names.js';
import { describeIssue, RowIssues } from '../data/issues.js';
import { findInputs } from '../data/inputs.js';
import { runEngine, type EngineResult } from '../engine/run.js';
import { DataError, EXIT, UsageError } from '../errors.js';
import { PeriodError, resolvePeriod, type Period } from '../period/period.js';
import { renderCsv } from '../report/csv.js';
import { renderHtml } from '../report/html.js';
import { renderJson } from '../report/json.js';
import { renderMarkdown } from '../report/markdown.js';
import { renderTable } from '../report/table.js';
import { writeAtomically } from '../report/write.js';
import { buildAllRows, indicatorInfo, type BuildOptions } from '../results/build.js';
import type { ResultDocument, ResultRow } from '../results/schema.js';
import type { CheckedTemplate } from '../template/checked.js';
import { loadTemplates } from '../template/load.js';
import { applyConfig, CONFIG_FILE, ENCODINGS, findConfig, FORMATS, LANGS, LEVELS } from './config.js';
import { BUNDLED_TEMPLATES, colourFor, integer, notice, todayYmd } from './options.js';
import { startProgress } from './progress.js';

export interface ComputeOptions {
  templates: string[];
  data: string[];
  fy?: number;
  round?: number;
  quarter?: number;
  from?: string;
  to?: string;
  by: BuildOptions['level'];
  indicator?: string[];
  hospitals?: string;
  format: (typeof FORMATS)[number];
  out?: string;
  lang: Lang;
  encoding: 'auto' | 'utf8' | 'tis620';
  strict: boolean;
  excel: boolean;
  quiet: boolean;
}

/** What commander hands over before the config file is applied: `--data` may still be missing. */
type ParsedOptions = Omit<ComputeOptions, 'data'> & { data?: string[]; config?: string | false };

export function computeCommand(setCode: (c: number) => void): Command {
  return new Command('compute')
    .description('compute indicators and print or write the result tables')
    .option('--data <paths...>', 'folders or files of 43-file / summary exports (required here or in the config file)')
    .option('--templates <paths...>', 'template files or folders', [BUNDLED_TEMPLATES])
    .option('--fy <year>', 'fiscal year, BE (2567) or CE (2024); default: the current one', integer('--fy'))
    .option('--round <months>', 'cumulative months from 1 October: 3, 6, 9 or 12 (default 12)', integer('--round'))
    .option('--quarter <n>', 'a single fiscal quarter, 1 to 4', integer('--quarter'))
    .option('--from <date>', 'start of a free window (YYYY-MM-DD), with --to')
    .option('--to <date>', 'end of a free window (YYYY-MM-DD), with --from')
    .addOption(new Option('--by <level>', 'level of the rows').choices(LEVELS).default('region'))
    .option('--indicator <ids...>', 'only these indicators')
    .option('--hospitals <file>', 'unit reference CSV: HOSPCODE, NAME, CHANGWAT, AMPUR')
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('table'))
    .option('--out <file>', 'write to this file (whole or not at all) instead of stdout')
    .addOption(new Option('--lang <lang>', 'language of labels').choices(LANGS).default('th'))
    .addOption(new Option('--encoding <enc>', 'input encoding').choices(ENCODINGS).default('auto'))
    .option('--strict', 'unreadable rows are fatal (exit 3) instead of counted and reported', false)
    .option('--excel', 'with --format csv: UTF-8 BOM, CRLF and formula-safe text, for opening in Excel', false)
    .option('--config <file>', `defaults for these options from a JSON file (default: ./${CONFIG_FILE} if present); flags override it`)
    .option('--no-config', `ignore ./${CONFIG_FILE}`)
    .option('--quiet', 'no notices on stderr (warnings are still shown)', false)
    .action(async (parsed: ParsedOptions, cmd: Command) => {
      const config = await findConfig(parsed.config);
      const { config: _, ...o } = config ? applyConfig(parsed, config.values, (k) => cmd.getOptionValueSource(k) === 'cli') : parsed;
      if (config?.implicit && !o.quiet) notice(`defaults from ${config.file} (--no-config to ignore it)`);
      // A configured `excel: true` means "my CSVs are for Excel", not an error for a job's other formats.
      if (cmd.getOptionValueSource('excel') !== 'cli' && o.format !== 'csv') o.excel = false;
      if (!o.data) cmd.error(`error: required option '--data <paths...>' not specified (on the command line or in the config file)`, { exitCode: EXIT.usage });
      setCode(await compute({ ...o, data: o.data }));
    });
}

export async function compute(o: ComputeOptions): Promise<number> {
  if (o.excel && o.format !== 'csv') throw new UsageError(`--excel applies to --format csv, not --format ${o.format}`);
  if (o.format === 'xlsx' && !o.out) throw new UsageError('--format xlsx writes a binary workbook: give --out FILE');
  const all = await loadTemplates(o.templates);
  const templates = selectTemplates(all, o.indicator);
  const period = periodOf(o);
  const hospitals = o.hospitals ? await loadHospitals(o.hospitals, o.encoding) : null;
  const issues = new RowIssues();
  const data = await findInputs(o.data);
  const progress = startProgress(data, o.quiet);
  const engine = await runEngine(templates, data, { period, hospitals, requireAll: o.indicator !== undefined, encoding: o.encoding, ...(progress.onChunk ? { onChunk: progress.onChunk } : {}) }, issues)
    .finally(() => progress.done());
  const warnings = collectWarnings(engine, issues, hospitals, o);
  const computed = withParts(templates.filter((t) => engine.totals.has(t.template.id)), warnings);
  const build: BuildOptions = { level: o.by, period, lang: o.lang, hospitals };
  const rows = buildAllRows(computed, (id) => engine.totals.get(id)!, build);
  warnings.push(...numeratorOverDenominator(rows));
  for (const w of warnings) process.stderr.write(`kpi: warning: ${w}\n`);
  if (o.strict && issues.total > 0) throw new DataError(`--strict: ${issues.total} row${issues.total === 1 ? '' : 's'} could not be read; nothing written`);
  const output = await render(computed, rows, engine, warnings, build, o);
  if (o.out) await writeAtomically(o.out, output);
  else process.stdout.write(output);
  return 0;
}

/** A composite whose parts were not all computed is left out, with a warning, rather than shown without a score. */
function withParts(computed: CheckedTemplate[], warnings: string[]): CheckedTemplate[] {
  const ids = new Set(computed.map((t) => t.template.id));
  return computed.filter((t) => {
    const lacking = (t.composite?.parts ?? []).filter((p) => !ids.has(p.indicator)).map((p) => p.indicator);
    if (lacking.length === 0) return true;
    const w = `${t.template.id} skipped: its weighted part${lacking.length > 1 ? 's' : ''} ${lacking.join(', ')} ${lacking.length > 1 ? 'were' : 'was'} not computed`;
    warnings.push(w);
    return false;
  });
}

function selectTemplates(all: CheckedTemplate[], ids: string[] | undefined): CheckedTemplate[] {
  if (!ids) return all;
  const unknown = ids.filter((id) => !all.some((t) => t.template.id === id));
  if (unknown.length > 0) throw new UsageError(`no template with id ${unknown.join(', ')} (known: ${all.map((t) => t.template.id).join(', ')})`);
  // A weighted composite is graded from its parts' scores, so naming it brings its parts along.
  const wanted = new Set(ids.flatMap((id) => [id, ...(all.find((t) => t.template.id === id)?.composite?.parts.map((p) => p.indicator) ?? [])]));
  return all.filter((t) => wanted.has(t.template.id));
}

/** The period of `--fy`, `--round`, `--quarter`, `--from/--to` (shared with `kpi cases`). */
export function periodOf(o: Pick<ComputeOptions, 'fy' | 'round' | 'quarter' | 'from' | 'to'>): Period {
  try {
    return resolvePeriod({ fy: o.fy, round: o.round, quarter: o.quarter, from: o.from, to: o.to, today: todayYmd() });
  } catch (e) {
    if (e instanceof PeriodError) throw new UsageError(e.message);
    throw e;
  }
}

function collectWarnings(engine: EngineResult, issues: RowIssues, hospitals: Hospitals | null, o: ComputeOptions): string[] {
  const out = issues.list().map(describeIssue);
  out.push(...readingNotes(engine));
  if (engine.missing.length === 1) {
    const [m] = engine.missing;
    out.push(`${m!.templateId} skipped: it needs table ${m!.tables.join(', ')}, not found in --data`);
  } else if (engine.missing.length > 1) {
    // Running the whole library on one folder skips many indicators; one line keeps the real warnings visible.
    out.push(`${engine.missing.length} indicators skipped, their tables not found in --data: ${engine.missing.map((m) => `${m.templateId} (${m.tables.join(', ')})`).join(', ')}`);
  }
  for (const i of engine.inputs) if (i.rows === 0 && i.skipped === 0) out.push(`${i.file}: header only, no rows`);
  if (!hospitals && engine.unplaced.size > 0 && o.by !== 'unit') {
    out.push(`no --hospitals file: rows placed by unit count only in the national row (and at --by unit)`);
  } else if (hospitals) {
    for (const [code, n] of [...engine.unplaced].sort()) out.push(`unit ${code} is not in ${o.hospitals}: its ${n} counted row${n === 1 ? ' appears' : 's appear'} only in the national row (and at --by unit)`);
  }
  return out;
}

/** What reading did besides counting: columns read as empty, rows merged away or deleted, residences not found (shared with `kpi cases`). */
export function readingNotes(engine: EngineResult): string[] {
  const out: string[] = [...engine.correctionProblems];
  for (const read of engine.reads) {
    for (const f of read.files) if (f.stats.absent) out.push(`${f.input.display}: no column ${f.stats.absent.join(', ')}: read as empty`);
    if (read.replaced > 0) {
      const total = read.files.reduce((n, f) => n + f.stats.rows, 0);
      out.push(`${read.table}: ${total} rows from ${read.files.length} files merged into ${total - read.replaced} (${read.replaced} repeated a primary key; the latest D_UPDATE is kept)`);
    }
    if (read.deleted > 0) out.push(`${read.table}: ${read.deleted} row${read.deleted === 1 ? '' : 's'} deleted by DATA_CORRECT`);
  }
  for (const [id, n] of engine.noAddress) out.push(`${id}: ${n} counted row${n === 1 ? '' : 's'} found no PERSON → HOME address (area "residence"): counted only in the national row`);
  return out;
}

/** A numerator above its denominator is possible in a formula but is usually a data or template error. */
function numeratorOverDenominator(rows: readonly ResultRow[]): string[] {
  return rows
    .filter((r) => r.a !== null && r.b !== null && r.a > r.b)
    .map((r) => `${r.indicator}: ${r.level} ${r.area_code} has A (${r.a}) greater than B (${r.b})`);
}

async function render(templates: CheckedTemplate[], rows: ResultRow[], engine: EngineResult, warnings: string[], b: BuildOptions, o: ComputeOptions): Promise<string | Uint8Array> {
  const infos = new Map(templates.map((t) => [t.template.id, indicatorInfo(t)]));
  const doc: ResultDocument = { period: b.period.label, indicators: [...infos.values()], results: rows, warnings, inputs: engine.inputs };
  switch (o.format) {
    case 'csv': return renderCsv(rows, infos, { excel: o.excel });
    case 'md': return renderMarkdown(rows, infos, o.lang);
    case 'table': return renderTable(rows, infos, o.lang, colourFor(process.stdout));
    case 'json': return renderJson(doc);
    case 'html': return renderHtml(doc, o.lang);
    case 'xlsx': {
      // exceljs takes most of a second to load: only when a workbook is asked for.
      const { renderXlsx } = await import('../report/xlsx.js');
      return renderXlsx(doc, o.lang);
    }
  }
}
