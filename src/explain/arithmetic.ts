import type { Lang } from '../area/names.js';
import type { Expr } from '../expr/ast.js';
import { mul, parseDecimal, toDecimalString, toFixed, ZERO, type Rational } from '../num/rational.js';
import type { Period } from '../period/period.js';
import { rowTarget } from '../results/build.js';
import { evalFormula } from '../results/formula.js';
import type { ResultRow } from '../results/schema.js';
import { inInterval, parseInterval } from '../score/scoring.js';
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
  const { row } = f;
  const out = [`${row.area_code} ${row.area_name} (${row.period})`];
  out.push(...(t.formula ? formulaSteps(t, t.formula, f.values, lang) : compositeSteps(t, f, lang)));
  if (row.result === null) return out;
  out.push(`  ${th ? `ปัดเศษ ${t.template.decimals} ตำแหน่ง` : `rounded to ${t.template.decimals} decimals`}: ${row.result.toFixed(t.template.decimals)}`);
  const byRound = period.round ? t.rounds[period.round] : undefined;
  const { target, judged } = rowTarget(t, row.level, row.area_code, period.round);
  const own = t.areaTargets.has(`${row.level} ${row.area_code}`);
  if (!judged) {
    const listed = Object.keys(t.rounds).join(', ');
    out.push(th ? `  รอบ ${period.round} เดือนไม่ตัดสิน (แม่แบบตัดสินเฉพาะรอบ ${listed})` : `  round ${period.round} is not judged (the template judges rounds ${listed} only)`);
    return out;
  }
  if (target) {
    const which = own ? (th ? ' (ของพื้นที่นี้)' : ' (this area\'s own)') : byRound ? (th ? ` (รอบ ${period.round} เดือน)` : ` (round ${period.round})`) : '';
    const met = row.pass ? (th ? 'ผ่าน' : 'met') : th ? 'ไม่ผ่าน' : 'not met';
    const of = t.template.target_of ? ` ${th ? 'ของ' : 'of'} ${t.template.target_of}` : '';
    out.push(`  ${th ? 'เป้าหมาย' : 'target'}${of}${which}: ${targetWords(target.op, toDecimalString(target.value), lang)} → ${met}`);
  }
  const why = scoreReason(t, row.result, lang);
  if (why !== null) out.push(`  ${th ? 'คะแนน' : 'score'}: ${row.score ?? '-'} ${why}`);
  return out;
}

/** Exact where the value has a decimal expansion, else six places marked ≈. */
function dec(x: Rational): string {
  return isFiniteDecimal(x) ? toDecimalString(x) : `≈ ${toFixed(x, 6)}`;
}

function formulaSteps(t: CheckedTemplate, formula: Expr, values: ReadonlyMap<string, Rational>, lang: Lang): string[] {
  const value = (name: string) => values.get(name.toUpperCase()) ?? ZERO;
  const out = Object.keys(t.template.measures).map((name) => `  ${name} = ${dec(value(name))}`);
  const filled = valueWords(formula, lang, (n) => dec(value(n)));
  const raw = evalFormula(formula, values);
  const none = lang === 'th' ? 'ไม่มีค่า (ตัวหารเป็นศูนย์)' : 'no value (a zero divisor)';
  out.push(`  ${formulaWords(t, lang)} = ${filled} = ${raw === null ? none : dec(raw)}`);
  return out;
}

function compositeSteps(t: CheckedTemplate, f: AreaFigures, lang: Lang): string[] {
  const th = lang === 'th';
  const out = t.composite!.parts.map((p) => {
    const score = f.parts.get(p.indicator)?.score ?? null;
    const s = score === null ? null : parseDecimal(String(score));
    return `  ${p.indicator}: ${th ? 'คะแนน' : 'score'} ${score ?? '-'} × ${dec(p.weight)}${s ? ` = ${dec(mul(p.weight, s))}` : ''}`;
  });
  out.push(`  Σ = ${f.row.result === null ? (th ? 'ไม่มีค่า (บางตัวชี้วัดไม่มีคะแนน)' : 'no value (a part has no score)') : f.row.result}`);
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
