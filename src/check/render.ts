import { stringify } from 'csv-stringify/sync';
import { displayWidth, padEnd, padStart } from '../report/width.js';
import type { CheckReport } from './scan.js';

/** `{ tables, findings }` as JSON: counts only, no timestamps. */
export function renderCheckJson(r: CheckReport): string {
  return JSON.stringify(r, null, 2) + '\n';
}

/** One line per finding, for a spreadsheet or a script; units as `10001 10002`, files likewise. */
export function renderCheckCsv(r: CheckReport): string {
  const header = ['severity', 'table', 'check', 'rows', 'persons', 'units', 'hospcodes', 'finding', 'files'];
  const rows = r.findings.map((f) => [f.severity, f.table, f.check, f.rows, f.persons ?? '', f.units ?? '', f.hospcodes.join(' '), f.message, f.files.join(' ')].map(String));
  return stringify([header, ...rows]);
}

/** The first few units of a finding, for the terminal: `10001 10002 … (+3)`. */
function someUnits(codes: readonly string[]): string {
  const shown = codes.slice(0, 3).join(' ');
  return codes.length > 3 ? `${shown} … (+${codes.length - 3})` : shown || '–';
}

function grid(header: string[], rows: string[][], numeric: (i: number) => boolean): string[] {
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i]!))));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : numeric(i) ? padStart(c, widths[i]!) : padEnd(c, widths[i]!))).join('  ').trimEnd();
  return [line(header), widths.map((w, i) => '─'.repeat(i === widths.length - 1 ? Math.min(w, 40) : w)).join('  '), ...rows.map(line)];
}

/** Two plain tables: per table what was read, then the findings, worst first. */
export function renderCheckTable(r: CheckReport): string {
  const out: string[] = ['Tables read'];
  out.push(...grid(['table', 'files', 'rows read', 'rows skipped'], r.tables.map((t) => [t.table, String(t.files), String(t.rows), String(t.skipped)]), (i) => i > 0));
  out.push('');
  const spans = r.tables.flatMap((t) => t.dates.filter((d) => d.first !== null).map((d) => [t.table, d.field, iso(d.first!), iso(d.last!), yearRanges(d.fiscal_years)]));
  if (spans.length > 0) {
    out.push('Dates (valid dates only)');
    out.push(...grid(['table', 'field', 'first', 'last', 'fiscal years (BE)'], spans, () => false));
    out.push('');
  }
  const n = (s: string) => r.findings.filter((f) => f.severity === s).length;
  out.push(`Findings: ${n('error')} error(s), ${n('warning')} warning(s), ${n('info')} note(s)`);
  if (r.findings.length > 0) {
    const count = (v: number | null) => (v === null ? '–' : String(v));
    out.push(...grid(['severity', 'table', 'check', 'rows', 'persons', 'units', 'HOSPCODE', 'finding'], r.findings.map((f) => [f.severity, f.table, f.check, count(f.rows), count(f.persons), count(f.units), someUnits(f.hospcodes), f.message]), (i) => i >= 3 && i <= 5));
  }
  return out.join('\n') + '\n';
}

function iso(d: string): string {
  return `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
}

/** `[2560, 2566, 2567]` → `2560, 2566–2567`. */
export function yearRanges(years: readonly number[]): string {
  const out: string[] = [];
  for (let i = 0; i < years.length; i++) {
    let j = i;
    while (j + 1 < years.length && years[j + 1] === years[j]! + 1) j++;
    out.push(j === i ? String(years[i]) : `${years[i]}–${years[j]}`);
    i = j;
  }
  return out.join(', ');
}
