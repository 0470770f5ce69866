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
  warnings: { th: 'ข้อควรทราบเกี่ยวกับตัวเลข', en: 'What to know about these numbers' },
  index: { th: 'สารบัญ', en: 'Index' },
  sheet: { th: 'แผ่นงาน', en: 'Sheet' },
  inputsSheet: { th: 'ข้อมูลนำเข้าและคำเตือน', en: 'Inputs and warnings' },
  file: { th: 'แฟ้ม', en: 'File' },
  table: { th: 'ตาราง', en: 'Table' },
  noWarnings: { th: 'ไม่มี', en: 'None' },
  noData: { th: 'ไม่มีข้อมูลของตัวชี้วัดนี้ในช่วงเวลานี้', en: 'No data for this indicator in this period' },
  source: { th: 'ที่มาของนิยาม', en: 'Definition from' },
} as const;

export function levelLabel(level: ResultRow['level'], lang: Lang): string {
  return LEVEL[level][lang];
}

export function word(key: keyof typeof WORDS, lang: Lang): string {
  return WORDS[key][lang];
}

const THAI_MONTHS = ['มกราคม', 'กุมภาพันธ์', 'มีนาคม', 'เมษายน', 'พฤษภาคม', 'มิถุนายน', 'กรกฎาคม', 'สิงหาคม', 'กันยายน', 'ตุลาคม', 'พฤศจิกายน', 'ธันวาคม'];
const THAI_MONTHS_SHORT = ['ม.ค.', 'ก.พ.', 'มี.ค.', 'เม.ย.', 'พ.ค.', 'มิ.ย.', 'ก.ค.', 'ส.ค.', 'ก.ย.', 'ต.ค.', 'พ.ย.', 'ธ.ค.'];
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2024-01-05` → `5 มกราคม 2567` (Buddhist Era, as Thai documents date things). */
function thaiDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${THAI_MONTHS[m! - 1]} ${y! + 543}`;
}

/**
 * The one place where a period's code (`FY2567 R12`, `FY2567 Q2`, `FY2567 M03`, `2023-12`,
 * `2024-01-01..2024-03-31`, as in the CSV and JSON `period` field) is worded for people:
 * `ปีงบประมาณ 2567 รอบ 12 เดือน`, `ปีงบประมาณ 2567 ไตรมาส 2`, `ปีงบประมาณ 2567 สะสมถึง ธ.ค. 2566`,
 * `ธ.ค. 2566`. English keeps the code, which reads as English already, except a single month
 * (`Dec 2023`); a code this function does not know is shown as it is.
 */
export function periodText(code: string, lang: Lang): string {
  const single = /^(\d{4})-(\d{2})$/.exec(code);
  if (single) {
    const m = +single[2]!;
    return lang === 'th' ? `${THAI_MONTHS_SHORT[m - 1]} ${+single[1]! + 543}` : `${EN_MONTHS[m - 1]} ${single[1]}`;
  }
  if (lang === 'en') return code;
  const round = /^FY(\d{4}) R(\d{1,2})$/.exec(code);
  if (round) return `ปีงบประมาณ ${round[1]} รอบ ${round[2]} เดือน`;
  const quarter = /^FY(\d{4}) Q([1-4])$/.exec(code);
  if (quarter) return `ปีงบประมาณ ${quarter[1]} ไตรมาส ${quarter[2]}`;
  const month = /^FY(\d{4}) M(\d{2})$/.exec(code);
  if (month) {
    const m = ((+month[2]! + 8) % 12) + 1;
    const beYear = +month[1]! - (m >= 10 ? 1 : 0);
    return `ปีงบประมาณ ${month[1]} สะสมถึง ${THAI_MONTHS_SHORT[m - 1]} ${beYear}`;
  }
  const window = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(code);
  if (window) return `${thaiDate(window[1]!)} ถึง ${thaiDate(window[2]!)}`;
  return code;
}

/** `>= 60` → `≥ 60` in Thai documents; the CSV and JSON keep the template's text. */
export function targetText(target: string, lang: Lang): string {
  if (lang === 'en') return target;
  return target.replace(/>=/g, '≥').replace(/<=/g, '≤').replace(/!=/g, '≠');
}
