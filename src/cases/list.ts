import type { Hospitals } from '../area/hospitals.js';
import { areaName, compareCodes, type Lang } from '../area/names.js';
import type { Level } from '../area/place.js';
import type { Encoding } from '../data/decode.js';
import { describeIssue, RowIssues } from '../data/issues.js';
import type { TableInput } from '../data/read.js';
import type { Member, MemberList } from '../engine/members.js';
import { runEngine, type EngineResult } from '../engine/run.js';
import { DataError } from '../errors.js';
import { ageYears } from '../expr/dates.js';
import type { Value } from '../expr/kinds.js';
import type { Period } from '../period/period.js';
import type { CheckedCaseField, Which } from '../template/cases.js';
import type { CheckedTemplate } from '../template/checked.js';
import { fieldTexts } from './fields.js';
import { reasonText } from './reason.js';
import { DETAIL_COLUMNS, DETAILS_ID, DETAILS_MEASURE, detailsTemplate, IDENTITY_COLUMNS, keepRequest } from './request.js';
import { checkListable, pick, withTotals } from './sets.js';

export interface CasesOptions {
  readonly period: Period;
  readonly hospitals: Hospitals | null;
  readonly area: { readonly level: Level; readonly code: string };
  /** Default: the template's `cases.which`, else `missing`. */
  readonly which?: Which | undefined;
  /** Add CID and names from PERSON (the caller writes them only to a file). */
  readonly identify: boolean;
  readonly lang: Lang;
  readonly encoding: Encoding;
  readonly strict: boolean;
  readonly onChunk?: ((chunk: Buffer, file: string) => void) | undefined;
}

export type Sex = 'male' | 'female' | '';

/** One person of the list. */
export interface CaseRow {
  readonly unit: string;
  readonly unit_name: string;
  /** The unit's own person id, which staff look up in their HIS. */
  readonly pid: string;
  readonly sex: Sex;
  /** Completed years at the period's end; null without a usable birth date. */
  readonly age: number | null;
  /** The unit where the person is registered (TYPEAREA 1 or 3), empty when not registered there. */
  readonly home_unit: string;
  readonly fields: Readonly<Record<string, string>>;
  readonly reason: string;
  /** Only with `identify`. */
  readonly identity?: Readonly<Record<'cid' | 'prename' | 'name' | 'lname', string>>;
}

export interface CaseList {
  readonly indicator: string;
  readonly title: string;
  readonly period: string;
  readonly area: { readonly level: Level; readonly code: string; readonly name: string };
  readonly which: Which;
  readonly fields: readonly CheckedCaseField[];
  readonly cases: CaseRow[];
  /** A and B of the area as counted (persons), to tie the list out to `compute`. */
  readonly counts: { readonly a: number; readonly b: number };
  readonly warnings: string[];
  /** The run behind the list, for what reading did (merges, columns read as empty). */
  readonly engine: EngineResult;
}

/** Runs the engine keeping who was counted, and lists the persons of `which` for one area. */
export async function listCases(t: CheckedTemplate, data: Map<string, TableInput[]>, o: CasesOptions): Promise<CaseList> {
  const which = o.which ?? t.cases?.which ?? 'missing';
  checkListable(t, which);
  const { request, slots } = keepRequest(t, o.area, o.identify);
  const withDetails = data.has('PERSON');
  const issues = new RowIssues();
  const engine = await runEngine(withDetails ? [t, detailsTemplate()] : [t], data, { period: o.period, hospitals: o.hospitals, requireAll: true, encoding: o.encoding, keep: request, ...(o.onChunk ? { onChunk: o.onChunk } : {}) }, issues);
  if (o.strict && issues.total > 0) throw new DataError(`--strict: ${issues.total} row${issues.total === 1 ? '' : 's'} could not be read; nothing written`);
  // A list from a table that lacks a column the template uses would be as wrong as its count.
  const lacking = engine.notComputed.find((n) => n.templateId === t.template.id);
  if (lacking) throw new DataError(`${t.template.id} cannot be listed: ${lacking.reason}`);
  const sets = withTotals(t, engine.members.get(t.template.id) ?? new Map());
  const details = detailsByPerson(engine.members.get(DETAILS_ID)?.get(DETAILS_MEASURE));
  const { members, outsideB } = pick(sets, which);
  const fields = t.cases?.fields ?? [];
  const rows = members.map(([id, m]) => caseRow(t, m, id, sets, slots, details.get(personKey(m.key)), o));
  const warnings = issues.list().map(describeIssue);
  if (!withDetails) warnings.push('no PERSON table in --data: sex, age and home unit are left empty');
  for (const n of engine.notComputed.filter((x) => x.templateId === DETAILS_ID)) {
    for (const l of n.lacking) warnings.push(`${l.file}: no column ${l.columns.join(', ')}: left empty in the list`);
  }
  if (which === 'missing' && outsideB > 0) warnings.push(`${outsideB} person${outsideB === 1 ? ' is' : 's are'} in A but not in B: the list is B − A + ${outsideB}`);
  return {
    indicator: t.template.id,
    title: t.template.title[o.lang],
    period: o.period.label,
    area: { ...o.area, name: areaName(o.area.level, o.area.code, o.lang, o.hospitals) },
    which,
    fields,
    cases: sortRows(rows, t.cases?.sort ?? []),
    counts: { a: sets.get('A')?.size ?? 0, b: sets.get('B')?.size ?? 0 },
    warnings,
    engine,
  };
}

const personKey = (key: readonly Value[]) => key.map((v) => String(v ?? '')).join('\u001f');

/** PERSON's columns per HOSPCODE + PID: the last row counted (merged exports keep one per key). */
function detailsByPerson(list: MemberList | undefined): Map<string, readonly Value[]> {
  const out = new Map<string, readonly Value[]>();
  for (const m of list?.values() ?? []) out.set(personKey(m.key), m.rows[m.rows.length - 1]!);
  return out;
}

function caseRow(t: CheckedTemplate, m: Member, id: string, sets: ReturnType<typeof withTotals>, slots: ReturnType<typeof keepRequest>['slots'], person: readonly Value[] | undefined, o: CasesOptions): CaseRow {
  const col = (name: string, list: readonly string[], offset = 0) => String(person?.[offset + list.indexOf(name)] ?? '');
  const unit = String(m.key[0] ?? '');
  const birth = col('BIRTH', DETAIL_COLUMNS);
  const fields = fieldTexts(t.cases?.fields ?? [], sets, slots, id);
  const sex = col('SEX', DETAIL_COLUMNS);
  const row: CaseRow = {
    unit,
    unit_name: areaName('unit', unit, o.lang, o.hospitals),
    pid: String(m.key[1] ?? ''),
    sex: sex === '1' ? 'male' : sex === '2' ? 'female' : '',
    age: birth ? ageYears(birth, o.period.end) : null,
    home_unit: ['1', '3'].includes(col('TYPEAREA', DETAIL_COLUMNS)) ? unit : '',
    fields,
    reason: reasonText(t, sets, id, fields, o.lang),
  };
  if (!o.identify) return row;
  const id4 = (name: string) => col(name, IDENTITY_COLUMNS, DETAIL_COLUMNS.length);
  return { ...row, identity: { cid: id4('CID'), prename: id4('PRENAME'), name: id4('NAME'), lname: id4('LNAME') } };
}

/** By unit, then the template's follow-up fields, then PID; numbers inside text compare as numbers. */
function sortRows(rows: CaseRow[], sort: readonly string[]): CaseRow[] {
  const text = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });
  return rows.sort((x, y) => {
    const byUnit = compareCodes(x.unit, y.unit);
    if (byUnit !== 0) return byUnit;
    for (const f of sort) {
      const c = text(x.fields[f] ?? '', y.fields[f] ?? '');
      if (c !== 0) return c;
    }
    return text(x.pid, y.pid);
  });
}
