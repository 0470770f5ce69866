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

const THAI_MONTHS = ['ม.ค.', 'ก.พ.', 'มี.ค.', 'เม.ย.', 'พ.ค.', 'มิ.ย.', 'ก.ค.', 'ส.ค.', 'ก.ย.', 'ต.ค.', 'พ.ย.', 'ธ.ค.'];
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A period label of the results (`FY2567 R6`, `FY2567 Q2`, `FY2567 M03`, `2023-12`) in words for
 * people: `ปีงบประมาณ 2567 รอบ 6 เดือน`, `ปีงบประมาณ 2567 สะสมถึง ธ.ค. 2566`, `ธ.ค. 2566`. English keeps
 * the label, except a single month (`Dec 2023`). Anything else (a window) is shown as it is.
 */
export function periodWords(label: string, lang: Lang): string {
  const round = /^FY(\d{4}) R(\d+)$/.exec(label);
  if (round) return lang === 'th' ? `ปีงบประมาณ ${round[1]} รอบ ${round[2]} เดือน` : label;
  const quarter = /^FY(\d{4}) Q(\d)$/.exec(label);
  if (quarter) return lang === 'th' ? `ปีงบประมาณ ${quarter[1]} ไตรมาส ${quarter[2]}` : label;
  const month = /^FY(\d{4}) M(\d{2})$/.exec(label);
  if (month) {
    const m = ((+month[2]! + 8) % 12) + 1;
    const beYear = +month[1]! - (m >= 10 ? 1 : 0);
    return lang === 'th' ? `ปีงบประมาณ ${month[1]} สะสมถึง ${THAI_MONTHS[m - 1]} ${beYear}` : label;
  }
  const single = /^(\d{4})-(\d{2})$/.exec(label);
  if (single) {
    const m = +single[2]!;
    return lang === 'th' ? `${THAI_MONTHS[m - 1]} ${+single[1]! + 543}` : `${EN_MONTHS[m - 1]} ${single[1]}`;
  }
  return label;
}
