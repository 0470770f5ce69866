import type { Lang } from '../area/names.js';
import type { IndicatorInfo, ResultRow } from '../results/schema.js';
import { resultText, thousands } from './format-values.js';
import { levelLabel, periodText, targetText, word } from './labels.js';

/** One indicator's rows as display cells, shared by the terminal table and Markdown. */
export interface Block {
  readonly title: string;
  /** Which book the definition comes from ("FY2558 template book, line 2483"), or ''. */
  readonly source: string;
  readonly header: string[];
  readonly rows: Array<{ cells: string[]; row: ResultRow }>;
}

/** Groups rows per indicator in their order, with the cells people read (`-` for no value). */
export function toBlocks(rows: readonly ResultRow[], infos: ReadonlyMap<string, IndicatorInfo>, lang: Lang): Block[] {
  const blocks: Block[] = [];
  for (const r of rows) {
    let b = blocks[blocks.length - 1];
    if (!b || b.rows[0]!.row.indicator !== r.indicator || b.rows[0]!.row.period !== r.period) {
      const info = infos.get(r.indicator);
      const firstLevel = r.level;
      b = {
        title: `${r.indicator}  ${info ? info.title[lang] : ''}  (${periodText(r.period, lang)})`,
        source: info?.source ? `${word('source', lang)}: ${info.source[lang]}` : '',
        header: [levelLabel(firstLevel, lang), word('b', lang), word('a', lang), info ? info.unit[lang] : '', word('target', lang), word('pass', lang), word('score', lang)],
        rows: [],
      };
      blocks.push(b);
    }
    b.rows.push({ cells: cells(r, infos.get(r.indicator), lang), row: r });
  }
  return blocks;
}

export function cells(r: ResultRow, info: IndicatorInfo | undefined, lang: Lang): string[] {
  const none = r.b === 0 && (r.a === 0 || r.a === null);
  const num = (v: number | null) => (v === null || none ? '-' : thousands(String(v)));
  const area = r.level === 'region' ? r.area_code : r.level === 'country' ? r.area_name : `${r.area_code} ${r.area_name}`;
  const pass = r.pass === null ? '-' : word(r.pass ? 'yes' : 'no', lang);
  return [area, num(r.b), num(r.a), r.result === null ? '-' : thousands(resultText(r, info)), targetText(r.target, lang) || '-', pass, r.score === null ? '-' : String(r.score)];
}

