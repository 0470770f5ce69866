import { Command, Option } from 'commander';
import { loadHospitals, type Hospitals } from '../area/hospitals.js';
import type { Lang } from '../area/names.js';
import { describeIssue, RowIssues } from '../data/issues.js';
import { findInputs } from '../data/inputs.js';
import { runEngine, type EngineResult } from '../engine/run.js';
import { DataError, UsageError } from '../errors.js';
import { PeriodError, resolvePeriod, type Period } from '../period/period.js';
import { renderCsv } from '../report/csv.js';
import { renderJson } from '../report/json.js';
import { renderMarkdown } from '../report/markdown.js';
import { renderTable } from '../report/table.js';
import { writeAtomically } from '../report/write.js';
import { buildAllRows, indicatorInfo, type BuildOptions } from '../results/build.js';
import type { ResultDocument } from '../results/schema.js';
import type { CheckedTemplate } from '../template/checked.js';
import { loadTemplates } from '../template/load.js';
import { BUNDLED_TEMPLATES, colourFor, integer, todayYmd } from './options.js';

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
  format: 'table' | 'csv' | 'json' | 'md';
  out?: string;
  lang: Lang;
  encoding: 'auto' | 'utf8' | 'tis620';
  strict: boolean;
}

export function computeCommand(setCode: (c: number) => void): Command {
  return new Command('compute')
    .description('compute indicators and print or write the result tables')
    .requiredOption('--data <paths...>', 'folders or files of 43-file / summary exports')
    .option('--templates <paths...>', 'template files or folders', [BUNDLED_TEMPLATES])
    .option('--fy <year>', 'fiscal year, BE (2567) or CE (2024); default: the current one', integer('--fy'))
    .option('--round <months>', 'cumulative months from 1 October: 3, 6, 9 or 12 (default 12)', integer('--round'))
    .option('--quarter <n>', 'a single fiscal quarter, 1 to 4', integer('--quarter'))
    .option('--from <date>', 'start of a free window (YYYY-MM-DD), with --to')
    .option('--to <date>', 'end of a free window (YYYY-MM-DD), with --from')
    .addOption(new Option('--by <level>', 'level of the rows').choices(['region', 'province', 'district', 'unit']).default('region'))
    .option('--indicator <ids...>', 'only these indicators')
    .option('--hospitals <file>', 'unit reference CSV: HOSPCODE, NAME, CHANGWAT, AMPUR')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'csv', 'json', 'md']).default('table'))
    .option('--out <file>', 'write to this file (whole or not at all) instead of stdout')
    .addOption(new Option('--lang <lang>', 'language of labels').choices(['th', 'en']).default('th'))
    .addOption(new Option('--encoding <enc>', 'input encoding').choices(['auto', 'utf8', 'tis620']).default('auto'))
    .option('--strict', 'unreadable rows are fatal (exit 3) instead of counted and reported', false)
    .action(async (o: ComputeOptions) => setCode(await compute(o)));
}

export async function compute(o: ComputeOptions): Promise<number> {
  if (o.encoding === 'tis620') throw new UsageError('--encoding tis620 is not supported yet: convert the files to UTF-8');
  const all = await loadTemplates(o.templates);
  const templates = selectTemplates(all, o.indicator);
  const period = periodOf(o);
  const hospitals = o.hospitals ? await loadHospitals(o.hospitals) : null;
  const issues = new RowIssues();
  const engine = await runEngine(templates, await findInputs(o.data), { period, hospitals, requireAll: o.indicator !== undefined }, issues);
  const warnings = collectWarnings(engine, issues, hospitals, o);
  for (const w of warnings) process.stderr.write(`kpi: warning: ${w}\n`);
  if (o.strict && issues.total > 0) throw new DataError(`--strict: ${issues.total} row${issues.total === 1 ? '' : 's'} could not be read; nothing written`);
  const computed = withParts(templates.filter((t) => engine.totals.has(t.template.id)), warnings);
  const output = render(computed, engine, warnings, { level: o.by, period, lang: o.lang, hospitals }, o);
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
    process.stderr.write(`kpi: warning: ${w}\n`);
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

function periodOf(o: ComputeOptions): Period {
  try {
    return resolvePeriod({ fy: o.fy, round: o.round, quarter: o.quarter, from: o.from, to: o.to, today: todayYmd() });
  } catch (e) {
    if (e instanceof PeriodError) throw new UsageError(e.message);
    throw e;
  }
}

function collectWarnings(engine: EngineResult, issues: RowIssues, hospitals: Hospitals | null, o: ComputeOptions): string[] {
  const out = issues.list().map(describeIssue);
  for (const m of engine.missing) out.push(`${m.templateId} skipped: it needs table ${m.tables.join(', ')}, not found in --data`);
  for (const i of engine.inputs) if (i.rows === 0 && i.skipped === 0) out.push(`${i.file}: header only, no rows`);
  if (!hospitals && engine.unplaced.size > 0 && o.by !== 'unit') {
    out.push(`no --hospitals file: rows placed by unit count only in the national row (and at --by unit)`);
  } else if (hospitals) {
    for (const [code, n] of [...engine.unplaced].sort()) out.push(`unit ${code} is not in ${o.hospitals}: its ${n} counted row${n === 1 ? '' : 's'} appear only in the national row (and at --by unit)`);
  }
  return out;
}

function render(templates: CheckedTemplate[], engine: EngineResult, warnings: string[], b: BuildOptions, o: ComputeOptions): string {
  const rows = buildAllRows(templates, (id) => engine.totals.get(id)!, b);
  const infos = new Map(templates.map((t) => [t.template.id, indicatorInfo(t)]));
  switch (o.format) {
    case 'csv': return renderCsv(rows, infos);
    case 'md': return renderMarkdown(rows, infos, o.lang);
    case 'table': return renderTable(rows, infos, o.lang, colourFor(process.stdout));
    case 'json': {
      const doc: ResultDocument = { period: b.period.label, indicators: [...infos.values()], results: rows, warnings, inputs: engine.inputs };
      return renderJson(doc);
    }
  }
}
