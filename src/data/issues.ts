/** Rows that could not be read: counted per file and reason, with the first few line numbers. */
export interface RowIssue {
  readonly file: string;
  readonly reason: string;
  count: number;
  readonly lines: number[];
}

const EXAMPLES = 5;

export class RowIssues {
  private readonly byKey = new Map<string, RowIssue>();

  add(file: string, line: number, reason: string): void {
    const key = `${file}\u0000${reason}`;
    let issue = this.byKey.get(key);
    if (!issue) {
      issue = { file, reason, count: 0, lines: [] };
      this.byKey.set(key, issue);
    }
    issue.count++;
    if (issue.lines.length < EXAMPLES) issue.lines.push(line);
  }

  get total(): number {
    let n = 0;
    for (const i of this.byKey.values()) n += i.count;
    return n;
  }

  list(): RowIssue[] {
    return [...this.byKey.values()];
  }
}

/** `ANC.txt:5: 3 fields, header has 12 (2 rows; lines 5, 9)`. */
export function describeIssue(i: RowIssue): string {
  const more = i.count > 1 ? ` (${i.count} rows skipped; lines ${i.lines.join(', ')}${i.count > i.lines.length ? ', …' : ''})` : ' (row skipped)';
  return `${i.file}:${i.lines[0]}: ${i.reason}${more}`;
}
