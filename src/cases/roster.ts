import { codeAt, type Level, type Place } from '../area/place.js';
import type { Member, MemberList } from '../engine/members.js';
import type { EngineResult } from '../engine/run.js';
import type { Value } from '../expr/kinds.js';
import { keyOf } from '../data/key.js';
import type { CheckedTemplate } from '../template/checked.js';
import { DETAIL_COLUMNS, DETAILS_ID, DETAILS_MEASURE } from './request.js';
import type { Sets } from './sets.js';

/**
 * Who each measure counted in the area, ready to list. Under the person model (a template
 * whose measures count persons) a member is a person, counted once and placed at the home
 * unit whatever unit their rows came from; otherwise a member is a unit's HOSPCODE + PID.
 */
export interface Roster {
  /** Per measure (upper-cased), its members in the area; `sum_of` and `either_of` as unions. */
  readonly sets: Sets;
  /** Per measure, the keys `latest` kept too few rows of to count, with those rows. */
  readonly short: Sets;
  /** Persons across units (the person model). */
  readonly persons: boolean;
  /** The unit a member is listed at: the home unit of a person, else the member's own unit. */
  unitOf(id: string, m: Member): string;
  /** The PERSON row of the member at that unit (HOSPCODE, PID, SEX, BIRTH, …), if any. */
  details(id: string, m: Member): readonly Value[] | undefined;
  /** The home unit: a person's, else the member's unit when it registers them there (TYPEAREA 1 or 3). */
  homeOf(id: string, m: Member): string;
}

const col = (name: (typeof DETAIL_COLUMNS)[number]) => DETAIL_COLUMNS.indexOf(name);
const text = (v: Value | undefined) => (v === null || v === undefined ? '' : String(v));

export function rosterOf(t: CheckedTemplate, engine: EngineResult, area: { level: Level; code: string }): Roster {
  const kept = engine.members.get(t.template.id) ?? new Map<string, { counted: MemberList; short: MemberList }>();
  const detailRows = engine.members.get(DETAILS_ID)?.get(DETAILS_MEASURE)?.counted ?? new Map<string, Member>();
  const short = new Map([...kept].map(([name, k]) => [name, k.short]));
  const counts = engine.persons?.sets.get(t.template.id);
  if (!counts) return unitRoster(t, kept, short, detailRows);
  const persons = engine.persons!;
  const within = (p: Place) => area.code === 'TH' || codeAt(p, area.level) === area.code;
  const sets = new Map<string, Map<string, Member>>();
  const pending = new Map(counts);
  // Either_of sets come after their parts, whose members give their rows.
  for (const [name, set] of [...pending].sort(([a], [b]) => Number(t.eithers.has(a)) - Number(t.eithers.has(b)))) {
    const out = new Map<string, Member>();
    set.forEach((p) => {
      const place = persons.placeOf(t.template.id, p);
      if (!within(place)) return;
      const id = `p${p}`;
      const own = kept.get(name)?.counted.get(id) ?? (t.eithers.get(name) ?? []).map((part) => sets.get(part)?.get(id)).find((m) => m);
      out.set(id, { place, key: own?.key ?? [], rows: own?.rows ?? [], units: own?.units ?? [] });
    });
    sets.set(name, out);
  }
  for (const [name, parts] of t.totals) sets.set(name, union(parts.map((p) => sets.get(p))));
  const number = (id: string) => Number(id.slice(1));
  const unitOf = (id: string, m: Member) => m.place.unit ?? text(persons.registry.homeOf(number(id)));
  return {
    sets,
    short,
    persons: true,
    unitOf,
    details: (id, m) => {
      const rows = detailRows.get(id)?.rows ?? [];
      const unit = unitOf(id, m);
      return [...rows].reverse().find((r) => text(r[col('HOSPCODE')]) === unit) ?? rows[rows.length - 1];
    },
    homeOf: (id) => text(persons.registry.homeOf(number(id))),
  };
}

/** Members by HOSPCODE + PID, as the engine counts them without the person model. */
function unitRoster(t: CheckedTemplate, kept: Map<string, { counted: MemberList }>, short: Sets, detailRows: MemberList): Roster {
  const sets = new Map([...kept].map(([name, k]) => [name, k.counted]));
  for (const [name, parts] of t.totals) sets.set(name, union(parts.map((p) => sets.get(p))));
  const byKey = new Map<string, readonly Value[]>();
  for (const m of detailRows.values()) byKey.set(keyOf(m.key), m.rows[m.rows.length - 1]!);
  const details = (_: string, m: Member) => byKey.get(keyOf(m.key));
  return {
    sets,
    short,
    persons: false,
    unitOf: (_, m) => text(m.key[0]),
    details,
    homeOf: (id, m) => (['1', '3'].includes(text(details(id, m)?.[col('TYPEAREA')])) ? text(m.key[0]) : ''),
  };
}

function union(lists: ReadonlyArray<MemberList | undefined>): Map<string, Member> {
  const out = new Map<string, Member>();
  for (const list of lists) for (const [id, m] of list ?? []) if (!out.has(id)) out.set(id, m);
  return out;
}
