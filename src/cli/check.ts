import path from 'node:path';
import { Command, Option } from 'commander';
import { loadHospitals } from '../area/hospitals.js';
import { atLeast, type Severity } from '../check/findings.js';
import { renderCheckCsv, renderCheckJson, renderCheckTable } from '../check/render.js';
import { writeAtomically } from '../report/write.js';
import { checkData } from '../check/scan.js';
import type { Encoding } from '../data/decode.js';
import { findInputs, type SizedInput } from '../data/inputs.js';
import { EXIT } from '../errors.js';
import { todayYmd } from './options.js';
import { startProgress } from './progress.js';

interface CheckCliOptions {
  data: string[];
  hospitals?: string;
  format: 'table' | 'json' | 'csv';
  out?: string;
  failOn: Exclude<Severity, 'info'>;
  encoding: Encoding;
  quiet: boolean;
}

export function checkCommand(setCode: (c: number) => void): Command {
  return new Command('check')
    .description('data-quality report on exports (what compute would skip and why), without computing indicators')
    // Not requiredOption: commander would complain of it before `kpi check PATH` gets its "did you mean --data PATH?".
    .option('--data <paths...>', 'folders, files or .zip exports (required)')
    .option('--hospitals <file>', 'unit reference CSV: HOSPCODE, NAME, CHANGWAT, AMPUR')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'csv']).default('table'))
    .option('--out <file>', 'write to this file (whole or not at all) instead of stdout')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding this bad or worse exists').choices(['warning', 'error']).default('error'))
    .addOption(new Option('--encoding <enc>', 'input encoding').choices(['auto', 'utf8', 'tis620']).default('auto'))
    .option('--quiet', 'no progress line', false)
    .action(async (o: Partial<CheckCliOptions>, cmd: Command) => {
      if (!o.data) cmd.error(`error: required option '--data <paths...>' not specified`, { exitCode: EXIT.usage });
      setCode(await check(o as CheckCliOptions));
    });
}

async function check(o: CheckCliOptions): Promise<number> {
  const hospitals = o.hospitals ? await loadHospitals(o.hospitals, o.encoding) : null;
  const data = withoutFile(await findInputs(o.data), o.hospitals);
  const progress = startProgress(data, o.quiet);
  const report = await checkData(data, { encoding: o.encoding, hospitals, ...(o.hospitals ? { hospitalsFile: o.hospitals } : {}), today: todayYmd(), ...(progress.onChunk ? { onChunk: progress.onChunk } : {}) }).finally(() => progress.done());
  const text = o.format === 'json' ? renderCheckJson(report) : o.format === 'csv' ? renderCheckCsv(report) : renderCheckTable(report);
  if (o.out) await writeAtomically(o.out, text);
  else process.stdout.write(text);
  return report.findings.some((f) => atLeast(f.severity, o.failOn)) ? EXIT.differences : EXIT.ok;
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
