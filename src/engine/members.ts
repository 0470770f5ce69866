import { codeAt, placeKey, type Level, type Place } from '../area/place.js';
import type { Expr } from '../expr/ast.js';
import type { Value } from '../expr/kinds.js';
import type { Key, Row } from './row.js';

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
  /** The measure's distinct columns (HOSPCODE, PID), as read. */
  readonly key: readonly Value[];
  readonly rows: Value[][];
}

/** Members of one measure, by place and key. */
export type MemberList = ReadonlyMap<string, Member>;

/** Per template, per measure (upper-cased): its members in the requested area. */
export type Members = Map<string, Map<string, MemberList>>;

/** The members of one counter, filled alongside its accumulator. */
export class MemberKeeper {
  readonly members = new Map<string, Member>();
  constructor(
    private readonly show: ReadonlyArray<(r: Row) => Value>,
    private readonly keyValues: ReadonlyArray<(r: Row) => Value>,
    private readonly area: KeepRequest['area'],
  ) {}

  add(place: Place, key: Key | null, row: Row): void {
    if (this.area.code !== 'TH' && codeAt(place, this.area.level) !== this.area.code) return;
    const id = `${placeKey(place)}\u001f${String(key ?? '')}`;
    let m = this.members.get(id);
    if (!m) {
      m = { place, key: this.keyValues.map((g) => g(row)), rows: [] };
      this.members.set(id, m);
    }
    m.rows.push(this.show.map((g) => g(row)));
  }
}
