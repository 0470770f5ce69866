import type { Member, MemberList } from '../engine/members.js';
import { UsageError } from '../errors.js';
import type { CheckedTemplate } from '../template/checked.js';
import type { Which } from '../template/cases.js';
import { columnList, parseCount } from '../template/fields.js';

/** Per measure (upper-cased), who it counted in the area; a `sum_of` is the union of its parts. */
export type Sets = ReadonlyMap<string, MemberList>;

/**
 * Refuses a list that is not of persons: a composite, a measure that sums a
 * column or counts rows, or one that is missing. Persons are `distinct HOSPCODE, PID`.
 */
export function checkListable(t: CheckedTemplate, which: Which): void {
  const id = t.template.id;
  if (t.composite) throw new UsageError(`${id} is a weighted composite of other indicators' scores: it counts no persons (run kpi cases on its parts)`);
  if (t.template.manual) throw new UsageError(`${id} is filled in by hand (${t.template.manual}.csv): its A and B are counts an officer wrote, with no persons behind them in the data`);
  const needed = which === 'achieved' ? ['A'] : which === 'group' ? ['B'] : ['A', 'B'];
  const partsOf = (name: string): string[] => [...(t.totals.get(name) ?? t.eithers.get(name) ?? [name])].flatMap((p) => (p === name ? [p] : partsOf(p)));
  const modes = new Set<string>();
  for (const name of needed) {
    for (const part of partsOf(name)) {
      const m = t.measures.get(part);
      if (!m) throw new UsageError(`${id} has no measure ${name}: kpi cases lists the persons of A and B`);
      modes.add(m.person === null ? 'unit' : 'person');
      if (m.person !== null) continue;
      const count = m.query.count === undefined ? null : parseCount(m.query.count);
      const persons = count?.kind === 'distinct' && columnList(count.columns.join(',')).map((c) => c.toUpperCase()).join(',') === 'HOSPCODE,PID';
      if (!persons) {
        const what = m.query.sum !== undefined ? `sums ${m.query.sum}` : `counts ${m.query.count ?? 'rows'}`;
        throw new UsageError(`${id}: measure ${part} ${what} in ${m.query.from}, not persons (distinct HOSPCODE, PID): there is no list of persons behind it`);
      }
    }
  }
  if (modes.size > 1) throw new UsageError(`${id} counts persons across units in one measure and HOSPCODE + PID in another: the two cannot be matched person by person`);
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
