/**
 * Where a JSON text first goes wrong, as line and column. Node 20's JSON.parse
 * message names neither, and a user editing a template needs both.
 */
export function jsonErrorAt(text: string, parseMessage = ''): { line: number; column: number } {
  // Past the scanner's depth (a hostile 100,000-deep array), fall back on V8's own offset.
  const offset = firstErrorOffset(text) ?? Number(/at position (\d+)/.exec(parseMessage)?.[1] ?? 0);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

/** Deeper than this, the recursive scan below gives up rather than overflow the stack. */
const MAX_SCAN_DEPTH = 1000;

function firstErrorOffset(s: string): number | null {
  let depth = 0;
  let i = 0;
  const ws = () => { while (i < s.length && ' \t\r\n'.includes(s[i]!)) i++; };
  const fail = (): never => { throw i; };
  const literal = (word: string) => { if (s.startsWith(word, i)) i += word.length; else fail(); };
  const string = () => {
    if (s[i] !== '"') fail();
    i++;
    while (i < s.length && s[i] !== '"') {
      if (s[i] === '\\') i++;
      else if (s.charCodeAt(i) < 0x20) fail();
      i++;
    }
    if (i >= s.length) fail();
    i++;
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(s.slice(i));
    if (!m) fail();
    i += m![0].length;
  };
  const value = (): void => {
    ws();
    const c = s[i];
    if (c === '{') return container('}', () => { string(); ws(); if (s[i] !== ':') fail(); i++; value(); });
    if (c === '[') return container(']', value);
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    return number();
  };
  const container = (close: string, item: () => void) => {
    if (++depth > MAX_SCAN_DEPTH) throw null;
    i++;
    ws();
    if (s[i] === close) { i++; depth--; return; }
    for (;;) {
      ws();
      item();
      ws();
      if (s[i] === ',') { i++; continue; }
      if (s[i] === close) { i++; depth--; return; }
      fail();
    }
  };
  try {
    value();
    ws();
    return i < s.length ? i : s.length;
  } catch (at) {
    return typeof at === 'number' ? at : null;
  }
}
