import { ExprError } from './errors.js';

export type TokenKind = 'number' | 'string' | 'name' | 'op' | 'eof';

export interface Token {
  readonly kind: TokenKind;
  /** Upper-cased for names (fields and keywords are case-insensitive); raw for the rest. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const OPS = ['<=', '>=', '!=', '<>', '=', '<', '>', '+', '-', '*', '/', '(', ')', ','];
const NAME_START = /[A-Za-z_]/;
const NAME_PART = /[A-Za-z0-9_]/;

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') { i++; continue; }
    const start = i;
    if (c >= '0' && c <= '9') {
      while (i < src.length && /[0-9]/.test(src[i]!)) i++;
      if (src[i] === '.' && /[0-9]/.test(src[i + 1] ?? '')) {
        i++;
        while (i < src.length && /[0-9]/.test(src[i]!)) i++;
      }
      if (i < src.length && NAME_PART.test(src[i]!)) throw new ExprError(`malformed number`, start, i + 1);
      out.push({ kind: 'number', text: src.slice(start, i), start, end: i });
      continue;
    }
    if (c === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= src.length) throw new ExprError('unterminated string: a closing quote is missing', start, src.length);
        if (src[i] === "'") {
          if (src[i + 1] === "'") { value += "'"; i += 2; continue; }
          i++;
          break;
        }
        value += src[i++];
      }
      out.push({ kind: 'string', text: value, start, end: i });
      continue;
    }
    if (NAME_START.test(c)) {
      while (i < src.length && NAME_PART.test(src[i]!)) i++;
      if (src[i] === '.' && NAME_START.test(src[i + 1] ?? '')) {
        i++;
        while (i < src.length && NAME_PART.test(src[i]!)) i++;
      }
      out.push({ kind: 'name', text: src.slice(start, i).toUpperCase(), start, end: i });
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new ExprError(`unexpected character '${c}'`, start);
    i += op.length;
    out.push({ kind: 'op', text: op === '<>' ? '!=' : op, start, end: i });
  }
  out.push({ kind: 'eof', text: '', start: src.length, end: src.length + 1 });
  return out;
}
