import type { Lang } from '../area/names.js';
import { toDiffBlocks } from './blocks.js';
import type { Comparison } from './comparison.js';
import { markdownCell as escape, plainText } from '../report/escape.js';
import { summaryLine } from './words.js';

/** The summary as a paragraph, then a `##` section and pipe table per indicator. */
export function renderDiffMarkdown(c: Comparison, lang: Lang): string {
  const sections = toDiffBlocks(c, lang).map((b) => {
    const head = `| ${b.header.map(escape).join(' | ')} |`;
    const align = `|${b.header.map((_, i) => (i === 0 || i === b.header.length - 1 ? ' --- ' : ' ---: ')).join('|')}|`;
    const body = b.rows.map(({ cells }) => `| ${cells.map(escape).join(' | ')} |`);
    return [`## ${escape(plainText(b.title))}`, '', head, align, ...body, ''].join('\n');
  });
  return [`**${summaryLine(c.summary, lang)}**`, '', ...sections].join('\n');
}
