export type Severity = 'error' | 'warning' | 'info';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** Whether `s` is as bad as `threshold` or worse. */
export function atLeast(s: Severity, threshold: Severity): boolean {
  return SEVERITIES.indexOf(s) <= SEVERITIES.indexOf(threshold);
}

import type { Key } from '../data/key.js';
import { IdSet } from '../data/id-set.js';
import { KeyTable } from '../data/key-table.js';

/** One finding as reported: counts only, never the values found. */
export interface Finding {
  readonly severity: Severity;
  readonly table: string;
  /** A stable name for scripts, e.g. `duplicate-key`, `invalid-code`. */
  readonly check: string;
  readonly message: string;
  readonly rows: number;
  /** Distinct HOSPCODE+PID among the rows; null where the rows could not be read. */
  readonly persons: number | null;
  readonly units: number | null;
  /** The units (5-digit HOSPCODE, not personal data; anything else in that column is never shown), in code order. */
  readonly hospcodes: string[];
  readonly files: string[];
  /** Where the first such row is (`FILE:LINE`), for findings that show one. */
  readonly first?: string;
}

interface Tally {
  severity: Severity;
  table: string;
  check: string;
  message: string;
  rows: number;
  /** The persons (numbers from `Findings.people`) it concerns, as bits: a finding may concern tens of millions. */
  persons: IdSet | null;
  units: IdSet | null;
  files: Set<string>;
  first?: string;
}

/** Findings gathered while reading, merged by table, check and message. */
export class Findings {
  private readonly byKey = new Map<string, Tally>();
  /** Every person and unit named by any finding, numbered once; each finding keeps bits of these numbers. */
  readonly people = new KeyTable(1 << 16);
  private readonly unitIds = new KeyTable(1 << 10);
  /** The unit codes by their number in `unitIds` (units are few: a list is enough). */
  private readonly unitCodes: string[] = [];

  /** Counts one row (with its person and unit, when known) towards a finding; `line` makes the first one its example. */
  row(severity: Severity, table: string, check: string, message: string, file: string, person: Key | null, unit: Key | null, line?: number): void {
    const t = this.tally(severity, table, check, message, file, true);
    t.rows++;
    if (person !== null) t.persons!.add(this.people.insert(person));
    if (unit !== null) t.units!.add(this.unitId(unit));
    if (line !== undefined && t.first === undefined) t.first = `${file}:${line}`;
  }

  private unitId(unit: Key): number {
    const id = this.unitIds.insert(unit);
    if (id === this.unitCodes.length) this.unitCodes.push(String(unit));
    return id;
  }

  /** The 5-digit unit codes of a finding (anything else in that column is never shown), in code order. */
  private hospcodes(units: IdSet | null): string[] {
    return units ? this.unitCodes.filter((u, id) => units.has(id) && /^\d{5}$/.test(u)).sort() : [];
  }

  /** A finding whose rows could not be read, or that is about a whole file. */
  add(severity: Severity, table: string, check: string, message: string, file: string, rows: number): void {
    this.tally(severity, table, check, message, file, false).rows += rows;
  }

  private tally(severity: Severity, table: string, check: string, message: string, file: string, counted: boolean): Tally {
    const key = `${table}\u0000${check}\u0000${message}`;
    let t = this.byKey.get(key);
    if (!t) {
      t = { severity, table, check, message, rows: 0, persons: counted ? new IdSet() : null, units: counted ? new IdSet() : null, files: new Set() };
      this.byKey.set(key, t);
    }
    t.files.add(file);
    return t;
  }

  /** Worst first, then by table and check, so reports are stable. */
  list(): Finding[] {
    return [...this.byKey.values()]
      .map((t): Finding => ({ severity: t.severity, table: t.table, check: t.check, message: t.first ? `${t.message} (first: ${t.first})` : t.message, rows: t.rows, persons: t.persons ? t.persons.size : null, units: t.units ? t.units.size : null, hospcodes: this.hospcodes(t.units), files: [...t.files], ...(t.first ? { first: t.first } : {}) }))
      .sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || cmp(a.table, b.table) || cmp(a.check, b.check) || cmp(a.message, b.message));
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
