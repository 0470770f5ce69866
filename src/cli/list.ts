import { writeStdout } from '../report/output-target.js';
import { Command, Option } from 'commander';
import type { Lang } from '../area/names.js';
import { findInputs } from '../data/inputs.js';
import { computability, isComputable, type Computability } from '../engine/computable.js';
import { EXIT } from '../errors.js';
import { listRows } from '../explain/list.js';
import { table } from '../explain/describe.js';
import { levelWords } from '../explain/words.js';
import { resolvePeriod } from '../period/period.js';
import { loadTemplates } from '../template/load.js';
import { BUNDLED_TEMPLATES, todayYmd } from './options.js';
import { SUMMARY } from './summaries.js';
import { nounList } from '../text/plural.js';

interface ListOptions {
  templates: string[];
  data?: string[];
  lang: Lang;
  format: 'table' | 'json';
}

export function listCommand(setCode: (c: number) => void): Command {
  return new Command('list')
    .description(SUMMARY.list)
    .option('--templates <paths...>', 'template files or folders', [BUNDLED_TEMPLATES])
    .option('--data <paths...>', 'export folders, files or zips: say which templates they can compute and, for the others, what is missing (headers only are read)')
    .addOption(new Option('--lang <lang>', 'language of titles').choices(['th', 'en']).default('th'))
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action(async (o: ListOptions) => {
      const templates = await loadTemplates(o.templates);
      const rows = listRows(templates);
      const found = o.data ? await findInputs(o.data, (w) => process.stderr.write(`kpi: warning: ${w}\n`)) : null;
      const can = found ? await computability(templates, found, resolvePeriod({ today: todayYmd() })) : null;
      if (o.format === 'json') {
        const out = can ? rows.map((r, i) => ({ ...r, computable: isComputable(can[i]), missing: missingJson(can[i]!) })) : rows;
        await writeStdout(JSON.stringify(out, null, 2) + '\n');
      } else {
        const th = o.lang === 'th';
        const header = th ? ['รหัส', 'ชื่อตัวชี้วัด', 'ระดับ', 'หน่วย', 'เป้าหมาย'] : ['id', 'title', 'level', 'unit', 'target'];
        const extra = can ? [th ? 'คำนวณได้' : 'computable'] : [];
        const body = rows.map((r, i) => [r.id, r.title[o.lang], levelWords(r.level ?? undefined, o.lang), r.unit[o.lang], r.target ?? '-', ...(can ? [missingText(can[i]!, o.lang)] : [])]);
        await writeStdout(table([[...header, ...extra], ...body]).map((l) => l.slice(2)).join('\n') + '\n');
      }
      setCode(EXIT.ok);
    });
}

function missingJson(c: Computability): { tables: string[]; columns: Array<{ file: string; columns: string[] }>; parts: string[] } {
  return { tables: c.missingTables, columns: c.missingColumns, parts: c.missingParts };
}

/** `yes`, or what is missing: `no: needs tables CHRONIC, LABFU` / `no: ANC.csv has no column GA`. */
function missingText(c: Computability, lang: Lang): string {
  if (isComputable(c)) return lang === 'th' ? 'ได้' : 'yes';
  const th = lang === 'th';
  const said = [
    ...(c.missingTables.length ? [th ? `ไม่มีตาราง ${c.missingTables.join(', ')}` : `needs ${nounList('table', c.missingTables)}`] : []),
    ...c.missingColumns.map((m) => (th ? `${m.file} ไม่มีคอลัมน์ ${m.columns.join(', ')}` : `${m.file} has no column ${m.columns.join(', ')}`)),
    ...(c.missingParts.length ? [`${th ? 'คำนวณส่วนประกอบไม่ได้' : 'parts not computable'}: ${c.missingParts.join(', ')}`] : []),
  ];
  return `${th ? 'ไม่ได้' : 'no'}: ${said.join('; ')}`;
}
