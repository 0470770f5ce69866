import type { Lang } from '../area/names.js';
import { parseExpr } from '../expr/parse.js';
import { toDecimalString } from '../num/rational.js';
import { displayWidth, padEnd } from '../report/width.js';
import { parseTarget } from '../score/target.js';
import type { CheckedTemplate } from '../template/checked.js';
import { columnList, parseCount } from '../template/fields.js';
import { sourceText } from '../template/source.js';
import { isEither, isQuery, isTotal, type Measure, type Note, type QueryMeasure, type Related, type Template } from '../template/schema.js';
import { conditionWords, valueWords } from './condition.js';
import { levelWords, phrase, targetWords, type PhraseKey } from './words.js';

const h = (k: PhraseKey, lang: Lang) => phrase(k, lang);

/** The whole template in plain words, as `kpi explain` prints it. */
export function explainTemplate(t: CheckedTemplate, lang: Lang): string {
  const tpl = t.template;
  const out: string[] = [];
  out.push(`${tpl.id} — ${tpl.title[lang]}`);
  if (tpl.source) out.push(`${h('source', lang)}: ${sourceText(tpl.source)[lang]}`);
  out.push(`${h('reference', lang)}: ${tpl.reference}`);
  out.push(`${h('level', lang)}: ${levelWords(tpl.level, lang)} · ${h('unit', lang)}: ${tpl.unit[lang]} · ${h(tpl.better, lang)} · ${roundedTo(tpl.decimals, lang)}`);
  if (!t.composite) {
    out.push('', h('counted', lang));
    for (const [name, m] of Object.entries(tpl.measures)) out.push(...measureLines(name, m, lang));
  }
  out.push('', h('formula', lang), `  ${formulaWords(t, lang)}`);
  out.push('', h('target', lang), `  ${targetLine(tpl, lang)}`);
  const scoring = scoringLines(tpl, lang);
  if (scoring.length > 0) out.push('', h('scoring', lang), ...scoring);
  if (tpl.notes?.length) out.push('', h('notes', lang), ...tpl.notes.map((n) => `  - ${noteText(n, lang)}`));
  return out.join('\n') + '\n';
}

export function noteText(n: Note, lang: Lang): string {
  return typeof n === 'string' ? n : n[lang];
}

function roundedTo(decimals: number, lang: Lang): string {
  return lang === 'th' ? `ปัดเศษ ${decimals} ตำแหน่ง (ครึ่งปัดออกจากศูนย์)` : `rounded to ${decimals} decimals (halves away from zero)`;
}

export function formulaWords(t: CheckedTemplate, lang: Lang): string {
  if (t.formula) return valueWords(t.formula, lang);
  return lang === 'th' ? 'Σ น้ำหนัก × คะแนนของแต่ละตัวชี้วัด (ดูตารางน้ำหนัก)' : 'Σ weight × score of each indicator (see the weights below)';
}

function targetLine(tpl: Template, lang: Lang): string {
  const words = (text: string) => { const p = parseTarget(text)!; return targetWords(p.op, toDecimalString(p.value), lang); };
  const overall = tpl.target ? words(tpl.target) : lang === 'th' ? 'ไม่กำหนด (ไม่ตัดสินผ่าน/ไม่ผ่าน)' : 'none (no pass is judged)';
  const rounds = Object.entries(tpl.rounds ?? {}).map(([k, v]) => `${lang === 'th' ? `รอบ ${k} เดือน` : `round ${k}`}: ${words(v)}`);
  return rounds.length ? `${overall}; ${rounds.join('; ')}` : overall;
}

function measureLines(name: string, m: Measure, lang: Lang): string[] {
  const th = lang === 'th';
  const conds = (list: readonly string[] | undefined) => (list ?? []).map((w) => `     - ${conditionWords(parseExpr(w), lang)}`);
  if (isTotal(m)) return [`  ${name}: ${m.sum_of.join(' + ')}`];
  if (isEither(m)) return [th ? `  ${name}: บุคคลที่อยู่ใน ${m.either_of.join(' หรือ ')} (นับคนละครั้ง)` : `  ${name}: the persons in any of ${m.either_of.join(', ')} (each once)`];
  if (!isQuery(m)) {
    const head = m.every ? (th ? `  ${name}: เฉพาะรายใน ${m.of} ที่ทุกแถวที่เก็บไว้เป็นไปตาม` : `  ${name}: those of ${m.of} whose every kept row meets`)
      : th ? `  ${name}: เฉพาะรายใน ${m.of} ที่` : `  ${name}: those of ${m.of} where`;
    return [head, ...conds(m.where), ...linkLines(m, lang)];
  }
  const related = [...(m.exists ?? []).map((r) => relatedWords(r, false, lang)), ...(m.not_exists ?? []).map((r) => relatedWords(r, true, lang))];
  const where = [...conds(m.where), ...related.map((r) => `     - ${r}`), ...linkLines(m, lang)];
  const tail = where.length ? (th ? ' โดย' : ', where') : '';
  return [`  ${name}: ${queryWords(m, lang)}${tail}`, ...where];
}

/** `within` / `outside`: the person measures a person must be in, or not in. */
function linkLines(m: { within?: string[] | undefined; outside?: string[] | undefined }, lang: Lang): string[] {
  const th = lang === 'th';
  return [
    ...(m.within ?? []).map((n) => `     - ${th ? `เป็นบุคคลใน ${n}` : `is a person of ${n}`}`),
    ...(m.outside ?? []).map((n) => `     - ${th ? `ไม่เป็นบุคคลใน ${n}` : `is not a person of ${n}`}`),
  ];
}

const PERSON_WORDS = {
  living: { th: 'จำนวนบุคคล (ตาม CID) ที่ขึ้นทะเบียนและยังมีชีวิต', en: 'registered living persons (linked by CID)' },
  registered: { th: 'จำนวนบุคคล (ตาม CID) ที่ขึ้นทะเบียน มีชีวิตหรือเสียชีวิต', en: 'registered persons, alive or dead (linked by CID)' },
  all: { th: 'จำนวนบุคคล (ตาม CID) ทั้งหมด', en: 'all persons (linked by CID)' },
} as const;

function queryWords(q: QueryMeasure, lang: Lang): string {
  const th = lang === 'th';
  const count = q.count === undefined ? null : parseCount(q.count);
  const agg = q.person !== undefined ? PERSON_WORDS[q.person][lang]
    : q.sum !== undefined ? (th ? `ผลรวมของ ${q.sum}` : `the sum of ${q.sum}`)
    : count?.kind === 'distinct' ? (th ? `จำนวนไม่ซ้ำของ ${count.columns.join(', ')}` : `distinct ${count.columns.join(', ')}`)
    : th ? 'จำนวนแถว' : 'rows';
  const file = q.file ? (th ? ` (อ่านจากไฟล์ ${q.file} ที่มากับแม่แบบ)` : ` (read from ${q.file}, shipped with the template)`) : '';
  const parts = [th ? `${agg} จากแฟ้ม ${q.from}${file}` : `${agg} of ${q.from}${file}`];
  for (const [table, keys] of Object.entries(q.join ?? {})) parts.push(th ? `เชื่อมกับแฟ้ม ${table} ด้วย ${keys.join(', ')}` : `joined to ${table} on ${keys.join(', ')}`);
  const area = q.area ?? 'unit';
  parts.push(q.person !== undefined ? (th ? 'นับที่หน่วยบริการที่ขึ้นทะเบียน (home unit)' : 'placed at the home unit')
    : area === 'unit' ? (th ? 'จัดพื้นที่ตามหน่วยบริการ (HOSPCODE)' : 'placed by unit (HOSPCODE)')
    : area === 'residence' ? (th ? 'จัดพื้นที่ตามที่อยู่' : 'placed by residence')
    : 'code' in area ? (th ? `จัดพื้นที่ตามรหัสพื้นที่ใน ${area.code}` : `placed by the area code in ${area.code}`)
    : th ? `จัดพื้นที่ตามเลขเขตใน ${area.region}` : `placed by the region number in ${area.region}`);
  if (q.latest) {
    const per = columnList(q.latest.per).join(', ');
    const keep = q.latest.keep ?? 1;
    parts.push(th ? `หลังกรองแล้วเก็บ${keep > 1 ? ` ${keep} แถว` : 'แถว'}ที่ ${q.latest.by} ล่าสุดต่อ ${per}`
      : `keeping after the conditions only the ${keep > 1 ? `${keep} rows` : 'row'} with the latest ${q.latest.by} per ${per}`);
    if (q.latest.require_all && keep > 1) parts.push(th ? `ต้องมีครบ ${keep} แถว` : `all ${keep} rows required`);
  }
  if (q.earliest) {
    parts.push(th ? `หลังกรองแล้วเก็บแถวที่ ${q.earliest.by} เก่าที่สุดต่อ ${q.earliest.per} จากข้อมูลทั้งหมด` : `keeping after the conditions only the row with the earliest ${q.earliest.by} per ${q.earliest.per}, over all the data`);
  }
  return parts.join(th ? ' ' : ', ');
}

function relatedWords(r: Related[number], negated: boolean, lang: Lang): string {
  const th = lang === 'th';
  const where = (r.where ?? []).map((w) => conditionWords(parseExpr(w), lang)).join(th ? ' และ ' : ' and ');
  const on = r.on.join(', ');
  if (th) return `${negated ? 'ไม่มี' : 'มี'}แถวในแฟ้ม ${r.table} ที่ ${on} ตรงกัน${where ? ` โดย ${where}` : ''}`;
  return `has ${negated ? 'no' : 'a'} row in ${r.table} with the same ${on}${where ? ` where ${where}` : ''}`;
}

function scoringLines(tpl: Template, lang: Lang): string[] {
  const s = tpl.scoring;
  if (!s) return [];
  const out: string[] = [];
  if ('weighted' in s) {
    out.push(...table([[h('indicator', lang), h('weight', lang)], ...s.weighted.map((p) => [p.indicator, String(p.weight)])]));
    out.push('');
  }
  const mark = tpl.better === 'higher' ? '≥' : '≤';
  if ('ladder' in s && s.ladder) {
    out.push(...table([[h('score', lang), h('result', lang)], ...s.ladder.map((x, i) => [String(i + 1), `${mark} ${x}`])]));
    const short = lang === 'th' ? `ไม่ถึง ${s.ladder[0]} ได้ 0` : `short of ${s.ladder[0]} scores 0`;
    out.push(`  (${short}${s.interpolate ? (lang === 'th' ? '; ระหว่างขั้นคิดคะแนนตามสัดส่วน' : '; scores in between are interpolated') : ''})`);
  }
  if ('bands' in s && s.bands) {
    out.push(...table([[h('score', lang), h('result', lang)], ...s.bands.map((b) => [String(b.score), b.range])]));
    out.push(`  (${lang === 'th' ? 'ผลที่ไม่อยู่ในช่วงใดไม่มีคะแนน' : 'a result in no band has no score'})`);
  }
  return out;
}

/** A small left-aligned table, indented, with a rule under the header. */
export function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (r: string[]) => `  ${r.map((c, i) => (i === r.length - 1 ? c : padEnd(c, widths[i]!))).join('  ')}`;
  return [line(rows[0]!), `  ${widths.map((w) => '─'.repeat(w)).join('  ')}`, ...rows.slice(1).map(line)];
}
