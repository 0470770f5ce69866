import type { Hospitals } from '../area/hospitals.js';
import { counted } from '../data/counted.js';
import type { Encoding } from '../data/decode.js';
import { describeIssue, RowIssues } from '../data/issues.js';
import { key2, keyN, type Key } from '../data/key.js';
import { KeyTable } from '../data/key-table.js';
import { isBuddhistYear } from '../data/field-value.js';
import { MemoryWatch, OutOfMemoryError } from '../data/memory.js';
import type { OnRead } from '../data/counted.js';
import { MissingColumnsError, readTable, type ColumnRequest, type TableInput } from '../data/read.js';
import { tableDef } from '../data/tables.js';
import { DataError } from '../errors.js';
import { isValidDate, isValidDateTime } from '../expr/dates.js';
import type { Value } from '../expr/kinds.js';
import { fiscalYearOf } from '../period/period.js';
import { isValidCid } from './cid.js';
import { Findings, type Finding } from './findings.js';

export interface CheckOptions {
  readonly encoding: Encoding;
  readonly hospitals: Hospitals | null;
  /** As the user wrote it, for messages. */
  readonly hospitalsFile?: string;
  /** YYYYMMDD: dates after it are in the future. */
  readonly today: string;
  readonly onChunk?: OnRead;
  /** Zips inside zips (not read) and names repeated in one zip, from finding the inputs. */
  readonly nestedZips?: readonly string[];
  readonly repeatedMembers?: readonly string[];
  /** Per table, the columns the templates use and which templates use each: a file lacking one is an error. */
  readonly needs?: ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>;
}

/** The valid dates found in one date field, and the fiscal years (BE) they fall in. */
export interface DateSpan {
  readonly field: string;
  first: string | null;
  last: string | null;
  readonly fiscal_years: number[];
}

export interface TableSummary {
  readonly table: string;
  readonly files: number;
  readonly rows: number;
  readonly skipped: number;
  readonly dates: DateSpan[];
}

export interface CheckReport {
  readonly tables: TableSummary[];
  readonly findings: Finding[];
}

/** Valid values of the PERSON codes that decide who counts (../shared/reference/f43.md §4). */
const CODES: ReadonlyArray<{ column: string; valid: (v: string) => boolean; what: string }> = [
  { column: 'SEX', valid: (v) => v === '1' || v === '2', what: '1 or 2' },
  { column: 'TYPEAREA', valid: (v) => /^[1-5]$/.test(v), what: '1 to 5' },
  { column: 'DISCHARGE', valid: (v) => /^[1239]$/.test(v), what: '1, 2, 3 or 9' },
  { column: 'NATION', valid: (v) => /^\d{3}$/.test(v), what: 'three digits' },
];

/** Reads every table (PERSON first, for person links) and tallies what `compute` would stumble on. */
export async function checkData(data: ReadonlyMap<string, readonly TableInput[]>, opts: CheckOptions): Promise<CheckReport> {
  const findings = new Findings();
  const tables: TableSummary[] = [];
  // PERSON's persons, as numbers of `findings.people` (one table for all of check's persons) with a bit each.
  const persons = data.has('PERSON') ? new PersonSet(findings.people) : null;
  const names = [...data.keys()].sort((a, b) => (a === 'PERSON' ? -1 : b === 'PERSON' ? 1 : a < b ? -1 : a > b ? 1 : 0));
  for (const z of opts.nestedZips ?? []) findings.add('warning', '(zip)', 'nested-zip', 'zips inside zips: not read (unpack them and give them to --data)', z, 0);
  for (const m of opts.repeatedMembers ?? []) findings.add('warning', '(zip)', 'repeated-member', 'names held more than once in one zip: every entry is read', m, 0);
  for (const p of opts.hospitals?.problems ?? []) findings.add('warning', '(hospitals)', 'invalid-bytes', p, opts.hospitalsFile ?? '', 0);
  for (const table of names) tables.push(await checkTable(table, data.get(table)!, persons, findings, opts));
  if (!persons && names.some((t) => tableDef(t)?.fields?.has('PID'))) {
    findings.add('info', 'PERSON', 'no-person-file', 'no PERSON file in --data: rows were not checked against PERSON', '', 0);
  }
  return { tables, findings: findings.list() };
}

/** Codes and keys are plain ASCII digits or letters: these forms look alike to a person but never match in a join. */
function oddCode(v: string): boolean {
  return v !== v.trim() || /[\u0e50-\u0e59]/.test(v) || /^\+/.test(v) || /^[+-]?\d+(\.\d+)?[eE][+-]?\d+$/.test(v);
}

/** Persons of the PERSON table: bits over a shared key table, so a person costs one key there, not two. */
class PersonSet {
  private bits = new Uint8Array(1 << 16);
  private count = 0;

  constructor(private readonly people: KeyTable) {}

  get size(): number {
    return this.count;
  }

  add(person: Key): void {
    const id = this.people.insert(person);
    if (id >= this.bits.length) {
      const more = new Uint8Array(Math.max(this.bits.length * 2, id + 1));
      more.set(this.bits);
      this.bits = more;
    }
    if (this.bits[id] === 0) { this.bits[id] = 1; this.count++; }
  }

  has(person: Key): boolean {
    const id = this.people.get(person);
    return id >= 0 && id < this.bits.length && this.bits[id] === 1;
  }
}

async function checkTable(table: string, inputs: readonly TableInput[], persons: PersonSet | null, findings: Findings, opts: CheckOptions): Promise<TableSummary> {
  const def = tableDef(table);
  const fields = def?.fields;
  const key = def?.primaryKey ?? [];
  const needs = opts.needs?.get(table) ?? new Map<string, readonly string[]>();
  const wanted = new Set<string>(key);
  for (const c of needs.keys()) wanted.add(c);
  for (const c of ['HOSPCODE', 'PID', 'CID', 'D_UPDATE']) wanted.add(c);
  if (table === 'PERSON') for (const c of [...CODES.map((x) => x.column)]) wanted.add(c);
  for (const [name, f] of fields ?? []) if (f.type === 'D' || f.type === 'DT') wanted.add(name);
  // Everything as text: check judges the values itself, so only a wrong field count makes the reader skip a row.
  // A free-form table (a summary export) is checked only for the columns templates read from it.
  const columns: ColumnRequest[] = (fields ? [...wanted].filter((c) => fields.has(c)) : [...needs.keys()]).map((name) => ({ name, type: 'C' }));
  const at = (name: string) => columns.findIndex((c) => c.name === name);
  const iHosp = at('HOSPCODE');
  const iPid = at('PID');
  const iCid = at('CID');
  const keySlots = key.map(at);
  const dates = columns.map((c, i) => ({ i, name: c.name, type: fields?.get(c.name)?.type })).filter((d) => d.type === 'D' || d.type === 'DT');
  const codes = table === 'PERSON' ? CODES.map((c) => ({ ...c, i: at(c.column) })).filter((c) => c.i >= 0) : [];
  const codeColumns = columns.map((c, i) => ({ i, name: c.name })).filter((c) => (key.includes(c.name) || ['HOSPCODE', 'PID', 'CID'].includes(c.name) || codes.some((x) => x.i === c.i)) && !dates.some((d) => d.i === c.i));
  // Per primary key, the file (its number + 1) it was last seen in.
  const seen = new KeyTable(1 << 16);
  let seenIn: Int32Array = new Int32Array(1 << 16);
  const spans = dates.map((d) => ({ span: { field: d.name, first: null, last: null, fiscal_years: [] } as DateSpan, years: new Set<number>() }));
  const summary = { table, files: inputs.length, rows: 0, skipped: 0, dates: [] as DateSpan[] };
  // A registry date field no file has (MOVEIN in an older export) has no range to show.
  const present = new Set<string>();

  for (const [fileNo, raw] of inputs.entries()) {
    const file = raw.display;
    const issues = new RowIssues();
    const memory = new MemoryWatch(() => `checking ${file} (${summary.rows.toLocaleString('en')} rows of ${table} before it; ${seen.size.toLocaleString('en')} keys and ${(persons?.size ?? 0).toLocaleString('en')} persons held)`);
    const onRow = (v: Value[], line: number) => {
      memory.tick();
      const text = (i: number) => (i >= 0 ? String(v[i] ?? '').trim() : '');
      const unit = iHosp >= 0 && text(iHosp) !== '' ? text(iHosp) : null;
      const person: Key | null = unit !== null && iPid >= 0 && text(iPid) !== '' ? key2(unit, text(iPid)) : null;
      const hit = (severity: 'error' | 'warning' | 'info', check: string, message: string, example?: number) => findings.row(severity, table, check, message, file, person, unit, example);
      if (table === 'PERSON' && person !== null) persons?.add(person);
      for (const c of codeColumns) {
        const raw = v[c.i];
        if (typeof raw === 'string' && raw !== '' && oddCode(raw)) hit('warning', 'odd-code', `${c.name} values with spaces, a + sign, an exponent or Thai digits (never match a plain code)`, line);
      }
      if (keySlots.length > 0 && keySlots.every((s) => s >= 0)) {
        const id = seen.insert(keyN(keySlots.map((s) => text(s))));
        if (id >= seenIn.length) seenIn = grownInt32(seenIn, id + 1);
        const before = seenIn[id]! - 1;
        if (before === fileNo) hit('warning', 'duplicate-key', `rows repeating a primary key (${key.join(', ')}) within one file`);
        else if (before >= 0) hit('info', 'repeated-key', `rows repeating a primary key of another file (merged: the latest D_UPDATE is kept)`);
        seenIn[id] = fileNo + 1;
      }
      if (table !== 'PERSON' && persons && person !== null && !persons.has(person)) hit('warning', 'no-person', 'rows whose HOSPCODE+PID has no PERSON row');
      for (const c of codes) if (!c.valid(text(c.i))) hit('warning', 'invalid-code', `${c.column} not ${c.what}`);
      if (iCid >= 0 && text(iCid) !== '' && !isValidCid(text(iCid))) hit('warning', 'cid', 'CID not 13 digits or its check digit is wrong (values not shown)');
      for (const [k, d] of dates.entries()) {
        const s = text(d.i);
        if (s === '') continue;
        if (isBuddhistYear(s)) { hit('error', 'be-date', `Buddhist Era year in ${d.name} (the 43 files use Christian Era years)`, line); continue; }
        if (!(d.type === 'D' ? isValidDate(s) : isValidDateTime(s))) { hit('error', 'impossible-date', `impossible date in ${d.name}`); continue; }
        widen(spans[k]!, s.slice(0, 8));
        if (s.slice(0, 8) > opts.today) hit('warning', 'future-date', `${d.name} in the future`);
        else if (s < '19000101') hit('warning', 'old-date', `${d.name} before 1900`);
      }
      if (unit !== null && opts.hospitals && !opts.hospitals.has(unit)) hit('warning', 'unknown-unit', `units not in the hospitals file ${opts.hospitalsFile ?? ''}`.trim());
    };
    try {
      const stats = await memory.guard(() => readTable(counted(raw, opts.onChunk), columns, onRow, issues, opts.encoding));
      summary.rows += stats.rows;
      summary.skipped += stats.skipped;
      for (const d of dates) if (!stats.absent?.includes(d.name)) present.add(d.name);
      if (stats.rows === 0 && stats.skipped === 0) findings.add('info', table, 'header-only', 'files with a header and no rows', file, 0);
      for (const c of stats.absent ?? []) {
        const who = needs.get(c.toUpperCase());
        if (who) findings.add('error', table, 'missing-column', `${file} has no column ${c}, needed by ${who.join(', ')}`, file, 0);
      }
    } catch (e) {
      if (e instanceof OutOfMemoryError) throw e;
      if (e instanceof MissingColumnsError) findings.add('error', table, 'missing-column', `${file}: no ${fields ? 'key ' : ''}column ${e.columns.join(', ')}${neededBy(e.columns, needs)}: file not read`, file, 0);
      else if (e instanceof DataError) findings.add('error', table, 'unreadable-file', e.message, file, 0);
      else throw e;
    }
    for (const i of issues.list()) {
      if (i.kind === 'skipped') findings.add('error', table, 'unreadable-row', describeIssue(i), file, i.count);
      else if (i.kind === 'repaired') findings.add('error', table, 'invalid-bytes', describeIssue(i), file, i.count);
      else findings.add('warning', table, 'file-layout', describeIssue(i), file, 0);
    }
  }
  for (const x of spans) x.span.fiscal_years.push(...[...x.years].sort((a, b) => a - b));
  summary.dates.push(...spans.map((x) => x.span).filter((s) => present.has(s.field)));
  return summary;
}

function grownInt32(a: Int32Array, need: number): Int32Array {
  let n = a.length * 2;
  while (n < need) n *= 2;
  const more = new Int32Array(n);
  more.set(a);
  return more;
}

function widen(x: { span: DateSpan; years: Set<number> }, date: string): void {
  if (x.span.first === null || date < x.span.first) x.span.first = date;
  if (x.span.last === null || date > x.span.last) x.span.last = date;
  x.years.add(fiscalYearOf(date));
}

function neededBy(columns: readonly string[], needs: ReadonlyMap<string, readonly string[]>): string {
  const who = [...new Set(columns.flatMap((c) => needs.get(c.toUpperCase()) ?? []))];
  return who.length > 0 ? ` (needed by ${who.join(', ')})` : '';
}
