import type { Member, MemberList } from '../engine/members.js';
import { UsageError } from '../errors.js';
import type { CheckedTemplate } from '../template/checked.js';
import type { Which } from '../template/cases.js';
import { columnList, parseCount } from '../template/fields.js';

/** Per measure (upper-cased), who it counted in the area; a `sum_of` is the union of its parts. */
export type Sets = ReadonlyMap<string, MemberList>;

/** Adds the `sum_of` measures to the engine's members, each person once. */
export function withTotals(t: CheckedTemplate, counted: ReadonlyMap<string, MemberList>): Sets {
  const out = new Map(counted);
  for (const [name, parts] of t.totals) {
    const union = new Map<string, Member>();
    for (const p of parts) for (const [id, m] of counted.get(p) ?? []) if (!union.has(id)) union.set(id, m);
    out.set(name, union);
  }
  return out;
}

/**
 * Refuses a list that is not of persons: a composite, a measure that sums a
 * column or counts rows, or one that is missing. Persons are `distinct HOSPCODE, PID`.
 */
export function checkListable(t: CheckedTemplate, which: Which): void {
  const id = t.template.id;
  if (t.composite) throw new UsageError(`${id} is a weighted composite of other indicators' scores: it counts no persons (run kpi cases on its parts)`);
  const needed = which === 'achieved' ? ['A'] : which === 'group' ? ['B'] : ['A', 'B'];
  for (const name of needed) {
    const counted = t.totals.get(name) ?? [name];
    for (const part of counted) {
      const m = t.measures.get(part);
      if (!m) throw new UsageError(`${id} has no measure ${name}: kpi cases lists the persons of A and B`);
      const count = m.query.count === undefined ? null : parseCount(m.query.count);
      const persons = count?.kind === 'distinct' && columnList(count.columns.join(',')).map((c) => c.toUpperCase()).join(',') === 'HOSPCODE,PID';
      if (!persons) {
        const what = m.query.sum !== undefined ? `sums ${m.query.sum}` : `counts ${m.query.count ?? 'rows'}`;
        throw new UsageError(`${id}: measure ${part} ${what} in ${m.query.from}, not persons (distinct HOSPCODE, PID): there is no list of persons behind it`);
      }
    }
  }
}

/** The list asked for (by member id), and how many of A were not in B (then `missing` has B − A + that many rows). */
export function pick(sets: Sets, which: Which): { members: Array<[string, Member]>; outsideB: number } {
  const a = sets.get('A') ?? new Map<string, Member>();
  const b = sets.get('B') ?? new Map<string, Member>();
  if (which === 'achieved') return { members: [...a], outsideB: 0 };
  if (which === 'group') return { members: [...b], outsideB: 0 };
  const outsideB = [...a.keys()].filter((id) => !b.has(id)).length;
  return { members: [...b].filter(([id]) => !a.has(id)), outsideB };
}
