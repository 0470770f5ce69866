import { availableParallelism } from 'node:os';
import { Command, Option } from 'commander';
import { hasUnitTypes, loadHospitals, type Hospitals } from '../area/hospitals.js';
import { coverageOf, totalName, type Coverage } from '../area/coverage.js';
import type { Lang } from '../area/names.js';
import { describeIssue, RowIssues } from '../data/issues.js';
import { findInputs, FoundInputs, type SizedInput } from '../data/inputs.js';
import { periodFields } from '../engine/coverage.js';
import { runEngine, tablesOf, type EngineResult } from '../engine/run.js';
import { DataError, EXIT, UsageError } from '../errors.js';
import { PeriodError, resolvePeriod, type Period } from '../period/period.js';
import { resolvePeriodSet, wantsPeriodSet, type PeriodSet } from '../period/period-set.js';
import { renderJson } from '../report/json.js';
import { renderMarkdown } from '../report/markdown.js';
import { renderPeriodTable } from '../report/period-table.js';
import { renderTable } from '../report/table.js';
import { outputTarget, writeOutput } from '../report/output-target.js';
import { buildAllRows, type BuildOptions } from '../results/build.js';
import { nameTotal, shownRows, type Shown } from '../results/shown.js';
import { buildPeriodRows } from '../results/periods.js';
import type { ResultDocument, ResultRow } from '../results/schema.js';
import type { CheckedTemplate } from '../template/checked.js';
import { loadTemplates } from '../template/load.js';
import { runManual, withManual, type ManualRun } from '../manual/totals.js';
import { applyConfig, CONFIG_FILE, ENCODINGS, findConfig, FORMATS, LANGS, LEVELS } from './config.js';
import { BUNDLED_TEMPLATES, colourFor, integer, notice, todayYmd, periodOptions } from './options.js';
import { didYouMean } from './help-texts.js';
import { startProgress } from './progress.js';
import { SORTS, sortRows, type Sort } from '../report/sort.js';
import { distinct, emptyPeriodText, printWarnings, skippedGroups, type Degradation, type Warning } from './warnings.js';
import { SUMMARY } from './summaries.js';
import { nounList } from '../text/plural.js';

export interface ComputeOptions {
  templates: string[];
  data: string[];
  /** Count in this database (`kpi load`'s tables) instead of reading `--data`. */
  db?: string;
  fy?: number;
  round?: number;
  quarter?: number;
  from?: string;
  to?: string;
  /** Several periods in one pass: `--rounds all|3,6`, `--months [--monthly]`, `--compare-fy YEAR`. */
  rounds?: string;
  months?: boolean;
  monthly?: boolean;
  compareFy?: number;
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
  sort: Sort;
  /** Reading threads; 1 reads on the main thread only. */
  threads: number;
}

/** What commander hands over before the config file is applied: `--data` may still be missing. */
type ParsedOptions = Omit<ComputeOptions, 'data'> & { data?: string[]; config?: string | false };

export function computeCommand(setCode: (c: number) => void): Command {
  return periodOptions(
    new Command('compute')
      .description(SUMMARY.compute)
      .option('--data <paths...>', 'folders or files of 43-file / summary exports (required here or in the config file, unless --db)')
      .option('--db <url>', 'count in a database instead (duckdb:FILE, postgres://…, mysql://…; tables as kpi load writes them)')
      .option('--templates <paths...>', 'template files or folders', [BUNDLED_TEMPLATES])
  )
    .option('--rounds <list>', 'several rounds in one pass: all, or a list such as 3,6')
    .option('--months', 'the cumulative result at the end of each month of the fiscal year')
    .option('--monthly', 'with --months: each month on its own instead of cumulative')
    .option('--compare-fy <year>', 'also compute the same periods of this fiscal year, and show the change', integer('--compare-fy'))
    .addOption(new Option('--by <level>', 'level of the rows').choices(LEVELS).default('region'))
    .option('--indicator <ids...>', 'only these indicators')
    .option('--hospitals <file>', 'unit reference CSV: HOSPCODE, NAME, CHANGWAT, AMPUR')
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('table'))
    .option('--out <file>', 'write to this file (whole or not at all) instead of stdout')
    .addOption(new Option('--sort <order>', 'rows by area code, or by result best first (by the template\'s "better"); the total row stays last').choices(SORTS).default('code'))
    .addOption(new Option('--lang <lang>', 'language of labels').choices(LANGS).default('th'))
    .addOption(new Option('--encoding <enc>', 'input encoding').choices(ENCODINGS).default('auto'))
    .option('--strict', 'every degradation is fatal (exit 3, nothing written): unreadable rows, skipped indicators, missing columns, unknown units, an empty period', false)
    .option('--excel', 'with --format csv: UTF-8 BOM, CRLF and formula-safe text, for opening in Excel', false)
    .option('--config <file>', `defaults for these options from a JSON file (default: ./${CONFIG_FILE} if present); flags override it`)
    .option('--no-config', `ignore ./${CONFIG_FILE}`)
    .option('--quiet', 'no notices on stderr (warnings are still shown)', false)
    .option('--threads <n>', 'threads reading (and, for some tables, counting) large files side by side (1: all on one thread); results are the same for any number', threadCount, availableParallelism())
    .action(async (parsed: ParsedOptions, cmd: Command) => {
      const config = await findConfig(parsed.config);
      const { config: _, ...o } = config ? applyConfig(parsed, config.values, (k) => cmd.getOptionValueSource(k) === 'cli') : parsed;
      if (config?.implicit && !o.quiet) notice(`defaults from ${config.file} (--no-config to ignore it)`);
      // A configured `excel: true` means "my CSVs are for Excel", not an error for a job's other formats.
      if (cmd.getOptionValueSource('excel') !== 'cli' && o.format !== 'csv') o.excel = false;
      // A configured --data is the usual source; --db on the command line takes its place.
      if (o.db && cmd.getOptionValueSource('data') !== 'cli') delete o.data;
      if (!o.data && !o.db) cmd.error(`error: required option '--data <paths...>' not specified (on the command line or in the config file)`, { exitCode: EXIT.usage });
      setCode(await compute({ ...o, data: o.data ?? [] }, config?.file));
    });
}

function threadCount(v: string): number {
  const n = integer('--threads')(v);
  if (n < 1 || n > 64) throw new UsageError(`--threads ${v}: give a number from 1 to 64`);
  return n;
}

/** `KPI_RANGE_BYTES` (for tests, not documented to users): a tiny range size cuts files at many places. */
function rangeBytes(): { rangeBytes?: number } {
  const n = Number(process.env.KPI_RANGE_BYTES);
  return Number.isInteger(n) && n > 0 ? { rangeBytes: n } : {};
}

export async function compute(o: ComputeOptions, configFile?: string): Promise<number> {
  if (o.excel && o.format !== 'csv') throw new UsageError(`--excel applies to --format csv, not --format ${o.format}`);
  if (o.format === 'xlsx' && !o.out) throw new UsageError('--format xlsx writes a binary workbook: give --out FILE');
  const all = await loadTemplates(o.templates);
  const templates = selectTemplates(all, o.indicator);
  const set = periodsOf(o);
  const periods = set.periods;
  const period = periods[0]!;
  if (period.note && !o.quiet) notice(period.note);
  const warnings: Warning[] = [];
  if (o.db && o.data.length > 0) throw new UsageError('--db counts in the database: give --data to kpi load, not with --db');
  const data = o.db ? new FoundInputs() : await findInputs(o.data, (text) => warnings.push({ text }));
  // Before any row is read: a run must not end, minutes later, in "cannot write".
  const target = await outputTarget(o.out, inputFiles(o, all, data, configFile));
  const hospitals = o.hospitals ? await loadHospitals(o.hospitals, o.encoding) : null;
  const issues = new RowIssues();
  const progress = startProgress(data, o.quiet);
  const untyped = unitTypesLacking(templates, hospitals, o);
  warnings.push(...untyped.map((t) => ({ text: `${t.template.id} skipped: it counts some types of unit only, and ${o.hospitals ? `${o.hospitals} has no UNIT_TYPE column` : 'no --hospitals file gives unit types'}`, degrades: 'skipped' as const })));
  const counted = templates.filter((t) => t.template.manual === undefined && !untyped.includes(t));
  // The one place --db changes: where the per-place A and B come from; everything after is shared.
  const db = o.db;
  // The SQL compiler and the database clients load only for --db: ~55 ms of every other run's start.
  const counts = db ? import('../sql/compute.js').then((sql) => sql.computeOnDb(counted, periods, db, hospitals, o.indicator !== undefined))
    : runEngine(counted, data, { period, periods, hospitals, requireAll: o.indicator !== undefined, encoding: o.encoding, nestedZips: data.nestedZips, threads: o.threads, ...rangeBytes(), ...(progress.onChunk ? { onChunk: progress.onChunk } : {}) }, issues);
  const engine = withManual(await counts.finally(() => progress.done()), await manualInputs(templates, data, periods, hospitals, o));
  warnings.push(...inputWarnings(data, hospitals));
  warnings.push(...collectWarnings(engine, issues, hospitals, o));
  const computed = withParts(templates.filter((t) => engine.totals.has(t.template.id)), warnings);
  const build: BuildOptions = { level: o.by, period, lang: o.lang, hospitals };
  const coverage = coverageOf(computed.flatMap((t) => engine.periodTotals.flatMap((totals) => [...totals.get(t.template.id)?.values() ?? []].flatMap((m) => [...m.keys()]))));
  const built = periods.length === 1 ? buildAllRows(computed, (id) => engine.totals.get(id)!, build)
    : buildPeriodRows(computed, periods, (p, id) => engine.periodTotals[p]!.get(id)!, build);
  const rows = nameTotal(built, coverage, o.lang);
  warnings.push(...emptyPeriods(computed, engine, period), ...numeratorOverDenominator(rows, computed));
  // With nothing computed, the closing error names the tables found and needed: one line, not one per group.
  printWarnings(computed.length === 0 ? warnings.filter((w) => w.degrades !== 'skipped') : warnings, process.stderr);
  if (computed.length === 0) throw new DataError(nothingComputed(templates, data, engine, o.db !== undefined));
  if (o.strict) {
    const fatal = strictFailures(warnings, issues);
    if (fatal.length > 0) throw new DataError(`--strict: ${fatal.join('; ')}; nothing written`);
  }
  const shown = shownRows(templates, computed, rows, new Map(engine.notComputed.map((n) => [n.templateId, n.reason])), build, periods);
  const output = await renderResults({ ...shown, rows: sortRows(shown.rows, o.sort, shown.infos) }, engine.inputs, distinct(warnings), set, o, coverage);
  await writeOutput(target, output);
  return EXIT.ok;
}

/** Templates with `unit_types` when the hospitals file gives no unit types: skipped, or an error when named. */
function unitTypesLacking(templates: readonly CheckedTemplate[], hospitals: Hospitals | null, o: ComputeOptions): CheckedTemplate[] {
  if (hasUnitTypes(hospitals)) return [];
  const lacking = templates.filter((t) => [...t.measures.values()].some((m) => m.query.unit_types !== undefined));
  if (lacking.length > 0 && o.indicator !== undefined) throw new DataError(`${lacking.map((t) => t.template.id).join(', ')} count${lacking.length === 1 ? 's' : ''} some types of unit only: give a --hospitals file with a UNIT_TYPE column`);
  return lacking;
}

/** The officers' CSVs of manual templates (src/manual); one the user named by `--indicator` must be there. */
async function manualInputs(templates: readonly CheckedTemplate[], data: FoundInputs, periods: readonly Period[], hospitals: Hospitals | null, o: ComputeOptions): Promise<ManualRun> {
  const manual = await runManual(templates, data, periods, hospitals, o.encoding);
  if (manual.missing.length > 0 && o.indicator !== undefined) {
    throw new DataError(manual.missing.map((m) => `${m.templateId} needs ${nounList('table', m.tables)} (the officer's CSV ${m.tables.join(', ')}.csv), not found in --data`).join('\n'));
  }
  return manual;
}

/** Every file the run reads, which `--out` must not name (shared with `kpi cases`). */
export function inputFiles(o: Pick<ComputeOptions, 'hospitals'>, templates: readonly CheckedTemplate[], data: Map<string, SizedInput[]>, configFile: string | undefined): string[] {
  const own = templates.flatMap((t) => [t.file, ...[...t.measures.values()].flatMap((m) => (m.file ? [m.file] : []))]);
  return [...(o.hospitals ? [o.hospitals] : []), ...(configFile ? [configFile] : []), ...own, ...[...data.values()].flat().map((i) => i.source)];
}

/** A run that computed nothing is an error that says what was found and what was needed. */
function nothingComputed(templates: readonly CheckedTemplate[], data: Map<string, SizedInput[]>, engine: EngineResult, onDb: boolean): string {
  const found = [...data.keys()].sort();
  const needed = [...new Set(templates.flatMap(tablesOf))].sort();
  const columns = engine.notComputed.length > 0 ? `; ${engine.notComputed.length} not computed for missing columns (see the warnings)` : '';
  // The URL may carry a password: the database is not named here (the warnings name it, redacted).
  if (onDb) return `nothing computed: the database has none of the tables the templates need (${needed.join(', ')})${columns}`;
  return `nothing computed: --data holds ${found.length === 0 ? 'no table' : `table${found.length > 1 ? 's' : ''} ${found.join(', ')}`}; the templates need ${needed.join(', ') || 'no table'}${columns}`;
}

/** What `--strict` refuses, by kind: every warning that degrades the numbers. */
function strictFailures(warnings: readonly Warning[], issues: RowIssues): string[] {
  const n = (kind: Degradation) => warnings.filter((w) => w.degrades === kind).length;
  const count = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;
  const out: string[] = [];
  if (issues.total > 0) out.push(`${count(issues.total, 'row', 'rows')} could not be read`);
  if (n('skipped') > 0) out.push('indicators were skipped for missing tables');
  if (n('column') > 0) out.push(`${count(n('column'), 'indicator was', 'indicators were')} not computed for missing columns`);
  if (n('units') > 0) out.push(`${count(n('units'), 'unit is', 'units are')} not in the hospitals file`);
  if (n('address') > 0) out.push('counted rows found no PERSON → HOME address');
  if (n('correction') > 0) out.push('DATA_CORRECT rows could not be applied');
  if (n('period') > 0) out.push('an indicator counted nothing in the period');
  return out;
}

/** A composite whose parts were not all computed is left out, with a warning, rather than shown without a score. */
function withParts(computed: CheckedTemplate[], warnings: Warning[]): CheckedTemplate[] {
  const ids = new Set(computed.map((t) => t.template.id));
  return computed.filter((t) => {
    const lacking = (t.composite?.parts ?? []).filter((p) => !ids.has(p.indicator)).map((p) => p.indicator);
    if (lacking.length === 0) return true;
    warnings.push({ text: `${t.template.id} skipped: its weighted part${lacking.length > 1 ? 's' : ''} ${lacking.join(', ')} ${lacking.length > 1 ? 'were' : 'was'} not computed`, degrades: 'skipped' });
    return false;
  });
}

function selectTemplates(all: CheckedTemplate[], ids: string[] | undefined): CheckedTemplate[] {
  if (!ids) return all;
  const unknown = ids.filter((id) => !all.some((t) => t.template.id === id));
  if (unknown.length > 0) {
    const ids = all.map((t) => t.template.id);
    throw new UsageError(`no template with id ${unknown.map((u) => `${u}${didYouMean(u, ids)}`).join(', ')} (known: ${ids.join(', ')})`);
  }
  // A weighted composite is graded from its parts' scores, so naming it brings its parts along.
  const wanted = new Set(ids.flatMap((id) => [id, ...(all.find((t) => t.template.id === id)?.composite?.parts.map((p) => p.indicator) ?? [])]));
  return all.filter((t) => wanted.has(t.template.id));
}

/** The periods of `--fy`, `--round`, `--quarter`, `--from/--to`, `--rounds`, `--months`, `--compare-fy`. */
function periodsOf(o: ComputeOptions): PeriodSet {
  try {
    const options = { fy: o.fy, round: o.round, quarter: o.quarter, from: o.from, to: o.to, rounds: o.rounds, months: o.months, monthly: o.monthly, compareFy: o.compareFy, today: todayYmd() };
    return wantsPeriodSet(options) ? resolvePeriodSet(options) : { periods: [resolvePeriod(options)] };
  } catch (e) {
    if (e instanceof PeriodError) throw new UsageError(e.message);
    throw e;
  }
}

/** The one period of `--fy`, `--round`, `--quarter`, `--from/--to` (shared with `kpi cases`). */
export function periodOf(o: Pick<ComputeOptions, 'fy' | 'round' | 'quarter' | 'from' | 'to'>): Period {
  try {
    return resolvePeriod({ fy: o.fy, round: o.round, quarter: o.quarter, from: o.from, to: o.to, today: todayYmd() });
  } catch (e) {
    if (e instanceof PeriodError) throw new UsageError(e.message);
    throw e;
  }
}

/** What finding the inputs noticed: zips in zips (not read), names repeated in a zip, bad bytes in --hospitals. */
export function inputWarnings(data: FoundInputs, hospitals: Hospitals | null): Warning[] {
  return [
    ...data.nestedZips.map((z) => ({ text: `${z}: a zip inside a zip is not read (unpack it and give it to --data)` })),
    ...data.repeatedMembers.map((m) => ({ text: `${m}: the zip holds this name more than once: every entry is read` })),
    ...(hospitals?.problems ?? []).map((text) => ({ text })),
  ];
}

function collectWarnings(engine: EngineResult, issues: RowIssues, hospitals: Hospitals | null, o: ComputeOptions): Warning[] {
  const out: Warning[] = issues.list().map((i) => ({ text: describeIssue(i), degrades: 'rows' }));
  out.push(...readingNotes(engine));
  out.push(...skippedGroups(engine.missing));
  for (const n of engine.notComputed) out.push({ text: `${n.templateId} not computed: ${n.reason}`, degrades: 'column' });
  for (const i of engine.inputs) if (i.rows === 0 && i.skipped === 0) out.push({ text: `${i.file}: header only, no rows` });
  if (!hospitals && engine.unplaced.size > 0 && o.by !== 'unit') {
    out.push({ text: 'no --hospitals file: rows placed by unit count only in the national row (and at --by unit)' });
  } else if (hospitals) {
    for (const [code, n] of [...engine.unplaced].sort()) out.push({ text: `unit ${code} is not in ${o.hospitals}: its ${n} counted row${n === 1 ? ' appears' : 's appear'} only in the national row (and at --by unit)`, degrades: 'units' });
  }
  return out;
}

/** What reading did besides counting: columns no indicator uses read as empty, rows merged away or deleted, residences not found (shared with `kpi cases`). */
export function readingNotes(engine: EngineResult): Warning[] {
  const out: Warning[] = engine.correctionProblems.map((text) => ({ text, degrades: 'correction' }));
  for (const read of engine.reads) {
    for (const f of read.files) {
      const used = (c: string) => engine.notComputed.some((n) => n.lacking.some((l) => l.file === f.input.display && l.columns.includes(c)));
      const unused = (f.stats.absent ?? []).filter((c) => !used(c));
      if (unused.length > 0) out.push({ text: `${f.input.display}: no column ${unused.join(', ')}: read as empty` });
    }
    if (read.replaced > 0) {
      const total = read.files.reduce((n, f) => n + f.stats.rows, 0);
      out.push({ text: `${read.table}: ${total} rows from ${read.files.length} files merged into ${total - read.replaced} (${read.replaced} repeated a primary key; the latest D_UPDATE is kept)` });
    }
    if (read.deleted > 0) out.push({ text: `${read.table}: ${read.deleted} row${read.deleted === 1 ? '' : 's'} deleted by DATA_CORRECT` });
  }
  for (const [id, n] of engine.noAddress) out.push({ text: `${id}: ${n} counted row${n === 1 ? '' : 's'} found no PERSON → HOME address (area "residence"): counted only in the national row`, degrades: 'address' });
  return out;
}

/**
 * Indicators that counted nothing anywhere (B, or every measure when there is
 * no B), grouped by what their period fields hold, so that "the data is empty"
 * and "the period is wrong" are told apart.
 */
function emptyPeriods(computed: readonly CheckedTemplate[], engine: EngineResult, period: Period): Warning[] {
  const groups = new Map<string, string[]>();
  for (const t of computed) {
    if (t.composite) continue;
    const totals = engine.totals.get(t.template.id)!;
    const measures = totals.has('B') ? [totals.get('B')!] : [...totals.values()];
    if (!measures.every((places) => [...places.values()].every((v) => v.n === 0n))) continue;
    const text = emptyPeriodText(period, periodFields(t), engine.dateRanges);
    groups.set(text, [...(groups.get(text) ?? []), t.template.id]);
  }
  return [...groups].map(([text, ids]) => ({ text: `${text}: ${ids.length === 1 ? 'B is' : `B of ${ids.length} indicators is`} 0 in every area (${ids.join(', ')})`, degrades: 'period' }));
}

/** A numerator above its denominator is possible in a formula but is usually a data or template error. */
function numeratorOverDenominator(rows: readonly ResultRow[], templates: readonly CheckedTemplate[]): Warning[] {
  // Only where A is a part of B (A / B); in a change such as (B − A) / A, A is last year's count.
  const ratios = new Set(templates.filter((t) => t.template.formula?.replace(/\s+/g, '').includes('A/B')).map((t) => t.template.id));
  return rows
    .filter((r) => ratios.has(r.indicator) && r.a !== null && r.b !== null && r.a > r.b)
    .map((r) => ({ text: `${r.indicator}: ${r.level} ${r.area_code} has A (${r.a}) greater than B (${r.b})` }));
}

/** Rows in the chosen format, as `compute` and `merge` write them. */
export async function renderResults(shown: Shown, inputs: ResultDocument['inputs'], warnings: string[], set: PeriodSet, o: Pick<ComputeOptions, 'format' | 'excel' | 'lang' | 'out'>, c: Coverage): Promise<string | Uint8Array> {
  const infos = new Map(shown.infos.map((i) => [i.id, i]));
  const rows = shown.rows;
  const labels = set.periods.map((p) => p.label);
  const layout = { periods: labels, compared: set.compareFyBE !== undefined, width: o.out ? Infinity : screenWidth() };
  const total = { area_code: 'TH' as const, covers: c.level, code: c.code, name: totalName(c, o.lang) };
  const doc: ResultDocument = { period: labels.join(', '), ...(labels.length > 1 ? { periods: labels } : {}), indicators: shown.infos, results: rows, total, warnings, inputs };
  switch (o.format) {
    // csv-stringify loads only when CSV is asked for.
    case 'csv': return (await import('../report/csv.js')).renderCsv(rows, infos, { excel: o.excel });
    case 'md': return renderMarkdown(rows, infos, o.lang);
    case 'table': {
      const colour = await colourFor(process.stdout);
      return labels.length > 1 ? renderPeriodTable(rows, infos, o.lang, colour, layout) : renderTable(rows, infos, o.lang, colour);
    }
    case 'json': return renderJson(doc);
    case 'html': {
      // The page, its charts and styles: only when a page is asked for.
      const { renderHtml } = await import('../report/html.js');
      return renderHtml(doc, o.lang, layout);
    }
    case 'xlsx': {
      // exceljs takes most of a second to load: only when a workbook is asked for.
      const { renderXlsx } = await import('../report/xlsx.js');
      return renderXlsx(doc, o.lang, layout);
    }
  }
}

/** The terminal's width, else `COLUMNS`; a pipe without either gets the whole width of the table. */
function screenWidth(): number {
  if (process.stdout.isTTY && process.stdout.columns) return process.stdout.columns;
  const env = Number(process.env.COLUMNS);
  return Number.isInteger(env) && env > 0 ? env : Infinity;
}
