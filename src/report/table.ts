import type { ChalkInstance } from 'chalk';
import type { Lang } from '../area/names.js';
import type { IndicatorInfo, ResultRow } from '../results/schema.js';
import { toBlocks, type Block } from './blocks.js';
import { plainText } from './escape.js';
import { displayWidth, padEnd, padStart } from './width.js';

/** The terminal table: one block per indicator, numbers right-aligned, pass and score coloured. */
export function renderTable(rows: readonly ResultRow[], infos: ReadonlyMap<string, IndicatorInfo>, lang: Lang, colour: ChalkInstance): string {
  return toBlocks(rows, infos, lang).map((b) => renderBlock(clean(b), colour)).join('\n');
}

/** Names come from hospitals files and templates: no control character of theirs reaches the terminal. */
function clean(b: Block): Block {
  return { title: plainText(b.title), source: plainText(b.source), header: b.header.map(plainText), rows: b.rows.map(({ cells, row }) => ({ cells: cells.map(plainText), row })) };
}

function renderBlock(b: Block, colour: ChalkInstance): string {
  const widths = b.header.map((h, i) => Math.max(displayWidth(h), ...b.rows.map((r) => displayWidth(r.cells[i]!))));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? padEnd(c, widths[i]!) : padStart(c, widths[i]!))).join('  ');
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  const out = [colour.bold(b.title), ...(b.source ? [colour.dim(b.source)] : []), line(b.header), rule];
  b.rows.forEach(({ cells, row }, i) => {
    const text = line(cells.map((c, k) => paint(c, k, row, colour)));
    // The total gets a rule of its own only below other rows: alone, the header's rule is enough.
    out.push(row.level !== 'country' ? text : i > 0 ? rule + '\n' + colour.bold(text) : colour.bold(text));
  });
  return out.join('\n') + '\n';
}

function paint(cell: string, column: number, row: ResultRow, colour: ChalkInstance): string {
  if (column === 5 && row.pass !== null) return row.pass ? colour.green(cell) : colour.red(cell);
  if (column === 6 && row.score !== null) return row.score >= 4 ? colour.green(cell) : row.score >= 3 ? colour.yellow(cell) : colour.red(cell);
  return cell;
}
