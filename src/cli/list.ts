import { writeStdout } from '../report/output-target.js';
import { Command, Option } from 'commander';
import type { Lang } from '../area/names.js';
import { EXIT } from '../errors.js';
import { listRows } from '../explain/list.js';
import { table } from '../explain/describe.js';
import { levelWords } from '../explain/words.js';
import { loadTemplates } from '../template/load.js';
import { BUNDLED_TEMPLATES } from './options.js';
import { SUMMARY } from './summaries.js';

interface ListOptions {
  templates: string[];
  lang: Lang;
  format: 'table' | 'json';
}

export function listCommand(setCode: (c: number) => void): Command {
  return new Command('list')
    .description(SUMMARY.list)
    .option('--templates <paths...>', 'template files or folders', [BUNDLED_TEMPLATES])
    .addOption(new Option('--lang <lang>', 'language of titles').choices(['th', 'en']).default('th'))
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action(async (o: ListOptions) => {
      const rows = listRows(await loadTemplates(o.templates));
      if (o.format === 'json') {
        await writeStdout(JSON.stringify(rows, null, 2) + '\n');
      } else {
        const th = o.lang === 'th';
        const header = th ? ['รหัส', 'ชื่อตัวชี้วัด', 'ระดับ', 'หน่วย', 'เป้าหมาย'] : ['id', 'title', 'level', 'unit', 'target'];
        const body = rows.map((r) => [r.id, r.title[o.lang], levelWords(r.level ?? undefined, o.lang), r.unit[o.lang], r.target ?? '-']);
        await writeStdout(table([header, ...body]).map((l) => l.slice(2)).join('\n') + '\n');
      }
      setCode(EXIT.ok);
    });
}
