import { Command, Option } from 'commander';
import type { Lang } from '../area/names.js';
import { compareResults, summarize } from '../diff/compare.js';
import type { Comparison } from '../diff/comparison.js';
import { exitCodeFor, FAIL_ON, type FailOn } from '../diff/gate.js';
import { resolveIndicators } from '../diff/indicators.js';
import { readResultFile } from '../diff/read.js';
import { renderDiffCsv } from '../diff/render-csv.js';
import { renderDiffJson } from '../diff/render-json.js';
import { renderDiffMarkdown } from '../diff/render-markdown.js';
import { renderDiffTable } from '../diff/render-table.js';
import { UsageError } from '../errors.js';
import { parseDecimal, type Rational } from '../num/rational.js';
import { outputTarget, writeOutput } from '../report/output-target.js';
import type { ResultRow } from '../results/schema.js';
import { colourFor } from './options.js';
import { SUMMARY } from './summaries.js';

export interface DiffOptions {
  tolerance: string;
  all: boolean;
  indicator?: string[];
  level?: ResultRow['level'];
  format: 'table' | 'csv' | 'json' | 'md';
  out?: string;
  failOn: FailOn;
  lang: Lang;
  excel: boolean;
}

export function diffCommand(setCode: (c: number) => void): Command {
  return new Command('diff')
    .description(SUMMARY.diff)
    .argument('<old>', 'the earlier result file (JSON or CSV written by compute)')
    .argument('<new>', 'the later result file')
    .option('--tolerance <x>', 'result changes up to and including X (in result units) are not changes', '0')
    .option('--all', 'also list rows that did not change', false)
    .option('--indicator <ids...>', 'only these indicators')
    .addOption(new Option('--level <level>', 'only rows of this level').choices(['unit', 'district', 'province', 'region', 'country']))
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'csv', 'json', 'md']).default('table'))
    .option('--out <file>', 'write to this file (whole or not at all) instead of stdout')
    .addOption(new Option('--fail-on <kind>', 'exit 1 only for rows of this kind').choices([...FAIL_ON]).default('any'))
    .addOption(new Option('--lang <lang>', 'language of labels').choices(['th', 'en']).default('th'))
    .option('--excel', 'with --format csv: UTF-8 BOM, CRLF and formula-safe text, for opening in Excel', false)
    .action(async (oldFile: string, newFile: string, o: DiffOptions) => setCode(await diff(oldFile, newFile, o)));
}

export async function diff(oldFile: string, newFile: string, o: DiffOptions): Promise<number> {
  if (o.excel && o.format !== 'csv') throw new UsageError(`--excel applies to --format csv, not --format ${o.format}`);
  const tolerance = toleranceOf(o.tolerance);
  const target = await outputTarget(o.out, [oldFile, newFile]);
  // One after the other, so that when both are bad the message is always about OLD.
  const old = await readResultFile(oldFile);
  const neu = await readResultFile(newFile);
  const indicators = resolveIndicators(old, neu);
  const unknown = (o.indicator ?? []).filter((id) => !indicators.byId.has(id));
  if (unknown.length > 0) throw new UsageError(`--indicator ${unknown.join(', ')}: in neither ${oldFile} nor ${newFile} (they have: ${[...indicators.byId.keys()].join(', ')})`);
  for (const note of indicators.notes) process.stderr.write(`kpi: note: ${note}\n`);
  const all = compareResults(old, neu, indicators, { tolerance, indicators: o.indicator, level: o.level });
  const c: Comparison = {
    old: { file: oldFile, period: old.period },
    new: { file: newFile, period: neu.period },
    tolerance,
    indicators,
    rows: o.all ? all : all.filter((r) => r.status !== 'same'),
    summary: summarize(all),
  };
  const output = await render(c, o);
  await writeOutput(target, output);
  return exitCodeFor(c.summary, o.failOn);
}

function toleranceOf(text: string): Rational {
  const t = parseDecimal(text.trim());
  if (!t || t.n < 0n) throw new UsageError(`--tolerance ${text}: give a number of result units, 0 or more (e.g. 0.5)`);
  return t;
}

async function render(c: Comparison, o: DiffOptions): Promise<string> {
  switch (o.format) {
    case 'csv': return renderDiffCsv(c, { excel: o.excel });
    case 'json': return renderDiffJson(c);
    case 'md': return renderDiffMarkdown(c, o.lang);
    case 'table': return renderDiffTable(c, o.lang, await colourFor(process.stdout));
  }
}
