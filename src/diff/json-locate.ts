/**
 * Finds the line of a value in JSON text by its path (`['results', 3, 'a']`), so a
 * schema problem can be reported as `file:line` like any other input error. The
 * text has already been accepted by `JSON.parse`; this only walks it. When the
 * path goes further than the text (a missing field), the line of the deepest
 * value that exists is returned.
 */
export function lineOfPath(text: string, path: readonly PropertyKey[]): number {
  const walker = new Walker(text);
  let at = walker.skipSpace();
  for (const key of path) {
    const next = walker.child(at, key);
    if (next === null) break;
    at = next;
  }
  return lineAt(text, at);
}

/** 1-based line of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

class Walker {
  private pos = 0;
  constructor(private readonly text: string) {}

  skipSpace(): number {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos]!)) this.pos++;
    return this.pos;
  }

  /** Offset of the member `key` of the container starting at `start`, or null. */
  child(start: number, key: PropertyKey): number | null {
    this.pos = start;
    const open = this.text[start];
    if (open !== '{' && open !== '[') return null;
    this.pos++;
    for (let index = 0; ; index++) {
      this.skipSpace();
      if (this.text[this.pos] === '}' || this.text[this.pos] === ']') return null;
      let name: PropertyKey = index;
      if (open === '{') {
        name = this.string();
        this.skipSpace();
        this.pos++; // the colon
      }
      const valueAt = this.skipSpace();
      if (name === key) return valueAt;
      this.value();
      this.skipSpace();
      if (this.text[this.pos] === ',') this.pos++;
      else return null;
    }
  }

  private string(): string {
    const start = this.pos;
    this.pos++;
    while (this.text[this.pos] !== '"') this.pos += this.text[this.pos] === '\\' ? 2 : 1;
    this.pos++;
    return JSON.parse(this.text.slice(start, this.pos)) as string;
  }

  private value(): void {
    const c = this.text[this.pos];
    if (c === '"') { this.string(); return; }
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      this.pos++;
      for (;;) {
        this.skipSpace();
        if (this.text[this.pos] === close) { this.pos++; return; }
        if (c === '{') { this.string(); this.skipSpace(); this.pos++; this.skipSpace(); }
        this.value();
        this.skipSpace();
        if (this.text[this.pos] === ',') this.pos++;
      }
    }
    while (this.pos < this.text.length && /[^\s,\]}]/.test(this.text[this.pos]!)) this.pos++;
  }
}
