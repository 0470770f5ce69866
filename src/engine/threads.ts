import type { Hospitals } from '../area/hospitals.js';
import { PlaceBook } from '../area/place.js';
import type { Corrections } from '../data/corrections.js';
import { readRange } from '../data/range.js';
import type { TableInput } from '../data/read.js';
import type { RangeEvaluator } from '../parallel/serve.js';
import type { Value } from '../expr/kinds.js';
import type { Period } from '../period/period.js';
import type { CheckedTemplate } from '../template/checked.js';
import { allPeriods } from './by-period.js';
import { periodFields, rangeTracker, type DateRange } from './coverage.js';
import type { JoinIndexState } from './join-index.js';
import { take, type Tallies } from './partial.js';
import { rowGate } from './gate.js';
import { rowHandler } from './pass.js';
import { digestBuffers, digestible, DigestWriter, personRoots } from './digest.js';
import { registryFor } from './persons.js';
import { planTables, type TablePlan } from './plan.js';
import type { KeySetPlan } from './related.js';

/*
 * Evaluating a table on the reading threads. A table read from one plain file, without
 * DATA_CORRECT, is counted where it is read: each thread plans the templates as the main
 * thread did, reads the join indexes built on the main thread through shared memory, and
 * posts per range what it counted (`partial.ts`) and, for what the main thread numbers in
 * file order (join indexes on the table, the person registry, person measures), each row's
 * digest (`digest.ts`), not the rows; a thread whose digests turn out mostly text declines its
 * later ranges, which the main thread then reads itself (`textHeavy`). Anything else (merged exports, DATA_CORRECT,
 * `kpi cases`, person measures that keep rows or places per person) is counted on the main
 * thread from rows, as before.
 */

/** Rows a range digests before its thread judges whether the table's digests are worth posting. */
const PROBE_ROWS = 4096;

/** Ends a range's reading early: it is better read on the main thread. */
class RowsBetter extends Error {}

/** What a thread needs to plan and count one table, sent once per table. */
export interface EvalSetup {
  readonly templates: readonly CheckedTemplate[];
  readonly periods: readonly Period[];
  readonly hospitals: Hospitals | null;
  readonly table: string;
  /** Per plan (in the plans' order), per join index on it: its shared arrays, or `null` when its table is not read yet. */
  readonly indexes: Array<Array<JoinIndexState | null>>;
  /** Per `exists` key set plan (in order), per set, per period: the keys found. */
  readonly keySets: string[][][][];
}

/** Whether `plan`'s table can be counted on the threads (see above). */
export function evaluableOnThreads(plan: TablePlan, files: readonly TableInput[], corrections: Corrections, keeping: boolean): boolean {
  return !keeping && files.length === 1 && !corrections.has(plan.table) && digestible(plan);
}

/** Whether a counting thread digests the rows of `plan`'s table for the main thread: it has join indexes, feeds the registry or has person measures. */
function needsDigest(plan: TablePlan): boolean {
  return plan.indexes.length > 0 || plan.persons !== null || personRoots(plan).length > 0;
}

/** The setup for `table`: the indexes of the tables read so far move to shared memory (once) and go with it. */
export function setupFor(table: string, templates: readonly CheckedTemplate[], periods: readonly Period[], hospitals: Hospitals | null, plans: Map<string, TablePlan>, read: ReadonlySet<string>, keySets: Map<string, KeySetPlan>): EvalSetup {
  return {
    templates, periods, hospitals, table,
    indexes: [...plans.values()].map((p) => p.indexes.map((ix) => (read.has(p.table) ? ix.share() : null))),
    keySets: [...keySets.values()].map((ks) => ks.sets.map((s) => s.keys.map((k) => [...k]))),
  };
}

/**
 * On a thread: the plan of the setup's table, made once per table (with the shared indexes and
 * the key sets), and how one range is counted on it.
 */
export function rangeEvaluator(setup: EvalSetup): RangeEvaluator {
  const tallies: Tallies = { unplaced: new Map(), noAddress: new Map() };
  const keySets = new Map<string, KeySetPlan>();
  const places = new PlaceBook();
  const plans = planTables(setup.templates, { periods: setup.periods, hospitals: setup.hospitals, ...tallies, keySets, registry: registryFor(setup.templates), places });
  [...plans.values()].forEach((p, i) => p.indexes.forEach((ix, j) => { const s = setup.indexes[i]?.[j]; if (s) ix.adopt(s); }));
  [...keySets.values()].forEach((ks, i) => ks.sets.forEach((set, j) => set.keys.forEach((keys, p) => { for (const k of setup.keySets[i]![j]![p]!) keys.add(k); })));
  const plan = plans.get(setup.table)!;
  const dates: DateRange[] = [];
  const digest = needsDigest(plan) ? new DigestWriter(plan) : null;
  const wanted = setup.templates.flatMap(periodFields);
  const observe = rangeTracker(plan.table, plan.columns, wanted, dates);
  const onRow = rowHandler(plan, observe, allPeriods(setup.periods.length), digest);
  const gate = rowGate(plan, setup.periods, wanted, dates);
  const recycle = (buffers: ArrayBuffer[]) => digest?.recycle(buffers);
  // Once a range's digest is text-heavy, this table's ranges are declined (see `textHeavy`).
  let rowsBetter = false;
  const probed = digest ? (values: Value[]) => { onRow(values); if (digest.size === PROBE_ROWS && digest.textHeavy()) throw new RowsBetter(); } : onRow;
  // What a range that failed or was given up left behind is not the next range's (a range that
  // ends posts all it counted, and leaves nothing).
  const clear = () => { const stale = take(plan, tallies, dates, places, digest); if (stale.digest) recycle(digestBuffers(stale.digest)); };
  return {
    evaluate: async (job, issues) => {
      if (rowsBetter) return null;
      try {
        const end = await readRange(job, probed, issues, undefined, gate);
        if (!digest?.textHeavy()) {
          const partial = take(plan, tallies, dates, places, digest);
          return { end, partial, transfer: partial.digest ? digestBuffers(partial.digest) : [] };
        }
      } catch (e) {
        if (!(e instanceof RowsBetter)) { clear(); throw e; }
      }
      rowsBetter = true;
      clear();
      return null;
    },
    recycle,
  };
}
