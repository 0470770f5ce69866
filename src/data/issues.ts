/**
 * What reading did to rows, one record per file and reason: rows `skipped` (unreadable),
 * rows `repaired` (read, but with bytes replaced), or a `note` about the whole file. `check`,
 * the warnings of `compute` and `--strict` all read them from here.
 */
export type IssueKind = 'skipped' | 'repaired' | 'note';

export interface RowIssue {
  readonly file: string;
  readonly reason: string;
  readonly kind: IssueKind;
  /** The column at fault, when one is. */
  readonly column?: string;
  count: number;
  /** The first few line numbers, first first. */
  readonly lines: number[];
}

const EXAMPLES = 5;

export interface IssueOptions {
  readonly column?: string;
  readonly kind?: IssueKind;
}

export class RowIssues {
  private readonly byKey = new Map<string, RowIssue>();

  add(file: string, line: number, reason: string, opts: IssueOptions = {}): void {
    const key = `${file}\u0000${reason}`;
    let issue = this.byKey.get(key);
    if (!issue) {
      issue = { file, reason, kind: opts.kind ?? 'skipped', ...(opts.column ? { column: opts.column } : {}), count: 0, lines: [] };
      this.byKey.set(key, issue);
    }
    issue.count++;
    if (issue.lines.length < EXAMPLES) issue.lines.push(line);
  }

  /** Rows skipped or repaired (what `--strict` refuses); notes about whole files are not rows. */
  get total(): number {
    let n = 0;
    for (const i of this.byKey.values()) if (i.kind !== 'note') n += i.count;
    return n;
  }

  list(): RowIssue[] {
    return [...this.byKey.values()];
  }
}

/** `ANC.txt:5: 3 fields, header has 12 (2 rows skipped; lines 5, 9)`. */
export function describeIssue(i: RowIssue): string {
  if (i.kind === 'note') return `${i.file}:${i.lines[0]}: ${i.reason}`;
  const verb = i.kind === 'skipped' ? 'skipped' : 'read';
  const more = i.count > 1 ? ` (${i.count} rows ${verb}; lines ${i.lines.join(', ')}${i.count > i.lines.length ? ', …' : ''})` : ` (row ${verb})`;
  return `${i.file}:${i.lines[0]}: ${i.reason}${more}`;
}
