import type { Lang } from '../area/names.js';
import type { ResultRow } from '../results/schema.js';

/**
 * The colour a result is shown in: its score band (an interpolated 3.5 is band 3), or for an
 * indicator without scoring its pass/fail. Shared by the workbook and the HTML report so a
 * colour means the same in both.
 */
export type Band = 'score5' | 'score4' | 'score3' | 'score2' | 'score1' | 'pass' | 'fail' | 'none';

export const BANDS: readonly Band[] = ['score5', 'score4', 'score3', 'score2', 'score1', 'pass', 'fail', 'none'];

/** RRGGBB, light enough for black text on top (ColorBrewer RdYlGn). */
export const BAND_COLOUR: Record<Band, string> = {
  score5: '66BD63',
  score4: 'A6D96A',
  score3: 'FEE08B',
  score2: 'FDAE61',
  score1: 'F46D43',
  pass: 'ABD9E9',
  fail: 'D7B5D8',
  none: 'D9D9D9',
};

const LABEL: Record<Band, { th: string; en: string }> = {
  score5: { th: 'คะแนน 5', en: 'score 5' },
  score4: { th: 'คะแนน 4', en: 'score 4' },
  score3: { th: 'คะแนน 3', en: 'score 3' },
  score2: { th: 'คะแนน 2', en: 'score 2' },
  score1: { th: 'คะแนน 0–1', en: 'score 0–1' },
  pass: { th: 'ผ่านเกณฑ์ (ไม่มีเกณฑ์คะแนน)', en: 'meets the target (no scoring)' },
  fail: { th: 'ไม่ผ่านเกณฑ์ (ไม่มีเกณฑ์คะแนน)', en: 'misses the target (no scoring)' },
  none: { th: 'ไม่มีผล', en: 'no result' },
};

export function bandOf(r: Pick<ResultRow, 'result' | 'score' | 'pass'>): Band {
  if (r.result === null) return 'none';
  if (r.score !== null) return r.score >= 5 ? 'score5' : r.score >= 4 ? 'score4' : r.score >= 3 ? 'score3' : r.score >= 2 ? 'score2' : 'score1';
  if (r.pass !== null) return r.pass ? 'pass' : 'fail';
  return 'none';
}

export function bandLabel(b: Band, lang: Lang): string {
  return LABEL[b][lang];
}
