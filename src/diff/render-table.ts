import type { ChalkInstance } from 'chalk';
import type { Lang } from '../area/names.js';
import { plainText } from '../report/escape.js';
import { displayWidth, padEnd, padStart } from '../report/width.js';
import type { DiffRow } from './compare.js';
import type { Comparison } from './comparison.js';
import { toDiffBlocks, type DiffBlock } from './blocks.js';
import { summaryLine } from './words.js';

/** The summary line first, then one block per indicator; moves coloured by whether they are good news. */
export function renderDiffTable(c: Comparison, lang: Lang, colour: ChalkInstance): string {
  // Names come from result files: no control character of theirs reaches the terminal.
  const blocks = toDiffBlocks(c, lang).map((b) => renderBlock({ ...b, title: plainText(b.title), header: b.header.map(plainText), rows: b.rows.map((r) => ({ ...r, cells: r.cells.map(plainText) })) }, colour));
  return [colour.bold(summaryLine(c.summary, lang)) + '\n', ...blocks].join('\n');
}

function renderBlock(b: DiffBlock, colour: ChalkInstance): string {
  const widths = b.header.map((h, i) => Math.max(displayWidth(h), ...b.rows.map((r) => displayWidth(r.cells[i]!))));
  const align = (cells: string[]) => cells.map((c, i) => (i === 0 || i === cells.length - 1 ? padEnd(c, widths[i]!) : padStart(c, widths[i]!))).join('  ').trimEnd();
  const out = [colour.bold(b.title), align(b.header), widths.map((w) => '─'.repeat(w)).join('  ')];
  for (const { cells, row } of b.rows) out.push(align(cells.map((c, i) => (i === 4 || i === 7 ? tint(row, colour)(c) : c))));
  return out.join('\n') + '\n';
}

function tint(r: DiffRow, colour: ChalkInstance): (s: string) => string {
  if (r.flag === 'newly-failing') return colour.red.bold;
  if (r.flag === 'newly-passing') return colour.green.bold;
  switch (r.status) {
    case 'improved': return colour.green;
    case 'worsened': return colour.red;
    case 'changed': return colour.yellow;
    case 'added':
    case 'removed': return colour.cyan;
    case 'same': return (s) => s;
  }
}
