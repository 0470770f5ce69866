import type { Lang } from '../area/names.js';
import { parseDecimal, toDecimalString, toFixed, type Rational } from '../num/rational.js';
import type { Period } from '../period/period.js';
import { evalFormula } from '../results/formula.js';
import type { ResultRow } from '../results/schema.js';
import { inInterval, parseInterval } from '../score/scoring.js';
import { parseTarget } from '../score/target.js';
import type { CheckedTemplate } from '../template/checked.js';
import { formulaWords } from './describe.js';
import { valueWords } from './condition.js';
import { targetWords } from './words.js';

/** What one area got: its row, each measure's total there, and (for a composite) its parts' rows. */
export interface AreaFigures {
  readonly row: ResultRow;
  readonly values: ReadonlyMap<string, Rational>;
  readonly parts: ReadonlyMap<string, ResultRow | undefined>;
}

/** The way from A and B to the shown result, pass and score: the question "why does this differ from HDC?". */
export function arithmeticLines(t: CheckedTemplate, f: AreaFigures, period: Period, lang: Lang): string[] {
  const th = lang === 'th';
  const tpl = t.template;
  const { row } = f;
  const out = [`${row.area_code} ${row.area_name} (${row.period})`];
  const dec = (x: Rational) => (isFiniteDecimal(x) ? toDecimalString(x) : `≈ ${toFixed(x, 6)}`);
  let raw: Rational | null = null;
  if (t.formula) {
    for (const name of Object.keys(tpl.measures)) out.push(`  ${name} = ${dec(f.values.get(name.toUpperCase()) ?? { n: 0n, d: 1n })}`);
    const filled = valueWords(t.formula, lang, (n) => dec(f.values.get(n) ?? { n: 0n, d: 1n }));
    raw = evalFormula(t.formula, new Map(f.values));
    out.push(`  ${formulaWords(t, lang)} = ${filled} = ${raw === null ? (th ? 'ไม่มีค่า (ตัวหารเป็นศูนย์)' : 'no value (a zero divisor)') : dec(raw)}`);
  } else {
    for (const p of t.composite!.parts) {
      const r = f.parts.get(p.indicator);
      const score = r?.score ?? null;
      out.push(`  ${p.indicator}: ${th ? 'คะแนน' : 'score'} ${score ?? '-'} × ${dec(p.weight)}${score === null ? '' : ` = ${(score * Number(dec(p.weight))).toFixed(4).replace(/\.?0+$/, '')}`}`);
    }
    out.push(`  Σ = ${row.result === null ? (th ? 'ไม่มีค่า (บางตัวชี้วัดไม่มีคะแนน)' : 'no value (a part has no score)') : row.result}`);
  }
  if (row.result === null) return out;
  out.push(`  ${th ? `ปัดเศษ ${tpl.decimals} ตำแหน่ง` : `rounded to ${tpl.decimals} decimals`}: ${row.result.toFixed(tpl.decimals)}`);
  const targetText = (period.round && tpl.rounds?.[String(period.round) as '3']) || tpl.target;
  if (targetText) {
    const p = parseTarget(targetText)!;
    const which = period.round && tpl.rounds?.[String(period.round) as '3'] ? (th ? ` (รอบ ${period.round} เดือน)` : ` (round ${period.round})`) : '';
    out.push(`  ${th ? 'เป้าหมาย' : 'target'}${which}: ${targetWords(p.op, p.text.split(' ')[1]!, lang)} → ${row.pass ? (th ? 'ผ่าน' : 'met') : th ? 'ไม่ผ่าน' : 'not met'}`);
  }
  const why = scoreReason(t, row.result, lang);
  if (why !== null) out.push(`  ${th ? 'คะแนน' : 'score'}: ${row.score ?? '-'} ${why}`);
  return out;
}

/** Whether x has an exact decimal expansion (its denominator holds only 2s and 5s). */
function isFiniteDecimal(x: Rational): boolean {
  let d = x.d;
  while (d % 2n === 0n) d /= 2n;
  while (d % 5n === 0n) d /= 5n;
  return d === 1n;
}

function scoreReason(t: CheckedTemplate, result: number, lang: Lang): string | null {
  const s = t.template.scoring;
  if (!s) return null;
  const th = lang === 'th';
  if ('bands' in s && s.bands) {
    const x = parseDecimal(String(result));
    const band = x && s.bands.find((b) => { const i = parseInterval(b.range); return i !== null && inInterval(x, i); });
    return band ? `(${th ? 'อยู่ในช่วง' : 'in the band'} ${band.range})` : `(${th ? 'ไม่อยู่ในช่วงใด' : 'in no band'})`;
  }
  if ('ladder' in s && s.ladder) {
    const mark = t.template.better === 'higher' ? '≥' : '≤';
    return `(${th ? 'ขั้น' : 'ladder'} ${s.ladder.map((x, i) => `${i + 1}: ${mark} ${x}`).join(', ')})`;
  }
  return null;
}
