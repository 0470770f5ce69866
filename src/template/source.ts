import type { Source } from './schema.js';

/** "FY2558 template book, line 2483" in both languages, as reports and `kpi explain` print it. */
export function sourceText(s: Source): { th: string; en: string } {
  if (s.line === undefined) return { th: s.book.th, en: s.book.en };
  return { th: `${s.book.th} บรรทัด ${s.line}`, en: `${s.book.en}, line ${s.line}` };
}
