import type { OnRead } from '../data/counted.js';
import type { Hospitals } from '../area/hospitals.js';
import { areaName, compareCodes, type Lang } from '../area/names.js';
import type { Level } from '../area/place.js';
import type { Encoding } from '../data/decode.js';
import { describeIssue, RowIssues } from '../data/issues.js';
import type { TableInput } from '../data/read.js';
import type { Member } from '../engine/members.js';
import { runEngine, type EngineResult } from '../engine/run.js';
import { DataError } from '../errors.js';
import { ageYears } from '../expr/dates.js';
import type { Period } from '../period/period.js';
import type { CheckedCaseField, Which } from '../template/cases.js';
import type { CheckedTemplate } from '../template/checked.js';
import { fieldTexts } from './fields.js';
import { decidingMeasure, reasonText } from './reason.js';
import { DETAIL_COLUMNS, DETAILS_ID, detailsTemplate, IDENTITY_COLUMNS, keepRequest } from './request.js';
import { rosterOf, type Roster } from './roster.js';
import { checkListable, pick } from './sets.js';

export interface CasesOptions {
  readonly period: Period;
  readonly hospitals: Hospitals | null;
  readonly area: { readonly level: Level; readonly code: string };
  /** Zips found inside zips, not read: named when a table is missing. */
  readonly nestedZips?: readonly string[];
  /** Default: the template's `cases.which`, else `missing`. */
  readonly which?: Which | undefined;
  /** Add CID and names from PERSON (the caller writes them only to a file). */
  readonly identify: boolean;
  readonly lang: Lang;
  readonly encoding: Encoding;
  readonly strict: boolean;
  readonly onChunk?: OnRead | undefined;
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
  /** Under the person model: the unit whose row decided (a reading, a result, a diagnosis), any unit. */
  readonly record_unit?: string;
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
  /** Persons across units (the person model): each listed once, at the home unit, with the unit of the deciding record. */
  readonly persons: boolean;
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
  const persons = [...t.measures.values()].some((m) => m.person !== null);
  const engine = await runEngine(withDetails ? [t, detailsTemplate(persons)] : [t], data, { period: o.period, hospitals: o.hospitals, requireAll: true, encoding: o.encoding, keep: request, nestedZips: o.nestedZips, ...(o.onChunk ? { onChunk: o.onChunk } : {}) }, issues);
  if (o.strict && issues.total > 0) throw new DataError(`--strict: ${issues.total} row${issues.total === 1 ? '' : 's'} could not be read; nothing written`);
  // A list from a table that lacks a column the template uses would be as wrong as its count.
  const lacking = engine.notComputed.find((n) => n.templateId === t.template.id);
  if (lacking) throw new DataError(`${t.template.id} cannot be listed: ${lacking.reason}`);
  const roster = rosterOf(t, engine, o.area);
  const sets = roster.sets;
  const { members, outsideB } = pick(sets, which);
  const fields = t.cases?.fields ?? [];
  const rows = members.map(([id, m]) => caseRow(t, m, id, roster, slots, o));
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
    persons: roster.persons,
    fields,
    cases: sortRows(rows, t.cases?.sort ?? []),
    counts: { a: sets.get('A')?.size ?? 0, b: sets.get('B')?.size ?? 0 },
    warnings,
    engine,
  };
}

function caseRow(t: CheckedTemplate, m: Member, id: string, roster: Roster, slots: ReturnType<typeof keepRequest>['slots'], o: CasesOptions): CaseRow {
  const person = roster.details(id, m);
  const col = (name: string, list: readonly string[], offset = 0) => String(person?.[offset + list.indexOf(name)] ?? '');
  const unit = roster.unitOf(id, m);
  const birth = col('BIRTH', DETAIL_COLUMNS);
  const fields = fieldTexts(t.cases?.fields ?? [], roster.sets, roster.short, slots, id);
  const sex = col('SEX', DETAIL_COLUMNS);
  const deciding = decidingMeasure(t, roster.sets, id) ?? 'B';
  const row: CaseRow = {
    unit,
    unit_name: areaName('unit', unit, o.lang, o.hospitals),
    pid: person ? col('PID', DETAIL_COLUMNS) : String(m.key[1] ?? ''),
    sex: sex === '1' ? 'male' : sex === '2' ? 'female' : '',
    age: birth ? ageYears(birth, o.period.end) : null,
    home_unit: roster.homeOf(id, m),
    ...(roster.persons ? { record_unit: roster.sets.get(deciding)?.get(id)?.units.at(-1) ?? '' } : {}),
    fields,
    reason: reasonText(t, roster.sets, id, fields, o.lang),
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
