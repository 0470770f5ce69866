import type { Lang } from '../area/names.js';
import type { TargetOp } from '../score/target.js';

type Text = { readonly th: string; readonly en: string };

/** Fields whose meaning people know by a name rather than a column; others show as the column. */
const FIELDS: Readonly<Record<string, Text>> = {
  DATE_SERV: { th: 'วันที่รับบริการ', en: 'the service date' },
  BIRTH: { th: 'วันเกิด', en: 'the birth date' },
  DDEATH: { th: 'วันที่เสียชีวิต', en: 'the date of death' },
  BDATE: { th: 'วันคลอด/สิ้นสุดการตั้งครรภ์', en: 'the delivery date' },
  DATE_DIAG: { th: 'วันที่วินิจฉัย', en: 'the diagnosis date' },
  'PERIOD.START': { th: 'วันเริ่มช่วงเวลาที่ประเมิน', en: 'the start of the period' },
  'PERIOD.END': { th: 'วันสิ้นสุดช่วงเวลาที่ประเมิน', en: 'the end of the period' },
  'FY.START': { th: 'วันเริ่มปีงบประมาณ', en: 'the start of the fiscal year' },
  'FY.END': { th: 'วันสิ้นปีงบประมาณ', en: 'the end of the fiscal year' },
};

/** A field or period word as people read it: `PERSON.BIRTH` → "the birth date"; unknown fields keep their column name. */
export function fieldWords(name: string, lang: Lang): string {
  if (name.startsWith('PERIOD.') || name.startsWith('FY.')) return FIELDS[name]?.[lang] ?? name;
  const bare = name.includes('.') ? name.slice(name.indexOf('.') + 1) : name;
  return FIELDS[bare]?.[lang] ?? name;
}

const OPS: Readonly<Record<TargetOp | '!=', Text>> = {
  '=': { th: 'เท่ากับ', en: 'is' },
  '!=': { th: 'ไม่เท่ากับ', en: 'is not' },
  '<': { th: 'น้อยกว่า', en: 'is below' },
  '<=': { th: 'ไม่เกิน', en: 'is at most' },
  '>': { th: 'มากกว่า', en: 'is above' },
  '>=': { th: 'ตั้งแต่', en: 'is at least' },
};

export function opWords(op: TargetOp | '!=', lang: Lang): string {
  return OPS[op][lang];
}

/** `>= 60` → "at least 60" / "ไม่น้อยกว่า 60". */
export function targetWords(op: TargetOp, value: string, lang: Lang): string {
  const en: Record<TargetOp, string> = { '>=': 'at least', '<=': 'at most', '>': 'above', '<': 'below', '=': 'exactly' };
  const th: Record<TargetOp, string> = { '>=': 'ไม่น้อยกว่า', '<=': 'ไม่เกิน', '>': 'มากกว่า', '<': 'น้อยกว่า', '=': 'เท่ากับ' };
  return `${(lang === 'th' ? th : en)[op]} ${value}`;
}

const LEVELS: Readonly<Record<string, Text>> = {
  ministry: { th: 'กระทรวง', en: 'ministry' },
  region: { th: 'เขต', en: 'region' },
  province: { th: 'จังหวัด', en: 'province' },
};

export function levelWords(level: string | undefined, lang: Lang): string {
  return level ? LEVELS[level]![lang] : '-';
}

/** The fixed phrases and headings of list and explain. */
const PHRASES = {
  reference: { th: 'ที่มา', en: 'Reference' },
  source: { th: 'ที่มาของนิยาม', en: 'Definition from' },
  level: { th: 'ระดับ', en: 'Level' },
  unit: { th: 'หน่วย', en: 'Unit' },
  higher: { th: 'ค่ามากดี', en: 'higher is better' },
  lower: { th: 'ค่าน้อยดี', en: 'lower is better' },
  counted: { th: 'สิ่งที่นับ', en: 'What is counted' },
  formula: { th: 'สูตรคำนวณ', en: 'Formula' },
  target: { th: 'เป้าหมาย', en: 'Target' },
  scoring: { th: 'เกณฑ์การให้คะแนน', en: 'Scoring' },
  notes: { th: 'หมายเหตุ', en: 'Notes' },
  score: { th: 'คะแนน', en: 'score' },
  result: { th: 'ผลงาน', en: 'result' },
  indicator: { th: 'ตัวชี้วัด', en: 'indicator' },
  weight: { th: 'น้ำหนัก', en: 'weight' },
  and: { th: 'และ', en: 'and' },
  or: { th: 'หรือ', en: 'or' },
  not: { th: 'ไม่ใช่', en: 'not' },
  inPeriod: { th: 'อยู่ในช่วงเวลาที่ประเมิน', en: 'falls within the period' },
  notInPeriod: { th: 'ไม่อยู่ในช่วงเวลาที่ประเมิน', en: 'falls outside the period' },
  oneOf: { th: 'เป็นหนึ่งใน', en: 'is one of' },
  noneOf: { th: 'ไม่เป็น', en: 'is none of' },
  empty: { th: 'ว่าง', en: 'is empty' },
  notEmpty: { th: 'ไม่ว่าง', en: 'is not empty' },
} as const;

export type PhraseKey = keyof typeof PHRASES;

export function phrase(key: PhraseKey, lang: Lang): string {
  return PHRASES[key][lang];
}
