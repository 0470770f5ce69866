import { Command, Option } from 'commander';
import { EXIT, UsageError } from '../errors.js';
import { writeStdout } from '../report/output-target.js';
import { compileTemplate, DIALECT_NAMES, SqlCompileError, type DialectName } from '../sql/index.js';
import { unitsOfTypeIn } from '../sql/run.js';
import { loadHospitals } from '../area/hospitals.js';
import type { CheckedTemplate } from '../template/checked.js';
import { DIALECTS } from '../sql/dialects/index.js';
import { inlineFiles } from '../sql/inline.js';
import { loadTemplates } from '../template/load.js';
import { periodOf } from './compute.js';
import { helpFooter, INTERNAL } from './help.js';
import { SUMMARY } from './summaries.js';
import { BUNDLED_TEMPLATES, periodOptions } from './options.js';

interface SqlOptions {
  dialect?: DialectName;
  rowOrder?: string;
  hospitals?: string;
  fy?: number;
  round?: number;
  quarter?: number;
  from?: string;
  to?: string;
}

export function sqlCommand(setCode: (c: number) => void): Command {
  return periodOptions(
    new Command('sql')
      .description(SUMMARY.sql)
      .argument('[paths...]', 'template files or folders (default: the bundled templates)')
      .addOption(new Option('--dialect <name>', 'the SQL engine (required)').choices(DIALECT_NAMES)),
  )
    .option('--hospitals <file>', 'unit reference CSV with UNIT_TYPE: templates with unit_types get its units of those types written into the query')
    .option('--row-order <column>', 'a column giving the rows\' reading order, for ties ("the row read last"); default: DuckDB rowid, PostgreSQL ctid, none on MySQL and Spark; "none" for none')
    .addHelpText('after', helpFooter([
      ['kpi sql templates/dm-control.json --dialect mysql --fy 2567 --round 6', 'dm-control for a DHDC database, round 6 of FY2567'],
      ['kpi sql templates --dialect spark --fy 2567 > kpi.sql', 'every bundled indicator for a Spark cluster'],
    ], [[0, 'every template was compiled'], [2, 'a bad option, a template error, or a feature the dialect cannot express'], INTERNAL]))
    .action(async (paths: string[], o: SqlOptions, cmd: Command) => {
      if (!o.dialect) cmd.error(`error: required option '--dialect <name>' not specified (${DIALECT_NAMES.join(', ')})`, { exitCode: EXIT.usage });
      await writeStdout(await sqlText(paths.length > 0 ? paths : [BUNDLED_TEMPLATES], o.dialect, o));
      setCode(EXIT.ok);
    });
}

/** Every template's query, each after a comment naming it (the id only: kebab-case, so no comment can be broken out of). */
export async function sqlText(paths: readonly string[], dialect: DialectName, o: SqlOptions): Promise<string> {
  const templates = await loadTemplates([...paths]);
  const period = periodOf(o);
  const d = DIALECTS[dialect];
  if (o.rowOrder !== undefined && o.rowOrder !== 'none' && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(o.rowOrder)) throw new UsageError(`--row-order ${o.rowOrder}: give a column name (letters, digits, _) or none`);
  const order = o.rowOrder === undefined ? d.loadOrder : o.rowOrder === 'none' ? null : d.quoteIdent(o.rowOrder.toLowerCase());
  const units = unitsOfTypeIn(o.hospitals ? await loadHospitals(o.hospitals) : null);
  const out: string[] = [];
  for (const t of templates) {
    if (t.template.manual !== undefined) { out.push(`-- ${t.template.id}: A and B are entered by hand (${t.template.manual}.csv in --data): no query\n`); continue; }
    const inline = await inlineFiles(t, d, order);
    const sql = named(t, () => compileTemplate(t, period, dialect, { order, inline, ...units }));
    out.push(sql === null
      ? `-- ${t.template.id}: a weighted composite, graded from the scores of ${t.composite!.parts.map((p) => p.indicator).join(', ')}: no query\n`
      : `-- ${t.template.id} (${period.label})\n${sql};\n`);
  }
  return out.join('\n');
}

/** A compile error names the template it stopped at. */
function named<T>(t: CheckedTemplate, compile: () => T): T {
  try {
    return compile();
  } catch (e) {
    if (e instanceof SqlCompileError && !e.message.startsWith(`${t.template.id}: `)) throw new SqlCompileError(`${t.template.id}: ${e.message}`);
    throw e;
  }
}
