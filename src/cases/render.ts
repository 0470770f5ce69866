import type { ChalkInstance } from 'chalk';
import { stringify } from 'csv-stringify/sync';
import type { Lang } from '../area/names.js';
import { neutralise } from '../report/csv.js';
import { displayWidth, padEnd } from '../report/width.js';
import type { CaseList, CaseRow } from './list.js';

/** One column of the list: its machine name (CSV, JSON), its label, and its cell. */
export interface Column {
  readonly key: string;
  readonly label: string;
  readonly cell: (r: CaseRow) => string | number | null;
  /** Text cells go through Excel's formula guard; numbers stay numbers. */
  readonly number?: boolean;
}

const WORDS = {
  unit: { th: 'หน่วยบริการ', en: 'Unit' },
  unit_name: { th: 'ชื่อหน่วยบริการ', en: 'Unit name' },
  pid: { th: 'PID', en: 'PID' },
  sex: { th: 'เพศ', en: 'Sex' },
  age: { th: 'อายุ (ปี)', en: 'Age (years)' },
  home_unit: { th: 'หน่วยบริการที่ขึ้นทะเบียน', en: 'Home unit' },
  record_unit: { th: 'หน่วยบริการที่ให้ข้อมูล', en: 'Record from unit' },
  cid: { th: 'เลขประจำตัวประชาชน', en: 'CID' },
  prename: { th: 'คำนำหน้า', en: 'Prename' },
  name: { th: 'ชื่อ', en: 'Name' },
  lname: { th: 'นามสกุล', en: 'Surname' },
  reason: { th: 'เหตุผล', en: 'Reason' },
  male: { th: 'ชาย', en: 'male' },
  female: { th: 'หญิง', en: 'female' },
  missing: { th: 'ยังไม่เป็นผลงาน (B − A): รายชื่อติดตาม', en: 'not achieved (B − A): follow-up list' },
  achieved: { th: 'ผลงาน (A)', en: 'achieved (A)' },
  group: { th: 'กลุ่มเป้าหมาย (B)', en: 'target group (B)' },
  persons: { th: 'คน', en: 'persons' },
  person: { th: 'คน', en: 'person' },
  none: { th: 'ไม่มีรายชื่อ', en: 'no one on this list' },
} as const;

const w = (k: keyof typeof WORDS, lang: Lang) => WORDS[k][lang];

/** The columns of a list in order: who, where, what the template shows, and why not in A; identifiers only when the list carries them. */
export function columns(list: CaseList, lang: Lang): Column[] {
  const identified = list.cases.some((r) => r.identity);
  const out: Column[] = [
    { key: 'unit', label: w('unit', lang), cell: (r) => r.unit },
    { key: 'unit_name', label: w('unit_name', lang), cell: (r) => r.unit_name },
    { key: 'pid', label: w('pid', lang), cell: (r) => r.pid },
  ];
  if (identified) {
    for (const k of ['cid', 'prename', 'name', 'lname'] as const) out.push({ key: k, label: w(k, lang), cell: (r) => r.identity?.[k] ?? '' });
  }
  out.push(
    { key: 'sex', label: w('sex', lang), cell: (r) => (r.sex ? w(r.sex, lang) : '') },
    { key: 'age', label: w('age', lang), cell: (r) => r.age, number: true },
    { key: 'home_unit', label: w('home_unit', lang), cell: (r) => r.home_unit },
    ...(list.persons ? [{ key: 'record_unit', label: w('record_unit', lang), cell: (r: CaseRow) => r.record_unit ?? '' }] : []),
    ...list.fields.map((f): Column => ({ key: f.name, label: f.label[lang], cell: (r) => r.fields[f.name] ?? '' })),
  );
  // Everyone on the achieved list is in A: a reason column would only say so.
  if (list.which !== 'achieved') out.push({ key: 'reason', label: w('reason', lang), cell: (r) => r.reason });
  return out;
}

export function title(list: CaseList, lang: Lang): string {
  return `${list.indicator}  ${list.title}  (${list.period}, ${list.area.code} ${list.area.name}, ${w(list.which, lang)})`;
}

/** `3 persons (B − A = 5 − 2)`: the list ties out to the counts. */
export function countLine(list: CaseList, lang: Lang): string {
  const n = list.cases.length;
  const { a, b } = list.counts;
  const sum = list.which === 'missing' ? `B − A = ${b} − ${a}` : list.which === 'achieved' ? `A = ${a}` : `B = ${b}`;
  return n === 0 ? `${w('none', lang)} (${sum})` : `${n} ${w(n === 1 ? 'person' : 'persons', lang)} (${sum})`;
}

export function renderCasesTable(list: CaseList, lang: Lang, colour: ChalkInstance): string {
  const cols = columns(list, lang);
  const cells = list.cases.map((r) => cols.map((c) => String(c.cell(r) ?? '')));
  const widths = cols.map((c, i) => Math.max(displayWidth(c.label), ...cells.map((row) => displayWidth(row[i]!))));
  const line = (row: string[]) => row.map((c, i) => padEnd(c, widths[i]!)).join('  ').trimEnd();
  const out = [colour.bold(title(list, lang))];
  if (cells.length > 0) out.push(line(cols.map((c) => c.label)), widths.map((x) => '─'.repeat(x)).join('  '), ...cells.map(line));
  out.push(countLine(list, lang));
  return out.join('\n') + '\n';
}

/** Machine names in the header, the sex as `male` / `female`; `excel`: BOM, CRLF and the formula guard, as `compute --excel`. */
export function renderCasesCsv(list: CaseList, excel: boolean): string {
  const cols = columns(list, 'en');
  const text = excel ? neutralise : (s: string) => s;
  const records = list.cases.map((r) => cols.map((c) => {
    const v = c.key === 'sex' ? r.sex : c.cell(r);
    return c.number ? String(v ?? '') : text(String(v ?? ''));
  }));
  return stringify([cols.map((c) => c.key), ...records], excel ? { bom: true, record_delimiter: 'windows' } : {});
}

/** `{ indicator, period, area, which, cases, warnings }`, one object per person with the CSV's keys. */
export function renderCasesJson(list: CaseList): string {
  const cols = columns(list, 'en');
  const cases = list.cases.map((r) => Object.fromEntries(cols.map((c) => [c.key, c.key === 'sex' ? r.sex : c.cell(r)])));
  const doc = { indicator: list.indicator, period: list.period, area: { level: list.area.level, code: list.area.code }, which: list.which, counts: list.counts, cases, warnings: list.warnings };
  return JSON.stringify(doc, null, 2) + '\n';
}
