import type { Lang } from '../area/names.js';
import type { Flag, Status, Summary } from './compare.js';
import type { DiffIndicator } from './indicators.js';
import { isPercent } from './indicators.js';

const WORDS: Record<Status | Flag, { th: string; en: string }> = {
  improved: { th: 'ดีขึ้น', en: 'improved' },
  worsened: { th: 'แย่ลง', en: 'worsened' },
  changed: { th: 'เปลี่ยน', en: 'changed' },
  added: { th: 'ใหม่', en: 'added' },
  removed: { th: 'หายไป', en: 'removed' },
  same: { th: 'เท่าเดิม', en: 'same' },
  'newly-failing': { th: 'ตกเกณฑ์ใหม่', en: 'newly below target' },
  'newly-passing': { th: 'ผ่านเกณฑ์ใหม่', en: 'newly meeting target' },
};

const SUMMARY_ORDER: Array<Status | Flag> = ['improved', 'worsened', 'changed', 'added', 'removed', 'newly-failing', 'newly-passing', 'same'];

export function statusWord(s: Status | Flag, lang: Lang): string {
  return WORDS[s][lang];
}

/** "3 improved, 2 worsened, 1 newly below target, 14 same": kinds with no row are left out. */
export function summaryLine(s: Summary, lang: Lang): string {
  const parts = SUMMARY_ORDER.filter((k) => s[k] > 0).map((k) => (lang === 'th' ? `${WORDS[k].th} ${s[k]}` : `${s[k]} ${WORDS[k].en}`));
  if (parts.length === 0) return lang === 'th' ? 'ไม่มีแถวให้เทียบ' : 'no rows to compare';
  return parts.join(', ');
}

export const HEAD = {
  area: { th: 'พื้นที่', en: 'Area' },
  result: { th: 'ผลลัพธ์', en: 'Result' },
  status: { th: 'สถานะ', en: 'Status' },
} as const;

/** The change column names its unit: percentage points for percentages. */
export function changeHeader(i: DiffIndicator, lang: Lang): string {
  const word = lang === 'th' ? 'เปลี่ยนแปลง' : 'Change';
  if (isPercent(i)) return `${word} (${lang === 'th' ? 'จุดร้อยละ' : 'pp'})`;
  return i.unit ? `${word} (${i.unit[lang]})` : word;
}
