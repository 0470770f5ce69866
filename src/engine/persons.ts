import type { Place } from '../area/place.js';
import { fromInt, type Rational } from '../num/rational.js';
import { PersonRegistry } from '../person/registry.js';
import { PersonSet } from '../person/set.js';
import type { CheckedTemplate } from '../template/checked.js';
import type { PersonCollector } from './accumulate.js';

/** What the person measures of one run counted, person by person (for `kpi cases`); nothing here holds a CID as text. */
export interface PersonCounts {
  readonly registry: PersonRegistry;
  /** Per template, per person measure (`either_of` ones too, upper-cased), the persons it counts. */
  readonly sets: Map<string, Map<string, PersonSet>>;
  /** Where a person of a template's measures counts: the home unit, else the unit of their latest row. */
  readonly placeOf: (templateId: string, person: number) => Place;
}

/**
 * The final persons of each person measure of `t` — its collected persons of the right kind
 * (living, registered or all), within and outside other measures, `either_of` as unions — and
 * their count per place.
 */
export function countPersons(
  t: CheckedTemplate,
  collected: ReadonlyMap<string, PersonCollector>,
  registry: PersonRegistry,
  placeOf: (person: number, measure: string) => Place,
): { sets: Map<string, PersonSet>; totals: Map<string, Map<Place, Rational>> } {
  const sets = new Map<string, PersonSet>();
  const final = (name: string): PersonSet => {
    const done = sets.get(name);
    if (done) return done;
    const parts = t.eithers.get(name);
    let set: PersonSet;
    if (parts) {
      set = parts.map(final).reduce((a, b) => a.union(b), new PersonSet());
    } else {
      const m = t.measures.get(name)!;
      const within = m.within.map(final);
      const outside = m.outside.map(final);
      const kind = m.person === 'living' ? (p: number) => registry.isLiving(p) : m.person === 'registered' ? (p: number) => registry.isRegistered(p) : () => true;
      set = (collected.get(name)?.persons ?? new PersonSet()).filter((p) => kind(p) && within.every((w) => w.has(p)) && !outside.some((o) => o.has(p)));
    }
    sets.set(name, set);
    return set;
  };
  const totals = new Map<string, Map<Place, Rational>>();
  const names = [...[...t.measures.values()].filter((m) => m.person !== null).map((m) => m.name), ...t.eithers.keys()];
  for (const name of names) {
    // Counted as integers, made exact fractions once per place (not once per person).
    const byPlace = new Map<Place, number>();
    final(name).forEach((p) => { const at = placeOf(p, name); byPlace.set(at, (byPlace.get(at) ?? 0) + 1); });
    totals.set(name, new Map([...byPlace].map(([at, n]) => [at, fromInt(n)])));
  }
  return { sets, totals };
}

/**
 * Where a person counts: at the home unit; a person registered nowhere at the unit of the row
 * about them with the latest D_UPDATE, among their PERSON rows and the rows the template's
 * measures counted (a tie goes to the counted row, read after PERSON).
 */
export function personPlacer(registry: PersonRegistry, collectors: readonly PersonCollector[], placeUnit: (hospcode: string) => Place): (person: number) => Place {
  return (p) => {
    const home = registry.homeOf(p);
    if (home !== null) return placeUnit(home);
    const last = registry.lastPersonRow(p);
    let best: { stamp: number; place: Place | null } = { stamp: last.stamp, place: last.unit === null ? null : placeUnit(last.unit) };
    for (const c of collectors) {
      const row = c.latestRow(p);
      if (row && row.stamp >= best.stamp) best = row;
    }
    return best.place ?? NOWHERE;
  };
}

const NOWHERE: Place = { unit: null, district: null, province: null, region: null };

export function countsPersons(t: CheckedTemplate): boolean {
  return [...t.measures.values()].some((m) => m.person !== null);
}

/** The run's person registry: `null` when no template counts persons; keeping each person's last row when a measure counts `all`. */
export function registryFor(templates: readonly CheckedTemplate[]): PersonRegistry | null {
  if (!templates.some(countsPersons)) return null;
  return new PersonRegistry(templates.some((t) => [...t.measures.values()].some((m) => m.person === 'all')));
}
