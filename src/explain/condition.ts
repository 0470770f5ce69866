import type { Lang } from '../area/names.js';
import type { Expr } from '../expr/ast.js';
import { fieldWords, opWords, phrase } from './words.js';

type Call = Extract<Expr, { kind: 'call' }>;

const ARITH: Record<string, string> = { '+': '+', '-': '−', '*': '×', '/': '÷' };

/** A condition or value in plain words; `age_years(BIRTH, DATE_SERV) between 5 and 14` → "age 5 to 14 completed years at the service date". */
export function conditionWords(e: Expr, lang: Lang): string {
  const th = lang === 'th';
  const v = (x: Expr) => valueWords(x, lang);
  switch (e.kind) {
    case 'compare': {
      const age = ageCall(e.left);
      if (age && e.right.kind === 'number') return ageWords(age, e.op === '=' ? e.right.text : `${opWords(e.op, lang).replace(/^is /, '')} ${e.right.text}`, lang);
      return `${v(e.left)} ${opWords(e.op, lang)} ${v(e.right)}`;
    }
    case 'between': {
      const age = ageCall(e.operand);
      if (age && !e.negated) return ageWords(age, th ? `${v(e.low)}–${v(e.high)}` : `${v(e.low)} to ${v(e.high)}`, lang);
      const range = th ? `${e.negated ? 'ไม่' : ''}อยู่ระหว่าง ${v(e.low)} ถึง ${v(e.high)}` : `is ${e.negated ? 'not ' : ''}from ${v(e.low)} to ${v(e.high)}`;
      return `${v(e.operand)} ${range}`;
    }
    case 'in': {
      const age = ageCall(e.operand);
      const list = e.list.map(v).join(', ');
      if (age && !e.negated) return ageWords(age, e.list.map(v).join(th ? ' หรือ ' : ' or '), lang);
      return `${v(e.operand)} ${phrase(e.negated ? 'noneOf' : 'oneOf', lang)} ${list}`;
    }
    case 'isEmpty': return `${v(e.operand)} ${phrase(e.negated ? 'notEmpty' : 'empty', lang)}`;
    case 'inPeriod': return `${v(e.operand)} ${phrase(e.negated ? 'notInPeriod' : 'inPeriod', lang)}`;
    case 'not': return `${phrase('not', lang)} (${conditionWords(e.operand, lang)})`;
    case 'and': case 'or': {
      const side = (x: Expr) => ((x.kind === 'and' || x.kind === 'or') && x.kind !== e.kind ? `(${conditionWords(x, lang)})` : conditionWords(x, lang));
      return `${side(e.left)} ${phrase(e.kind, lang)} ${side(e.right)}`;
    }
    case 'call':
      if (e.fn === 'icd10') {
        const codes = e.args.slice(1).map((a) => (a.kind === 'string' ? a.value : '?')).join(', ');
        return th ? `${v(e.args[0]!)} เป็นรหัส ICD-10 ในกลุ่ม ${codes}` : `${v(e.args[0]!)} is an ICD-10 code in ${codes}`;
      }
      return v(e);
    default: return v(e);
  }
}

/** A value: fields by their known names, `num(x)` as x, arithmetic with × and ÷. */
export function valueWords(e: Expr, lang: Lang, nameWords: (name: string) => string = (n) => fieldWords(n, lang)): string {
  const th = lang === 'th';
  switch (e.kind) {
    case 'number': return e.text;
    case 'string': return `'${e.value}'`;
    case 'name': return nameWords(e.name);
    case 'neg': return `−${valueWords(e.operand, lang, nameWords)}`;
    case 'span': return th ? `${e.amount} ${{ day: 'วัน', month: 'เดือน', year: 'ปี' }[e.unit]}` : `${e.amount} ${e.unit}${e.amount === 1 ? '' : 's'}`;
    case 'arith': {
      // Parentheses only where the order of operations needs them: A ÷ B × 100, (A1 + A2) ÷ B × 100.
      const prec = (op: string) => (op === '+' || op === '-' ? 1 : 2);
      const side = (x: Expr, right: boolean) => {
        const wrap = x.kind === 'arith' && (prec(x.op) < prec(e.op) || (right && prec(x.op) === prec(e.op) && (e.op === '-' || e.op === '/')));
        const text = valueWords(x, lang, nameWords);
        return wrap ? `(${text})` : text;
      };
      return `${side(e.left, false)} ${ARITH[e.op]} ${side(e.right, true)}`;
    }
    case 'call': {
      const a = e.args.map((x) => valueWords(x, lang));
      switch (e.fn) {
        case 'num': case 'date': return a[0]!;
        case 'age_years': return th ? `อายุ (ปีเต็ม) ณ ${a[1]}` : `the age in completed years at ${a[1]}`;
        case 'age_months': return th ? `อายุ (เดือนเต็ม) ณ ${a[1]}` : `the age in completed months at ${a[1]}`;
        case 'days': return th ? `จำนวนวันจาก ${a[0]} ถึง ${a[1]}` : `the days from ${a[0]} to ${a[1]}`;
        default: return conditionWords(e, lang);
      }
    }
    default: return `(${conditionWords(e, lang)})`;
  }
}

function ageCall(e: Expr): Call | null {
  const inner = e.kind === 'call' && e.fn === 'num' ? e.args[0]! : e;
  return inner.kind === 'call' && (inner.fn === 'age_years' || inner.fn === 'age_months') ? inner : null;
}

/** "age 15 to 19 completed years at the delivery date" / "อายุ 15–19 ปีเต็ม ณ วันคลอด". */
function ageWords(call: Call, what: string, lang: Lang): string {
  const at = valueWords(call.args[1]!, lang);
  const months = call.fn === 'age_months';
  return lang === 'th' ? `อายุ${/^\d/.test(what) ? ' ' : ''}${what} ${months ? 'เดือนเต็ม' : 'ปีเต็ม'} ณ ${at}` : `age ${what} completed ${months ? 'months' : 'years'} at ${at}`;
}
