import { outputTarget, writeOutput } from '../report/output-target.js';
import path from 'node:path';
import { Command, Option } from 'commander';
import { loadHospitals } from '../area/hospitals.js';
import { atLeast, type Severity } from '../check/findings.js';
import { renderCheckCsv, renderCheckJson, renderCheckTable } from '../check/render.js';
import { checkData } from '../check/scan.js';
import type { Encoding } from '../data/decode.js';
import { findInputs, type SizedInput } from '../data/inputs.js';
import { tableDef } from '../data/tables.js';
import { columnsNeeded } from '../engine/coverage.js';
import { DataError, EXIT } from '../errors.js';
import { resolvePeriod } from '../period/period.js';
import { loadTemplates } from '../template/load.js';
import { BUNDLED_TEMPLATES, todayYmd } from './options.js';
import { startProgress } from './progress.js';
import { SUMMARY } from './summaries.js';

interface CheckCliOptions {
  data: string[];
  templates: string[];
  hospitals?: string;
  format: 'table' | 'json' | 'csv';
  out?: string;
  failOn: Exclude<Severity, 'info'>;
  encoding: Encoding;
  quiet: boolean;
}

export function checkCommand(setCode: (c: number) => void): Command {
  return new Command('check')
    .description(SUMMARY.check)
    // Not requiredOption: commander would complain of it before `kpi check PATH` gets its "did you mean --data PATH?".
    .option('--data <paths...>', 'folders, files or .zip exports (required)')
    .option('--templates <paths...>', 'templates whose columns must be present (default: the bundled ones)', [BUNDLED_TEMPLATES])
    .option('--hospitals <file>', 'unit reference CSV: HOSPCODE, NAME, CHANGWAT, AMPUR')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'csv']).default('table'))
    .option('--out <file>', 'write to this file (whole or not at all) instead of stdout')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding this bad or worse exists').choices(['warning', 'error']).default('error'))
    .addOption(new Option('--encoding <enc>', 'input encoding').choices(['auto', 'utf8', 'tis620']).default('auto'))
    .option('--quiet', 'no progress line', false)
    .action(async (o: Omit<CheckCliOptions, 'data'> & { data?: string[] }, cmd: Command) => {
      if (!o.data) cmd.error(`error: required option '--data <paths...>' not specified`, { exitCode: EXIT.usage });
      setCode(await check({ ...o, data: o.data }));
    });
}

async function check(o: CheckCliOptions): Promise<number> {
  const target = await outputTarget(o.out, [...o.data, ...(o.hospitals ? [o.hospitals] : [])]);
  const today = todayYmd();
  const needs = columnsNeeded(await loadTemplates(o.templates), resolvePeriod({ today }));
  const hospitals = o.hospitals ? await loadHospitals(o.hospitals, o.encoding) : null;
  const found = await findInputs(o.data, (w) => process.stderr.write(`kpi: warning: ${w}\n`));
  const data = withoutFile(found, o.hospitals);
  refuseUnrecognised(data, needs);
  const progress = startProgress(data, o.quiet);
  const report = await checkData(data, { encoding: o.encoding, hospitals, ...(o.hospitals ? { hospitalsFile: o.hospitals } : {}), today, needs, nestedZips: found.nestedZips, repeatedMembers: found.repeatedMembers, ...(progress.onChunk ? { onChunk: progress.onChunk } : {}) }).finally(() => progress.done());
  await writeOutput(target, o.format === 'json' ? renderCheckJson(report) : o.format === 'csv' ? renderCheckCsv(report) : renderCheckTable(report));
  return report.findings.some((f) => atLeast(f.severity, o.failOn)) ? EXIT.differences : EXIT.ok;
}

/** "0 findings" about no table at all would be a clean bill of health for nothing. */
function refuseUnrecognised(data: Map<string, SizedInput[]>, needs: ReadonlyMap<string, unknown>): void {
  const known = [...data.keys()].filter((t) => tableDef(t) !== undefined || needs.has(t) || t.startsWith('S_'));
  if (known.length > 0) return;
  const files = [...data.values()].flat().map((i) => i.display);
  throw new DataError(`no 43-file or summary table in --data${files.length > 0 ? ` (files found: ${files.slice(0, 5).join(', ')}${files.length > 5 ? ', …' : ''})` : ' (no .txt, .csv or .zip file found)'}: nothing to check`);
}

/** The hospitals file often sits in the data folder; it is reference data, not a table to check. */
function withoutFile(data: Map<string, SizedInput[]>, file: string | undefined): Map<string, SizedInput[]> {
  if (!file) return data;
  const target = path.resolve(file);
  const out = new Map<string, SizedInput[]>();
  for (const [table, inputs] of data) {
    const kept = inputs.filter((i) => path.resolve(i.display) !== target);
    if (kept.length > 0) out.set(table, kept);
  }
  return out;
}
