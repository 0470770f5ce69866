import type { Hospitals } from '../area/hospitals.js';
import { placeByCode, placeByRegion, placeByUnit, type Place, type PlaceBook } from '../area/place.js';
import type { Expr } from '../expr/ast.js';
import { compareValues, compileExpr, type CompileEnv } from '../expr/compile.js';
import type { Value } from '../expr/kinds.js';
import type { Period } from '../period/period.js';
import type { CheckedMeasure, CheckedTemplate } from '../template/checked.js';
import { columnList, fieldKind, parseCount, splitName } from '../template/fields.js';
import { tableDef } from '../data/tables.js';
import { homeStatusOf, stampOf, type PersonRegistry } from '../person/registry.js';
import { cidNumber } from '../person/cid.js';
import { DistinctCounter, PersonCollector, RowCounter, Summer, type Accumulator } from './accumulate.js';
import { compileCond, maskTest, periodAccumulator, type MaskTest, type PeriodAccumulator, type PeriodCond } from './by-period.js';
import { TableColumns } from './columns.js';
import { periodEnv } from './period-words.js';
import { keySetFor, type KeySetPlan } from './related.js';
import { JoinIndex } from './join-index.js';
import { MemberKeeper, type KeepRequest } from './members.js';
import { key1, key2, keyN, keyOf, slotKey, type Key, type Row } from './row.js';

type Get = (r: Row) => Value;

export { JoinIndex };

/** How rows of one table look up a joined table's row. */
export interface JoinLookup {
  readonly ownSlots: number[];
  readonly index: JoinIndex;
  /** The key of a row of this table in the joined table's index. */
  readonly key: (values: Value[]) => Key;
}

export interface MeasureTarget {
  readonly templateId: string;
  readonly measure: string;
  readonly acc: PeriodAccumulator;
  readonly members: MemberKeeper | null;
}

/** One accumulator and the `of` filters before it; measures that are the same in several templates share one. */
export interface Counter {
  readonly acc: PeriodAccumulator;
  /** The `of` filters: the periods of a row's mask for which they hold. */
  readonly extra: MaskTest;
  /** No `of` filters: the root's own count. */
  readonly plain: boolean;
  readonly every: boolean;
  /** How many templates' measures this counter stands for. */
  users: number;
  /** Who was counted, only when asked (`kpi cases`). */
  readonly members: MemberKeeper | null;
}

/** One query measure (with the `of` measures built on it) as closures over rows. */
export interface RootEval {
  /** The `where` and `exists` tests: the periods of the run a row counts in (0: none). */
  readonly where: MaskTest;
  /** The slot of an own field that a top-level `X in period` of `where` asks of every row counted, or -1 (`gate.ts`). */
  readonly periodField: number;
  readonly latest: {
    readonly per: (r: Row) => Key;
    readonly by: Get;
    readonly keep: number;
    /** A key with fewer than `keep` rows (in a period) is not counted (there). */
    readonly requireAll: boolean;
    /** `earliest`: the row with the least `by` (the first read on a tie) instead of the greatest. */
    readonly first: boolean;
    readonly kept: Map<Key, KeptRow[]>;
  } | null;
  /** The place of a row, counting it `uses` times for a unit missing from the hospitals file. */
  readonly place: (r: Row, uses: number) => Place;
  /** How many template roots share this one (the unplaced-unit warning counts per template, as before sharing). */
  uses: number;
  readonly key: ((r: Row) => Key) | null;
  readonly value: ((r: Row) => string | null) | null;
  /** A person measure's root: how the person of a row is found (`key` gives the person's number). */
  readonly person: PersonOfRow | null;
  readonly counters: Counter[];
  readonly targets: MeasureTarget[];
}

/**
 * The person of a row, from its facts (`PersonRegistry.personByFacts`): a counting thread works
 * them out, the main thread numbers the person. On PERSON (`own`), a row's person is the one
 * the registry was just fed. `tracks`: the measure places persons registered nowhere by their
 * latest row, so it keeps each row's unit and D_UPDATE.
 */
export interface PersonOfRow {
  readonly own: boolean;
  readonly tracks: boolean;
  readonly cid: (r: Row) => number | null;
  readonly key: (r: Row) => Key;
}

/** PERSON rows to the person registry: each row's facts for `PersonRegistry.addPerson`, its key that of `index`. */
export interface PersonFeed {
  readonly registry: PersonRegistry;
  /** The join index numbering PERSON rows by HOSPCODE + PID. */
  readonly index: JoinIndex;
  readonly cid: (v: Value[]) => number | null;
  readonly unit: (v: Value[]) => string;
  readonly stamp: (v: Value[]) => number;
  readonly home: (v: Value[]) => number;
  /** Feeds one row (after `index` put it), remembering its person for the person measures over PERSON. */
  add(values: Value[]): void;
}

export interface TablePlan {
  readonly table: string;
  readonly columns: TableColumns;
  readonly joins: JoinLookup[];
  readonly indexes: JoinIndex[];
  readonly roots: RootEval[];
  readonly templates: Set<string>;
  /** PERSON only, with the person model in use: feeds each row to the person registry before any measure sees it. */
  persons: PersonFeed | null;
  /**
   * Roots by their query's text, and their counters by their `of` filters' text: templates
   * that repeat a query (the same B with another A, or 20 variants of one indicator) filter,
   * keep `latest` and count it once per row, not once per template.
   */
  readonly shared: Map<string, { root: RootEval; counters: Map<string, Counter> }>;
}

/** Units not in the hospitals file, with how many counted rows named them. */
export type Unplaced = Map<string, number>;

/** Per template, counted rows placed by residence whose person or house was not found. */
export type NoAddress = Map<string, number>;

/** A row kept by `latest`, for the periods (bits) in which it is among the latest. */
export interface KeptRow {
  readonly by: Value;
  readonly row: Row;
  mask: number;
}

export interface PlanContext {
  /** The periods of the run, in order; bit p of a mask stands for `periods[p]`. */
  readonly periods: readonly Period[];
  readonly hospitals: Hospitals | null;
  readonly unplaced: Unplaced;
  readonly noAddress: NoAddress;
  /** Filled by planning: the tables to pre-read for `exists` / `not_exists` keys. */
  readonly keySets: Map<string, KeySetPlan>;
  readonly keep?: KeepRequest | undefined;
  /** Who is who across units; `null` when no template counts persons. */
  readonly registry: PersonRegistry | null;
  /** One place object per way of placing and raw value for the whole run (see `PlaceBook`). */
  readonly places: PlaceBook;
}

/** Builds one plan per table: the columns to read, the joins, and every measure's closures. */
export function planTables(templates: readonly CheckedTemplate[], ctx: PlanContext): Map<string, TablePlan> {
  const plans = new Map<string, TablePlan>();
  const memo: PersonMemo = { values: null, person: -1 };
  const planOf = (table: string): TablePlan => {
    let p = plans.get(table);
    if (!p) {
      p = { table, columns: new TableColumns(table), joins: [], indexes: [], roots: [], templates: new Set(), persons: null, shared: new Map() };
      plans.set(table, p);
    }
    return p;
  };
  for (const t of templates) {
    const byRoot = new Map<string, CheckedMeasure[]>();
    for (const m of t.measures.values()) byRoot.set(m.rootName, [...(byRoot.get(m.rootName) ?? []), m]);
    for (const [rootName, group] of byRoot) {
      const root = t.measures.get(rootName)!;
      planRoot(t.template.id, root, group, planOf, ctx, memo);
    }
  }
  if (ctx.registry) feedRegistry(planOf('PERSON'), templates, ctx.registry, memo);
  return plans;
}

const PERSON_COLUMNS = ['HOSPCODE', 'PID', 'CID', 'TYPEAREA', 'DISCHARGE', 'D_UPDATE'];

const text = (v: Value | undefined): string => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));
const textOrNull = (v: Value | undefined): string | null => (v === null || v === undefined ? null : text(v));
/** D_UPDATE read as a number (digits only), or as text where a template or a merge reads it so. */
const stampValue = (v: Value | undefined): number | string | null => (typeof v === 'number' || typeof v === 'string' ? v : null);

/** A CID is read as text: 13 digits, a leading zero kept; a number is no CID (`cidNumber` says which text is one). */
const cidValue = (v: Value | undefined): string | null => (typeof v === 'string' ? v : null);

/** Every PERSON row goes to the registry: its person, and whether it is the home row. */
function feedRegistry(person: TablePlan, templates: readonly CheckedTemplate[], registry: PersonRegistry, memo: PersonMemo): void {
  const users = templates.filter((t) => [...t.measures.values()].some((m) => m.person !== null)).map((t) => t.template.id);
  for (const id of users) person.templates.add(id);
  const [h, p, c, ta, dc, du] = PERSON_COLUMNS.map((f) => users.map((id) => (f === 'D_UPDATE' ? person.columns.quietSlot(f, id, 'N') : f === 'CID' ? person.columns.quietSlot(f, id, 'C') : person.columns.slot(f, id)))[0]!);
  // PERSON rows are numbered by the join index on HOSPCODE + PID (shared with joins to PERSON), not a second table.
  const index = personIndex(person, h!, p!);
  registry.useRows(index);
  const feed: Omit<PersonFeed, 'add'> = {
    registry, index,
    cid: (v) => cidNumber(cidValue(v[c!])),
    unit: (v) => text(v[h!]),
    stamp: (v) => stampOf(stampValue(v[du!])),
    home: (v) => homeStatusOf(textOrNull(v[ta!]), textOrNull(v[dc!])),
  };
  person.persons = {
    ...feed,
    add: (v) => {
      memo.values = v;
      memo.person = registry.addPerson(index.lastRow, feed.cid(v), index.keyOf(v), feed.unit(v), feed.stamp(v), feed.home(v));
    },
  };
}

/** The PERSON row just fed to the registry and its person: a person measure over PERSON asks for that same row next. */
interface PersonMemo {
  values: Value[] | null;
  person: number;
}

function personIndex(person: TablePlan, h: number, p: number): JoinIndex {
  const keys = ['HOSPCODE', 'PID'];
  let index = person.indexes.find((ix) => keyOf(ix.keys as string[]) === keyOf(keys));
  if (!index) { index = new JoinIndex(keys, [h, p]); person.indexes.push(index); }
  return index;
}

/** The person of a row of `own`: its own CID when the table has one, else through HOSPCODE + PID. */
function personOfRow(own: TablePlan, templateId: string, tracks: boolean): PersonOfRow {
  const h = own.columns.slot('HOSPCODE', templateId);
  const p = own.columns.slot('PID', templateId);
  // A file without CID links nobody by it: its rows stand for HOSPCODE + PID, no reason to stop the indicator.
  const c = !tableDef(own.table)?.fields?.has('CID') ? -1 : own.columns.quietSlot('CID', templateId, 'C');
  return { own: own.table === 'PERSON', tracks, cid: (r) => (c < 0 ? null : cidNumber(cidValue(r.values[c]))), key: (r) => key2(r.values[h] ?? null, r.values[p] ?? null) };
}

function personKey(of: PersonOfRow, registry: PersonRegistry, memo: PersonMemo): (r: Row) => Key {
  const byFacts = (r: Row) => registry.personByFacts(of.cid(r), of.key(r));
  return of.own ? (r) => (r.values === memo.values ? memo.person : byFacts(r)) : byFacts;
}

const NOWHERE: Place = { unit: null, district: null, province: null, region: null };

function planRoot(templateId: string, root: CheckedMeasure, group: CheckedMeasure[], planOf: (t: string) => TablePlan, ctx: PlanContext, memo: PersonMemo): void {
  const q = root.query;
  const own = planOf(q.from.toUpperCase());
  own.templates.add(templateId);
  const joinSlot = new Map<string, number>();
  for (const [table, keys] of Object.entries(q.join ?? {})) {
    joinSlot.set(table.toUpperCase(), ensureJoin(own, planOf(table.toUpperCase()), keys.map((k) => k.toUpperCase()), templateId));
  }
  const field = (name: string, summed = false): Get => {
    const ref = splitName(q, name);
    if (ref.table === own.table) {
      const s = own.columns.slot(ref.field, templateId, summed);
      return (r) => r.values[s] ?? null;
    }
    const j = joinSlot.get(ref.table)!;
    const col = own.joins[j]!.index.column(planOf(ref.table).columns.slot(ref.field, templateId));
    return (r) => { const i = r.joined[j]!; return i < 0 ? null : col.get(i); };
  };
  const envFor = (period: Period): CompileEnv<Row> => periodEnv(period, (name) => ({ get: field(name), kind: fieldKind(splitName(q, name)) }));
  const compile = (e: Parameters<typeof compileCond>[0]) => compileCond(e, ctx.periods, envFor);
  const count = q.count === undefined ? null : parseCount(q.count);
  const related = root.related.map((rel): PeriodCond => {
    const sets = keySetFor(rel, templateId, ctx.periods, ctx.keySets);
    const own = rel.on.map((k) => field(k));
    const test = (keys: Set<string>): Get => (r) => keys.has(keyOf(own.map((g) => g(r)))) !== rel.negated;
    return sets.length === 1 ? { kind: 'fixed', get: test(sets[0]!) } : { kind: 'each', groups: sets.map((keys, p) => ({ get: test(keys), bits: 1 << p })) };
  });
  if (q.unit_types) related.push(unitTypeTest(field('HOSPCODE'), q.unit_types, ctx.hospitals));
  const keyGetters = count?.kind === 'distinct' ? count.columns.map((c) => field(c)) : null;
  const sumGetter = q.sum === undefined ? null : field(q.sum, true);
  // Persons registered nowhere are placed by their latest row, so `all` keeps each row's place and D_UPDATE.
  const tracks = q.person === 'all';
  const personOf = q.person === undefined ? null : personOfRow(own, templateId, tracks);
  const person = personOf ? personKey(personOf, ctx.registry!, memo) : null;
  const newAcc = (): Accumulator => (person ? new PersonCollector(tracks) : sumGetter ? new Summer() : keyGetters ? new DistinctCounter() : new RowCounter());
  // Compiled even when shared: compiling is what records which template needs which column.
  const where = maskTest([...root.where.map(compile), ...related]);
  const extras = group.map((m) => maskTest(m.extra.map(compile)));
  const show = ctx.keep?.show.get(templateId)?.get(root.name);
  // Only a 43-file table with HOSPCODE and PID names persons; a summary or baseline table has none to read.
  const has = (f: string) => tableDef(own.table)?.fields?.has(f) === true;
  const personal = has('HOSPCODE') && has('PID');
  const keeper = show
    ? () => new MemberKeeper({ show: show.map((e) => compileExpr<Row>(e, envFor(ctx.periods[0]!))), key: keyGetters ?? (personal ? [field('HOSPCODE'), field('PID')] : []), unit: personal ? field('HOSPCODE') : () => null }, ctx.keep!.area, person !== null)
    : () => null;
  // Residence places count rows without an address per template, and kept members are the template's own: those roots are not shared.
  const unshared = q.area === 'residence' || show ? templateId : null;
  const signature = JSON.stringify([q.from.toUpperCase(), q.join ?? null, q.where ?? [], root.related, q.latest ?? null, q.earliest ?? null, q.count ?? null, q.sum ?? null, q.person ?? null, q.area ?? null, q.unit_types ?? null, unshared]);
  let shared = own.shared.get(signature);
  if (!shared) {
    shared = {
      root: {
        where,
        periodField: periodFieldSlot(root.where, q, own),
        latest: q.latest ? latestOf(q.latest, field, person, false) : q.earliest ? latestOf(q.earliest, field, person, true) : null,
        place: person ? (tracks ? unitPlacer(field('HOSPCODE'), ctx) : () => NOWHERE)
          : q.area === 'residence' ? residencePlacer(templateId, own, planOf, ctx) : placer(q.area ?? 'unit', field, ctx),
        uses: 0,
        key: person ?? (keyGetters ? getterKey(keyGetters) : null),
        person: personOf,
        value: tracks && tableDef(own.table)?.fields?.has('D_UPDATE') ? stampGetter(textField(own, 'D_UPDATE', templateId))
          : sumGetter ? (r) => { const v = sumGetter(r); return v === null ? null : String(v); } : null,
        counters: [],
        targets: [],
      },
      counters: new Map(),
    };
    own.shared.set(signature, shared);
    own.roots.push(shared.root);
  }
  shared.root.uses++;
  group.forEach((m, i) => {
    const extraSignature = JSON.stringify([m.extra, m.every]);
    let counter = shared.counters.get(extraSignature);
    if (!counter) {
      counter = { acc: periodAccumulator(newAcc, ctx.periods.length, keyGetters !== null && sumGetter === null), extra: extras[i]!, plain: m.extra.length === 0, every: m.every, users: 0, members: keeper() };
      shared.counters.set(extraSignature, counter);
      shared.root.counters.push(counter);
    }
    counter.users++;
    shared.root.targets.push({ templateId, measure: m.name, acc: counter.acc, members: counter.members });
  });
}

/** The first own field `X` of a condition `X in period` that `where` (its conditions and their `and`s) asks of every row, or -1. */
function periodFieldSlot(where: readonly Expr[], q: CheckedMeasure['query'], own: TablePlan): number {
  const conjuncts = (e: Expr): Expr[] => (e.kind === 'and' ? [...conjuncts(e.left), ...conjuncts(e.right)] : [e]);
  for (const e of where.flatMap(conjuncts)) {
    if (e.kind !== 'inPeriod' || e.negated || e.operand.kind !== 'name') continue;
    const ref = splitName(q, e.operand.name);
    // Compiling `where` has requested the field already: a lookup, not a request.
    if (ref.table === own.table) return own.columns.find(ref.field) ?? -1;
  }
  return -1;
}

/** `unit_types`: the row's own unit (HOSPCODE) must have one of these types in the hospitals file. */
function unitTypeTest(hospcode: Get, types: readonly string[], hospitals: Hospitals | null): PeriodCond {
  const wanted = new Set(types);
  return { kind: 'fixed', get: (r) => { const u = hospitals?.get(String(hospcode(r) ?? '')); return u?.type !== undefined && wanted.has(u.type); } };
}

function getterKey(gets: Get[]): (r: Row) => Key {
  const [g0, g1] = gets;
  if (gets.length === 1) return (r) => key1(g0!(r));
  if (gets.length === 2) return (r) => key2(g0!(r), g1!(r));
  return (r) => keyN(gets.map((g) => g(r)));
}

/** Makes `own` rows look up `target` rows by `keys` (a join index shared by every measure joining the same way); the join's number in `own.joins`. */
function ensureJoin(own: TablePlan, target: TablePlan, keyNames: string[], templateId: string): number {
  target.templates.add(templateId);
  let index = target.indexes.find((ix) => keyOf(ix.keys as string[]) === keyOf(keyNames));
  if (!index) {
    index = new JoinIndex(keyNames, keyNames.map((k) => target.columns.slot(k, templateId)));
    target.indexes.push(index);
  }
  const ownSlots = keyNames.map((k) => own.columns.slot(k, templateId));
  const j = own.joins.findIndex((jl) => jl.index === index && keyOf(jl.ownSlots) === keyOf(ownSlots));
  return j === -1 ? own.joins.push({ ownSlots, index, key: slotKey(ownSlots) }) - 1 : j;
}

const HOME_CODE = ['CHANGWAT', 'AMPUR', 'TAMBON', 'VILLAGE'];

/**
 * `area: "residence"`: the person's house, PERSON.HID → HOME, gives the 8-digit
 * village code (CHANGWAT+AMPUR+TAMBON+VILLAGE), placed like `{ code }`. HOME is
 * read before PERSON and PERSON before the measure's table (join order), so
 * both lookups are complete when rows are counted.
 */
function residencePlacer(templateId: string, own: TablePlan, planOf: (t: string) => TablePlan, ctx: PlanContext): RootEval['place'] {
  const person = planOf('PERSON');
  const home = planOf('HOME');
  const toHome = ensureJoin(person, home, ['HOSPCODE', 'HID'], templateId);
  const homeIndex = person.joins[toHome]!.index;
  const codeColumns = HOME_CODE.map((c) => homeIndex.column(home.columns.slot(c, templateId)));
  const hospcode = own.columns.slot('HOSPCODE', templateId);
  let hid: (r: Row) => Value;
  if (own === person) {
    const s = person.columns.slot('HID', templateId);
    hid = (r) => r.values[s] ?? null;
  } else {
    const j = ensureJoin(own, person, ['HOSPCODE', 'PID'], templateId);
    const col = own.joins[j]!.index.column(person.columns.slot('HID', templateId));
    hid = (r) => { const i = r.joined[j]!; return i < 0 ? null : col.get(i); };
  }
  const cache = new Map<string, Place>();
  return (r) => {
    const house = homeIndex.find(key2(r.values[hospcode] ?? null, hid(r)));
    const code = house >= 0 ? codeColumns.map((c) => String(c.get(house) ?? '').trim().padStart(2, '0')).join('') : '';
    if (house < 0) ctx.noAddress.set(templateId, (ctx.noAddress.get(templateId) ?? 0) + 1);
    let p = cache.get(code);
    if (!p) { p = ctx.places.place('code', code, () => placeByCode(code)); cache.set(code, p); }
    return p;
  };
}

function latestOf(latest: { per: string; by: string; keep?: number | undefined; require_all?: boolean | undefined }, field: (n: string) => Get, person: ((r: Row) => Key) | null, first: boolean): RootEval['latest'] {
  return {
    per: person ?? getterKey(columnList(latest.per).map((c) => field(c))),
    by: field(latest.by),
    keep: latest.keep ?? 1,
    requireAll: latest.require_all === true,
    first,
    kept: new Map(),
  };
}

function textField(own: TablePlan, name: string, templateId: string): Get {
  const s = own.columns.typedSlot(name, templateId, 'N');
  return (r) => r.values[s] ?? null;
}

function stampGetter(get: Get): (r: Row) => string | null {
  return (r) => { const v = get(r); return v === null ? null : String(v); };
}

/** A row's unit as a place, without the unknown-unit count (persons are counted, and warned about, once placed). */
function unitPlacer(get: Get, ctx: PlanContext): RootEval['place'] {
  const cache = new Map<string, Place>();
  return (r) => {
    const v = String(get(r) ?? '');
    let p = cache.get(v);
    if (!p) { p = ctx.places.place('unit', v, () => placeByUnit(v, ctx.hospitals)); cache.set(v, p); }
    return p;
  };
}

/** Whether a row's `by` value replaces the one kept: greater wins, and on a tie the later row. */
export function replacesKept(by: Value, kept: Value): boolean {
  if (by === null) return kept === null;
  if (kept === null) return true;
  return (compareValues(by, kept) ?? 0) >= 0;
}

function placer(area: NonNullable<CheckedMeasure['query']['area']>, field: (n: string) => Get, ctx: PlanContext): RootEval['place'] {
  const cache = new Map<string, Place>();
  const cached = (get: Get, kind: string, make: (v: string) => Place, onNew?: (v: string, p: Place) => void) => (r: Row, uses: number) => {
    const v = String(get(r) ?? '');
    let p = cache.get(v);
    if (!p) { p = ctx.places.place(kind, v, () => make(v)); cache.set(v, p); onNew?.(v, p); }
    if (p.district === null && onNew) ctx.unplaced.set(v, (ctx.unplaced.get(v) ?? 0) + uses);
    return p;
  };
  if (area === 'unit') return cached(field('HOSPCODE'), 'unit', (v) => placeByUnit(v, ctx.hospitals), () => undefined);
  if (area === 'residence') throw new Error('area "residence" is placed by residencePlacer');
  if ('code' in area) return cached(field(area.code), 'code', placeByCode);
  return cached(field(area.region), 'region', placeByRegion);
}
