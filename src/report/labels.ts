import type { Lang } from '../area/names.js';
import type { ResultRow } from '../results/schema.js';

const LEVEL: Record<ResultRow['level'], { th: string; en: string }> = {
  unit: { th: 'หน่วยบริการ', en: 'Unit' },
  district: { th: 'อำเภอ', en: 'District' },
  province: { th: 'จังหวัด', en: 'Province' },
  region: { th: 'เขตสุขภาพที่', en: 'Health region' },
  country: { th: 'ประเทศ', en: 'Country' },
};

const WORDS = {
  b: { th: 'เป้าหมาย (B)', en: 'Target group (B)' },
  a: { th: 'ผลงาน (A)', en: 'Achieved (A)' },
  target: { th: 'เกณฑ์', en: 'Target' },
  pass: { th: 'ผ่าน', en: 'Pass' },
  score: { th: 'คะแนน', en: 'Score' },
  yes: { th: 'ผ่าน', en: 'yes' },
  no: { th: 'ไม่ผ่าน', en: 'no' },
  period: { th: 'ช่วงเวลา', en: 'Period' },
  code: { th: 'รหัส', en: 'Code' },
  indicator: { th: 'ตัวชี้วัด', en: 'Indicator' },
  summary: { th: 'สรุป', en: 'Summary' },
  colourKey: { th: 'ความหมายของสี', en: 'Colour key' },
  sources: { th: 'แหล่งข้อมูล', en: 'Data sources' },
  rows: { th: 'แถว', en: 'rows' },
  skipped: { th: 'ข้าม', en: 'skipped' },
  warnings: { th: 'คำเตือน', en: 'Warnings' },
} as const;

export function levelLabel(level: ResultRow['level'], lang: Lang): string {
  return LEVEL[level][lang];
}

export function word(key: keyof typeof WORDS, lang: Lang): string {
  return WORDS[key][lang];
}
