import type { Lang } from '../area/names.js';
import { thousands } from '../report/format-values.js';
import { periodText, word } from '../report/labels.js';
import type { ResultRow } from '../results/schema.js';
import type { DiffRow } from './compare.js';
import type { Comparison } from './comparison.js';
import { fixed, signed } from './values.js';
import { changeHeader, HEAD, statusWord } from './words.js';

/** One indicator's listed rows as display cells, shared by the terminal table and Markdown. */
export interface DiffBlock {
  readonly title: string;
  readonly header: string[];
  readonly rows: Array<{ cells: string[]; row: DiffRow }>;
}

export function toDiffBlocks(c: Comparison, lang: Lang): DiffBlock[] {
  const blocks: DiffBlock[] = [];
  for (const id of c.indicators.byId.keys()) {
    const rows = c.rows.filter((r) => r.indicator === id);
    if (rows.length === 0) continue;
    const info = c.indicators.byId.get(id)!;
    const period = (p: string | undefined) => (p === undefined ? '-' : periodText(p, lang));
    const periods = `${period(rows.find((r) => r.old)?.old?.period)} → ${period(rows.find((r) => r.new)?.new?.period)}`;
    blocks.push({
      title: [id, info.title?.[lang], `(${periods})`].filter(Boolean).join('  '),
      header: [HEAD.area[lang], 'A', 'B', info.unit?.[lang] ?? HEAD.result[lang], changeHeader(info, lang), word('pass', lang), word('score', lang), HEAD.status[lang]],
      rows: rows.map((row) => ({ cells: cells(row, info.decimals, lang), row })),
    });
  }
  return blocks;
}

function cells(r: DiffRow, decimals: number, lang: Lang): string[] {
  const area = r.level === 'country' || r.level === 'region' ? r.area_name : `${r.area_code} ${r.area_name}`;
  const count = (v: number | null) => (v === null ? '-' : thousands(String(v)));
  const result = (v: number | null) => (v === null ? '-' : thousands(fixed(v, decimals)));
  const pass = (p: boolean | null) => (p === null ? '-' : word(p ? 'yes' : 'no', lang));
  const score = (s: number | null) => (s === null ? '-' : String(s));
  const status = statusWord(r.status, lang) + (r.flag ? `, ${statusWord(r.flag, lang)}` : '');
  return [
    area,
    pair(r, (x) => count(x.a)),
    pair(r, (x) => count(x.b)),
    pair(r, (x) => result(x.result)),
    thousands(signed(r.change, decimals)),
    pair(r, (x) => pass(x.pass)),
    pair(r, (x) => score(x.score)),
    status,
  ];
}

/** `2 → 3`; a value that did not move is shown once; a missing side is `-`. */
function pair(r: DiffRow, text: (x: ResultRow) => string): string {
  const before = r.old ? text(r.old) : '-';
  const after = r.new ? text(r.new) : '-';
  return r.old && r.new && before === after ? after : `${before} → ${after}`;
}
