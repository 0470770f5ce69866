import type { Lang } from '../area/names.js';
import type { IndicatorInfo, ResultRow } from '../results/schema.js';
import { toBlocks } from './blocks.js';
import { markdownCell as escape, plainText } from './escape.js';

/** One `##` section and one pipe table per indicator; numeric columns right-aligned. */
export function renderMarkdown(rows: readonly ResultRow[], infos: ReadonlyMap<string, IndicatorInfo>, lang: Lang): string {
  return toBlocks(rows, infos, lang)
    .map((b) => {
      const head = `| ${b.header.map(escape).join(' | ')} |`;
      const align = `|${b.header.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`;
      const body = b.rows.map(({ cells, row }) => {
        const c = cells.map(escape);
        return `| ${(row.level === 'country' ? c.map((x) => (x ? `**${x}**` : x)) : c).join(' | ')} |`;
      });
      const source = b.source ? [`_${escape(plainText(b.source))}_`, ''] : [];
      return [`## ${escape(plainText(b.title))}`, '', ...source, head, align, ...body, ''].join('\n');
    })
    .join('\n');
}
