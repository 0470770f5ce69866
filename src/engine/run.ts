import { stat } from 'node:fs/promises';
import type { Hospitals } from '../area/hospitals.js';
import { PlaceBook, placeByUnit, type Place } from '../area/place.js';
import type { OnRead } from '../data/counted.js';
import { readCorrections, type Corrections } from '../data/corrections.js';
import type { Encoding } from '../data/decode.js';
import { RowIssues } from '../data/issues.js';
import { estimateRows, fileInput } from '../data/inputs.js';
import { readMerged, type FileRead, type MergeOptions, type TableRead } from '../data/merge.js';
import { MissingColumnsError, type RowGate, type TableInput } from '../data/read.js';
import { DataError } from '../errors.js';
import type { Value } from '../expr/kinds.js';
import { add, ZERO, type Rational } from '../num/rational.js';
import type { Period } from '../period/period.js';
import { PersonRegistry } from '../person/registry.js';
import { PersonSet } from '../person/set.js';
import type { CheckedTemplate } from '../template/checked.js';
import { allPeriods } from './by-period.js';
import { personCollectors, type PersonCollector } from './accumulate.js';
import { countPersons, countsPersons, personPlacer, registryFor, type PersonCounts } from './persons.js';
import { lackingColumns, periodFields, rangeTracker, type DateRange, type NotComputed } from './coverage.js';
import { rowGate } from './gate.js';
import { planTables, type NoAddress, type RootEval, type TablePlan, type Unplaced } from './plan.js';
import { collectKeys, type KeySetPlan } from './related.js';
import type { KeepRequest, Members } from './members.js';
import type { Row } from './row.js';
import { count, rowHandler } from './pass.js';
import { ReadPool, type RangeRunner } from '../parallel/pool.js';
import { rangeReader, type Evaluation } from '../parallel/read-ranges.js';
import { absorb, type Partial } from './partial.js';
import { evaluableOnThreads, rangeEvaluator, setupFor, type EvalSetup } from './threads.js';
import { nounList } from '../text/plural.js';

/** Per template, per measure, the total of each place. */
export type MeasureTotals = Map<string, Map<string, Map<Place, Rational>>>;

export interface InputSummary {
  readonly file: string;
  readonly table: string;
  readonly rows: number;
  readonly skipped: number;
}

export interface EngineResult {
  /** The totals of the first period (the only one of a single-period run). */
  readonly totals: MeasureTotals;
  /** Per period of `EngineOptions.periods`, in order. */
  readonly periodTotals: MeasureTotals[];
  readonly inputs: InputSummary[];
  readonly unplaced: Unplaced;
  /** Templates left out because a table they need is not in the data. */
  readonly missing: Array<{ templateId: string; tables: string[] }>;
  /** Per table read: its files, and what merging did (rows replaced by key, deleted by DATA_CORRECT). */
  readonly reads: Array<{ table: string } & TableRead>;
  /** DATA_CORRECT rows that could not be applied, as sentences. */
  readonly correctionProblems: string[];
  /** Per template, counted rows whose residence was not found. */
  readonly noAddress: NoAddress;
  /** Who each measure counted, for the templates `keep` named (empty without `keep`). */
  readonly members: Members;
  /** The persons behind the first period's person measures (who is in A and B, where; `kpi cases` runs one period), or `null` when no template counts persons. */
  readonly persons: PersonCounts | null;
  /** Indicators not computed because a file of their table lacks a column they use (absent from `totals`). */
  readonly notComputed: NotComputed[];
  /** The dates found in each field the templates filter on with `in period`. */
  readonly dateRanges: DateRange[];
}

export interface EngineOptions {
  readonly period: Period;
  /** Several periods counted in the same pass (`period` is then ignored). */
  readonly periods?: readonly Period[];
  readonly hospitals: Hospitals | null;
  /** A missing table is an error rather than a skipped indicator (the user named the indicators). */
  readonly requireAll: boolean;
  /** How input bytes are decoded (default `auto`: UTF-8, else TIS-620, per file). */
  readonly encoding?: Encoding;
  /** Called with every chunk read, for a progress line. */
  readonly onChunk?: OnRead;
  /** Keep who was counted, not only how many (`kpi cases`). */
  readonly keep?: KeepRequest;
  /** Zips found inside zips, not read: a missing table may be in one. */
  readonly nestedZips?: readonly string[];
  /** Reading threads (`--threads`): 2 or more read large plain files in byte ranges side by side (and count those of some tables there), this thread and N - 1 workers; 1 (the default) reads on this thread. */
  readonly threads?: number;
  /** About how many bytes one range holds (default 8 MB); tests make it tiny to cut files everywhere. */
  readonly rangeBytes?: number;
}

/** Bytes per range: a few hundred ms of reading, few enough to be held while earlier ranges are applied. */
const RANGE_BYTES = 8 << 20;

/**
 * Reads each needed table once, join targets first, and counts every measure. With threads,
 * rows reach the engine in file order, or a table is counted on the threads and its ranges'
 * counts are added in file order (`threads.ts`): every result is the one-thread result.
 */
export async function runEngine(templates: readonly CheckedTemplate[], given: Map<string, TableInput[]>, opts: EngineOptions, issues: RowIssues): Promise<EngineResult> {
  // This thread counts ranges too (`HereSlot`): N threads are N - 1 workers and this one.
  const here = (payload: unknown) => Promise.resolve(rangeEvaluator(payload as EvalSetup));
  const pool = (opts.threads ?? 1) > 1 ? new ReadPool(opts.threads!, opts.rangeBytes ?? RANGE_BYTES, new URL('./thread.js', import.meta.url), here) : null;
  try {
    return await countAll(templates, given, opts, issues, pool);
  } finally {
    await pool?.close();
  }
}

async function countAll(templates: readonly CheckedTemplate[], given: Map<string, TableInput[]>, opts: EngineOptions, issues: RowIssues, pool: RangeRunner | null): Promise<EngineResult> {
  const read = pool ? rangeReader(pool) : undefined;
  const data = await withTemplateFiles(templates, given);
  const missing = missingTables(templates, data);
  if (missing.length > 0 && opts.requireAll) {
    throw new DataError(missing.map((m) => `${m.templateId} needs ${nounList('table', m.tables)}, not found in --data${inNestedZips(opts.nestedZips)}`).join('\n'));
  }
  const usable = templates.filter((t) => !missing.some((m) => m.templateId === t.template.id));
  const unplaced: Unplaced = new Map();
  const noAddress: NoAddress = new Map();
  const keySets = new Map<string, KeySetPlan>();
  const periods = opts.periods ?? [opts.period];
  const registry = registryFor(usable);
  const places = new PlaceBook();
  const plans = planTables(usable, { periods, hospitals: opts.hospitals, unplaced, noAddress, keySets, registry, keep: opts.keep, places });
  const inputs: InputSummary[] = [];
  const reads: EngineResult['reads'] = [];
  let correctionProblems: string[] = [];
  const encoding = opts.encoding ?? 'auto';
  let corrections: Corrections = new Map();
  const correctionFiles = data.get('DATA_CORRECT');
  if (correctionFiles && !plans.has('DATA_CORRECT')) {
    const read = await readCorrections(correctionFiles, encoding, issues);
    corrections = read.corrections;
    inputs.push(...read.files.map((f) => summary(f, 'DATA_CORRECT')));
    correctionProblems = read.problems;
  }
  const merge: MergeOptions = { encoding, corrections, ...(opts.onChunk ? { onChunk: opts.onChunk } : {}), ...(read ? { read } : {}) };
  const notComputed: NotComputed[] = [];
  for (const ks of keySets.values()) {
    // A table read again below reports its bad rows there; counting them twice would mislead.
    const own = plans.has(ks.table) ? new RowIssues() : issues;
    const read = await readKeys(ks, data.get(ks.table) ?? [], own, merge);
    notComputed.push(...lackingColumns(read, ks.columns));
    if (!plans.has(ks.table)) inputs.push(...read.files.map((f) => summary(f, ks.table)));
  }
  const dateRanges: DateRange[] = [];
  const wanted = usable.flatMap(periodFields);
  const all = allPeriods(periods.length);
  const done = new Set<string>();
  for (const plan of readingOrder(plans)) {
    const files = data.get(plan.table) ?? [];
    await reserveRows(plan, files, registry, pool !== null);
    const observe = rangeTracker(plan.table, plan.columns, wanted, dateRanges);
    const evaluation: Evaluation | null = pool && evaluableOnThreads(plan, files, corrections, opts.keep !== undefined) ? {
      setup: () => setupFor(plan.table, usable, periods, opts.hospitals, plans, done, keySets),
      absorb: (partial) => absorb(plan, partial as Partial, { unplaced, noAddress }, dateRanges, places, all, registry),
    } : null;
    const read = await passOver(plan, files, issues, evaluation ? { ...merge, read: rangeReader(pool!, evaluation) } : merge, observe, all, rowGate(plan, periods, wanted, dateRanges));
    done.add(plan.table);
    notComputed.push(...lackingColumns(read, plan.columns));
    inputs.push(...read.files.map((f) => summary(f, plan.table)));
    reads.push({ table: plan.table, ...read });
    finishLatest(plan, periods.length);
  }
  const computed = usable.filter((t) => !notComputed.some((n) => n.templateId === t.template.id));
  const periodTotals: MeasureTotals[] = periods.map(() => new Map(computed.map((t) => [t.template.id, new Map()])));
  const collected = periods.map((): Collected => new Map());
  for (const plan of plans.values()) {
    for (const root of plan.roots) {
      for (const t of root.targets) {
        if (!periodTotals[0]!.has(t.templateId)) continue;
        const persons = personCollectors(t.acc.parts);
        if (persons) persons.forEach((c, p) => collected[p]!.set(t.templateId, (collected[p]!.get(t.templateId) ?? new Map()).set(t.measure, c)));
        else t.acc.totals().forEach((byPlace, p) => periodTotals[p]!.get(t.templateId)!.set(t.measure, byPlace));
      }
    }
  }
  const totals = periodTotals[0]!;
  const units = unitPlaces(opts.hospitals, unplaced);
  // Every period's persons are counted; the first period's are kept for who was counted.
  const persons = registry ? periodTotals.map((period, p) => personTotals(computed, collected[p]!, registry, period, units))[0]! : null;
  for (const period of periodTotals) for (const t of computed) addTotals(t, period.get(t.template.id)!);
  return { totals, periodTotals, inputs, unplaced, missing, reads, correctionProblems, noAddress, notComputed: mergeReasons(notComputed), dateRanges, persons, members: membersOf(plans) };
}

/** One entry per indicator (a column may lack in a joined table and in its own). */
function mergeReasons(list: readonly NotComputed[]): NotComputed[] {
  const byId = new Map<string, NotComputed>();
  for (const n of list) {
    const before = byId.get(n.templateId);
    if (before?.reason.split('; ').includes(n.reason)) continue;
    byId.set(n.templateId, before ? { templateId: n.templateId, reason: `${before.reason}; ${n.reason}`, lacking: [...before.lacking, ...n.lacking] } : n);
  }
  return [...byId.values()];
}

/** Per period, per template, per measure: the persons a person measure collected. */
type Collected = Map<string, Map<string, PersonCollector>>;

/** Places units by the hospitals file, once per unit. */
function unitPlaces(hospitals: Hospitals | null, unplaced: Unplaced): { place: (hospcode: string) => Place; counted: (at: Place, templateId: string, measure: string, person: number) => void } {
  const cache = new Map<string, Place>();
  // Per template and measure, the persons already reported: a person counted in several periods is one counted row, as a row is.
  const reported = new Map<string, PersonSet>();
  return {
    place: (h) => { let p = cache.get(h); if (!p) { p = placeByUnit(h, hospitals); cache.set(h, p); } return p; },
    // A person placed at a unit missing from the hospitals file is reported like a counted row there.
    counted: (at, templateId, measure, person) => {
      if (at.unit === null || at.district !== null) return;
      const id = `${templateId}\u001f${measure}`;
      const seen = reported.get(id) ?? new PersonSet();
      reported.set(id, seen);
      if (seen.has(person)) return;
      seen.add(person);
      unplaced.set(at.unit, (unplaced.get(at.unit) ?? 0) + 1);
    },
  };
}

/** One period's person measures counted per place, once every table is read and every home unit known. */
function personTotals(usable: readonly CheckedTemplate[], collected: Collected, registry: PersonRegistry, totals: MeasureTotals, units: ReturnType<typeof unitPlaces>): PersonCounts {
  const sets = new Map<string, Map<string, PersonSet>>();
  const placers = new Map<string, (p: number) => Place>();
  for (const t of usable.filter(countsPersons)) {
    const mine = collected.get(t.template.id) ?? new Map<string, PersonCollector>();
    const placeOf = personPlacer(registry, [...mine.values()], units.place);
    placers.set(t.template.id, placeOf);
    const counted = countPersons(t, mine, registry, (p, measure) => { const at = placeOf(p); units.counted(at, t.template.id, measure, p); return at; });
    for (const [name, byPlace] of counted.totals) totals.get(t.template.id)!.set(name, byPlace);
    sets.set(t.template.id, counted.sets);
  }
  return { registry, sets, placeOf: (id, p) => placers.get(id)!(p) };
}

function membersOf(plans: Map<string, TablePlan>): Members {
  const out: Members = new Map();
  for (const plan of plans.values()) {
    for (const root of plan.roots) {
      for (const t of root.targets) {
        if (!t.members) continue;
        const byMeasure = out.get(t.templateId) ?? new Map();
        byMeasure.set(t.measure, { counted: t.members.members, short: t.members.short });
        out.set(t.templateId, byMeasure);
      }
    }
  }
  return out;
}

/** Names the zips inside zips, which are not read, after a "not found in --data". */
export function inNestedZips(zips: readonly string[] | undefined): string {
  return zips && zips.length > 0 ? ` (zips inside zips are not read: ${zips.join(', ')})` : '';
}

/** `sum_of` measures: per place, the sum of their parts. */
function addTotals(t: CheckedTemplate, byMeasure: Map<string, Map<Place, Rational>>): void {
  for (const [name, parts] of t.totals) {
    const sum = new Map<Place, Rational>();
    for (const part of parts) for (const [place, v] of byMeasure.get(part) ?? []) sum.set(place, add(sum.get(place) ?? ZERO, v));
    byMeasure.set(name, sum);
  }
}

/** A measure's own `file` stands for its table, whatever `--data` holds. */
export async function withTemplateFiles(templates: readonly CheckedTemplate[], given: Map<string, TableInput[]>): Promise<Map<string, TableInput[]>> {
  const data = new Map(given);
  for (const t of templates) {
    for (const m of t.measures.values()) {
      if (m.file === null || m.name !== m.rootName) continue;
      const st = await stat(m.file).catch(() => null);
      if (!st?.isFile()) throw new DataError(`no such file (named by ${t.template.id}, measure ${m.name})`, m.file);
      data.set(m.query.from.toUpperCase(), [fileInput(m.query.from.toUpperCase(), m.file)]);
    }
  }
  return data;
}

function summary(f: FileRead, table: string): InputSummary {
  return { file: f.input.display, table, rows: f.stats.rows, skipped: f.stats.skipped };
}

/** Every table a template reads: its measures' own, joined, tested and residence tables. */
export function tablesOf(t: CheckedTemplate): string[] {
  const set = new Set<string>();
  for (const m of t.measures.values()) {
    set.add(m.query.from.toUpperCase());
    for (const j of Object.keys(m.query.join ?? {})) set.add(j.toUpperCase());
    if (m.query.area === 'residence') { set.add('PERSON'); set.add('HOME'); }
    for (const r of m.related) set.add(r.table);
    if (m.person !== null) set.add('PERSON');
  }
  return [...set];
}

export function missingTables(templates: readonly CheckedTemplate[], data: Map<string, TableInput[]>): Array<{ templateId: string; tables: string[] }> {
  return templates
    .map((t) => ({ templateId: t.template.id, tables: tablesOf(t).filter((tb) => !data.has(tb)) }))
    .filter((m) => m.tables.length > 0);
}

/** Join targets before the tables that look rows up in them. */
function readingOrder(plans: Map<string, TablePlan>): TablePlan[] {
  const order: TablePlan[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (p: TablePlan) => {
    const s = state.get(p.table);
    if (s === 'done') return;
    if (s === 'visiting') throw new DataError(`tables join each other in a circle through ${p.table}`);
    state.set(p.table, 'visiting');
    for (const j of p.joins) {
      const target = [...plans.values()].find((q) => q.indexes.includes(j.index));
      if (target) visit(target);
    }
    state.set(p.table, 'done');
    order.push(p);
  };
  // PERSON first when persons are counted: every later row finds its person and home unit known.
  for (const p of plans.values()) if (p.persons) visit(p);
  for (const p of plans.values()) visit(p);
  return order;
}

/**
 * Join indexes on a table, and the person registry on PERSON, sized once from the estimated rows
 * of the table's largest file rather than doubled a dozen times; with counting threads, the
 * indexes on shared memory from the start (no copy when they are shared).
 */
async function reserveRows(plan: TablePlan, files: readonly TableInput[], registry: PersonRegistry | null, threads: boolean): Promise<void> {
  if (plan.indexes.length === 0 && !plan.persons) return;
  const rows = await estimateRows(files);
  for (const index of plan.indexes) index.reserve(rows, threads);
  if (plan.persons) registry?.reserve(rows);
}

/** Reads a table for the keys `exists` / `not_exists` test against, merged and decoded like any other. */
async function readKeys(plan: KeySetPlan, files: readonly TableInput[], issues: RowIssues, merge: MergeOptions): Promise<TableRead> {
  try {
    return await readMerged(files, plan.columns.requests, (values) => collectKeys(plan, values), issues, merge);
  } catch (e) {
    throw missingColumns(e, plan.table, plan.columns);
  }
}

/** A missing column named with the templates that need it; other errors unchanged. */
function missingColumns(e: unknown, table: string, columns: TablePlan['columns']): unknown {
  if (!(e instanceof MissingColumnsError)) return e;
  const who = [...new Set(e.columns.flatMap((c) => [...(columns.neededBy.get(c.toUpperCase()) ?? ['merging exports by primary key'])]))];
  return new DataError(`${table} has no column ${e.columns.join(', ')} (needed by ${who.join(', ')})`, e.input.display, 1);
}

async function passOver(plan: TablePlan, files: readonly TableInput[], issues: RowIssues, merge: MergeOptions, observe: ((values: Value[]) => void) | null, all: number, gate: RowGate | null): Promise<TableRead> {
  const onRow = rowHandler(plan, observe, all);
  try {
    const read = await readMerged(files, requestsFor(plan, files, merge), onRow, issues, merge, gate);
    for (const f of read.files) {
      const absent = f.stats.absent?.filter((c) => !plan.columns.unwarned.has(c.toUpperCase()));
      if (f.stats.absent) f.stats.absent = absent && absent.length > 0 ? absent : undefined;
    }
    return read;
  } catch (e) {
    throw missingColumns(e, plan.table, plan.columns);
  }
}

/**
 * The person model reads D_UPDATE as a number (it only orders rows), but where exports are merged
 * by key the merge reads it as a datetime, and a bad one costs the row: that stays so, so that
 * templates not counting persons see exactly the rows they saw before.
 */
function requestsFor(plan: TablePlan, files: readonly TableInput[], merge: MergeOptions): TablePlan['columns']['requests'] {
  const merging = files.length >= 2 || merge.corrections.has(plan.table);
  if (!merging) return plan.columns.requests;
  return plan.columns.requests.map((r) => (r.name === 'D_UPDATE' && r.type !== 'DT' ? { ...r, type: 'DT' as const, summed: false } : r));
}

/** For `kpi cases`: the rows of a key `latest` kept too few of ("one reading only"), with the root's own counter. */
function keepShort(root: RootEval, rows: ReadonlyArray<{ row: Row }>): void {
  const own = root.counters.find((c) => c.plain && !c.every)?.members;
  if (!own) return;
  const last = rows[rows.length - 1]!.row;
  for (const { row } of rows) own.addShort(root.place(last, 0), root.key ? root.key(last) : null, row);
}

function finishLatest(plan: TablePlan, periods: number): void {
  for (const root of plan.roots) {
    if (!root.latest) continue;
    const everyCounters = root.counters.filter((c) => c.every);
    const need = root.latest.requireAll ? root.latest.keep : 1;
    for (const rows of root.latest.kept.values()) {
      // `require_all`: a period where the key has fewer than `keep` rows counts none of them.
      let full = 0;
      for (let p = 0; p < periods; p++) if (rows.filter((k) => (k.mask & (1 << p)) !== 0).length >= need) full |= 1 << p;
      if ((full & 1) === 0 && rows.some((k) => (k.mask & 1) !== 0)) keepShort(root, rows.filter((k) => (k.mask & 1) !== 0));
      for (const { row, mask } of rows) if ((mask & full) !== 0) count(root, row, mask & full, false);
      for (let p = 0; p < periods && everyCounters.length > 0; p++) {
        const bit = 1 << p;
        if ((full & bit) === 0) continue;
        const inP = rows.filter((k) => (k.mask & bit) !== 0);
        const last = inP[inP.length - 1]!.row;
        // A unit missing from the hospitals file is counted in the warning once, not once per period.
        const uses = p === periods - 1 ? 1 : 0;
        for (const c of everyCounters) {
          if (!inP.every(({ row }) => c.extra(row, bit) !== 0)) continue;
          const place = root.place(last, c.users * uses);
          const key = root.key ? root.key(last) : null;
          c.acc.add(bit, place, key, null);
          if (c.members && bit === 1) for (const { row } of inP) c.members.add(place, key, row);
        }
      }
    }
    root.latest.kept.clear();
  }
}
