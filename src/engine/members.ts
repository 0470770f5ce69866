import { codeAt, type Level, type Place } from '../area/place.js';
import type { Expr } from '../expr/ast.js';
import type { Value } from '../expr/kinds.js';
import { keyOf, type Key, type Row } from './row.js';

/**
 * Asks the engine to keep, besides the totals, who was counted: for the named
 * templates, every key each measure counted in one area, with the values of
 * some expressions on each row that counted it (`kpi cases`). Without a
 * request the engine keeps nothing more than the totals.
 */
export interface KeepRequest {
  /** Per template id, per root measure name (upper-cased), the expressions to evaluate on its rows. */
  readonly show: ReadonlyMap<string, ReadonlyMap<string, readonly Expr[]>>;
  /** Only places at this level with this code are kept (`TH`: all). */
  readonly area: { readonly level: Level; readonly code: string };
}

/** One counted key in one place, and what its rows showed, oldest counted first. */
export interface Member {
  readonly place: Place;
  /** The measure's distinct columns (HOSPCODE, PID), as read; for a person, the HOSPCODE and PID of the first row. */
  readonly key: readonly Value[];
  readonly rows: Value[][];
  /** Per row, its HOSPCODE (a person's rows come from any unit). */
  readonly units: string[];
}

/** Members of one measure, by place and key (for a person measure, by `p` + the person's number). */
export type MemberList = ReadonlyMap<string, Member>;

/**
 * Per template, per measure (upper-cased): its members in the requested area, and the keys
 * `latest` kept too few rows of to count (`require_all`), with those rows ("one reading only").
 * A person measure's members are every person whose rows it kept, wherever they live: which
 * of them it counts, and where, is known only once every table is read (`EngineResult.persons`).
 */
export type Members = Map<string, Map<string, { readonly counted: MemberList; readonly short: MemberList }>>;

/** How a keeper reads a row: the values to show, the key columns, the row's unit. */
export interface RowReaders {
  readonly show: ReadonlyArray<(r: Row) => Value>;
  readonly key: ReadonlyArray<(r: Row) => Value>;
  readonly unit: (r: Row) => Value;
}

/** The members of one counter, filled alongside its accumulator. */
export class MemberKeeper {
  readonly members = new Map<string, Member>();
  readonly short = new Map<string, Member>();
  constructor(
    private readonly read: RowReaders,
    private readonly area: KeepRequest['area'],
    /** A person measure: members by person, in every place (placed later, at home). */
    private readonly persons: boolean,
  ) {}

  add(place: Place, key: Key | null, row: Row): void {
    this.keep(this.members, place, key, row);
  }

  /** A row `latest` kept for a key with too few rows to count. */
  addShort(place: Place, key: Key | null, row: Row): void {
    this.keep(this.short, place, key, row);
  }

  private keep(into: Map<string, Member>, place: Place, key: Key | null, row: Row): void {
    if (!this.persons && this.area.code !== 'TH' && codeAt(place, this.area.level) !== this.area.code) return;
    const id = this.persons ? `p${String(key)}` : keyOf([place.unit, place.district, place.province, place.region, memberKey(key)]);
    let m = into.get(id);
    if (!m) {
      m = { place, key: this.read.key.map((g) => g(row)), rows: [], units: [] };
      into.set(id, m);
    }
    m.rows.push(this.read.show.map((g) => g(row)));
    m.units.push(String(this.read.unit(row) ?? ''));
  }
}

/** A member's key as text: a number key (digits coded) and a text key that reads the same are two keys. */
function memberKey(key: Key | null): string {
  return key === null ? '' : typeof key === 'number' ? `#${key}` : `'${key}`;
}
