import type { Value } from '../expr/kinds.js';
import { replacesKept, type KeptRow, type RootEval, type TablePlan } from './plan.js';
import type { Row } from './row.js';
import type { DigestWriter } from './digest.js';

/*
 * One row of a table through every measure of its plan: the join indexes built on it, the
 * person registry, then each root's `where`, `latest` and counters. The same code runs on the
 * main thread and, for a range of a table counted on the threads, on a counting thread.
 */

/** The `joined` of every row of a table that joins nothing (never written). */
const NO_JOINS: number[] = [];

/**
 * What the engine does with each row of `plan`'s table (`all`: the mask of every period of the
 * run). With `digest` (a counting thread), what must be numbered on the main thread (indexes,
 * registry, person measures) goes to the digest instead (`digest.ts`).
 */
export function rowHandler(plan: TablePlan, observe: ((values: Value[]) => void) | null, all: number, digest: DigestWriter | null = null): (values: Value[]) => void {
  const { indexes, joins, roots, persons } = plan;
  const personRoot = digest?.personRoot ?? roots.map(() => -1);
  return (values: Value[]) => {
    observe?.(values);
    if (digest) digest.row(values);
    else {
      for (let x = 0; x < indexes.length; x++) indexes[x]!.put(values);
      if (persons) persons.add(values);
    }
    if (roots.length === 0) return;
    const joined = joins.length === 0 ? NO_JOINS : new Array<number>(joins.length);
    for (let j = 0; j < joins.length; j++) joined[j] = joins[j]!.index.find(joins[j]!.key(values));
    const row: Row = { values, joined };
    for (let x = 0; x < roots.length; x++) {
      const k = personRoot[x]!;
      if (k >= 0) digest!.count(k, roots[x]!, row, all);
      else evaluate(roots[x]!, row, all);
    }
  };
}

function evaluate(root: RootEval, row: Row, all: number): void {
  const mask = root.where(row, all);
  if (mask === 0) return;
  const latest = root.latest;
  if (latest) {
    const k = latest.per(row);
    const by = latest.by(row);
    const kept = latest.kept.get(k);
    if (!kept) latest.kept.set(k, [{ by, row, mask }]);
    else keepRow(latest, kept, { by, row, mask }, all);
    return;
  }
  count(root, row, mask);
}

/** Weighs one more row of a key against the rows `latest` / `earliest` keeps for it, for the periods of its mask. */
export function keepRow(latest: NonNullable<RootEval['latest']>, kept: KeptRow[], entry: KeptRow, all: number): void {
  if (latest.first) keepEarliest(kept, entry, entry.mask);
  // One row a key over one period (the usual `latest`): what keepLatest does, without its search.
  else if (latest.keep === 1 && all === 1) { if (replacesKept(entry.by, kept[0]!.by)) kept[0] = entry; }
  else keepLatest(kept, entry, latest.keep, entry.mask);
}

/**
 * Keeps, for each period of `mask`, the `keep` greatest rows by `by`, oldest first. A new
 * row goes after every row it ties or beats, so on a tie the row read last wins. `kept` is
 * one list in that order for all periods; each row carries the periods it is kept for.
 */
export function keepLatest(kept: KeptRow[], entry: { by: Value; row: Row }, keep: number, mask = 1): void {
  let at = 0;
  while (at < kept.length && replacesKept(entry.by, kept[at]!.by)) at++;
  let own = mask;
  for (let bit = 1; bit !== 0 && bit <= (mask >>> 0); bit <<= 1) {
    if ((mask & bit) === 0) continue;
    let n = 0;
    let first = -1;
    for (let i = 0; i < kept.length; i++) if ((kept[i]!.mask & bit) !== 0) { if (first < 0) first = i; n++; }
    if (n < keep) continue;
    // One too many for this period: the oldest goes, which is the new row when it sorts first.
    if (first >= at) own &= ~bit;
    else kept[first]!.mask &= ~bit;
  }
  if (own !== 0) kept.splice(at, 0, { ...entry, mask: own });
  for (let i = kept.length - 1; i >= 0; i--) if (kept[i]!.mask === 0) kept.splice(i, 1);
}

/**
 * Keeps, for each period of `mask`, the one row with the least `by`: a row without one never
 * replaces a row with one, and on a tie the row read first stays.
 */
export function keepEarliest(kept: KeptRow[], entry: { by: Value; row: Row }, mask = 1): void {
  let own = 0;
  for (let bit = 1; bit !== 0 && bit <= (mask >>> 0); bit <<= 1) {
    if ((mask & bit) === 0) continue;
    const old = kept.find((k) => (k.mask & bit) !== 0);
    if (old && (entry.by === null || (old.by !== null && replacesKept(entry.by, old.by)))) continue;
    if (old) old.mask &= ~bit;
    own |= bit;
  }
  if (own !== 0) kept.push({ ...entry, mask: own });
  for (let i = kept.length - 1; i >= 0; i--) if (kept[i]!.mask === 0) kept.splice(i, 1);
}

/** Counts one row, for the periods of `mask`, for every target (or only those that judge rows one by one). */
export function count(root: RootEval, row: Row, mask: number, everyToo = true, uses = root.uses): void {
  const place = root.place(row, uses);
  const key = root.key ? root.key(row) : null;
  const value = root.value ? root.value(row) : null;
  const counters = root.counters;
  for (let i = 0; i < counters.length; i++) {
    const c = counters[i]!;
    if (!everyToo && c.every) continue;
    const m = c.extra(row, mask);
    if (m === 0) continue;
    c.acc.add(m, place, key, value);
    // `kpi cases` runs one period: members are kept for the first.
    if (c.members && (m & 1) !== 0) c.members.add(place, key, row);
  }
}

