import { KeyTable } from '../data/key-table.js';
import type { Key } from '../data/key.js';

/** Where PERSON rows are numbered by HOSPCODE + PID: the engine's join index on PERSON, shared rather than built twice. */
export interface PersonRows {
  find(key: Key): number;
}

/**
 * CID keys live above every number `key2` can give (13 digits × 256 < 2.6e15), so one key
 * table holds both kinds of person (a CID with leading zeros is a smaller number, still above).
 */
const CID_BASE = 3e15;

/**
 * Who is who across units (the person model of the README). A row belongs to the person of
 * its valid CID (its own, else PERSON.CID through HOSPCODE + PID), else to HOSPCODE + PID
 * alone. Persons are numbered 0, 1, 2, … in order of first sight; a CID is held only as a
 * number inside the key table, never as text, and nothing here prints one.
 *
 * The home unit: among a person's PERSON rows with TYPEAREA 1 or 3 and DISCHARGE 9 or 1, the
 * one with the latest D_UPDATE (a tie goes to the row read last). With `tracksLast`, the unit
 * of each person's PERSON row with the latest D_UPDATE is kept too, to place persons
 * registered nowhere.
 */
export class PersonRegistry {
  private readonly persons = new KeyTable(1024);
  private rows: PersonRows = { find: () => -1 };
  /** PERSON row number (in `rows`) → person + 1. */
  private rowPerson = new Int32Array(1024);
  /** Per person: home unit (index into `units` + 1; 0 none), its DISCHARGE (9 or 1) and D_UPDATE. */
  private homeUnit = new Int32Array(1024);
  private homeStatus = new Uint8Array(1024);
  private homeStamp = new Float64Array(1024);
  private lastUnit: Int32Array | null;
  private lastStamp: Float64Array | null;
  private readonly units: string[] = [];
  private readonly unitIndex = new Map<string, number>();
  private lastHospcode = '';
  private lastUnitIndex = -1;
  private unlinked = 0;

  constructor(tracksLast: boolean) {
    this.lastUnit = tracksLast ? new Int32Array(1024) : null;
    this.lastStamp = tracksLast ? new Float64Array(1024) : null;
  }

  /** PERSON rows are found by HOSPCODE + PID here (each PERSON row is put there before `addPerson` sees it). */
  useRows(rows: PersonRows): void {
    this.rows = rows;
  }

  /** Room for about `rows` PERSON rows (and as many persons at most), known ahead from the file sizes. */
  reserve(rows: number): void {
    this.persons.reserve(rows);
    if (rows > this.rowPerson.length) this.rowPerson = grow(this.rowPerson, rows - 1);
    if (rows > this.homeUnit.length) this.widen(rows - 1);
  }

  /** How many persons were met. */
  get size(): number {
    return this.persons.size;
  }

  /** Persons without a valid CID, each standing for one HOSPCODE + PID only. */
  get withoutCid(): number {
    return this.unlinked;
  }

  /**
   * One PERSON row, number `row` in `rows`: links HOSPCODE + PID to its person and weighs the
   * row as the home row. The row comes as its facts (worked out on a counting thread, or by
   * the plan on this one): the CID as a number (`cidNumber`), the HOSPCODE + PID key, the unit,
   * D_UPDATE as a number (`stampOf`) and what the row says of a home (`homeStatusOf`).
   */
  addPerson(row: number, cid: number | null, key: Key, hospcode: string, stamp: number, home: number): number {
    const person = cid === null ? this.personNumber(key, true) : this.personNumber(cid + CID_BASE, false);
    if (row >= 0) {
      if (row >= this.rowPerson.length) this.rowPerson = grow(this.rowPerson, row);
      this.rowPerson[row] = person + 1;
    }
    if (this.lastStamp && stamp >= this.lastStamp[person]!) { this.lastStamp[person] = stamp; this.lastUnit![person] = this.unitOf(hospcode) + 1; }
    if (home !== 0 && stamp >= this.homeStamp[person]!) {
      this.homeStamp[person] = stamp;
      this.homeUnit[person] = this.unitOf(hospcode) + 1;
      this.homeStatus[person] = home;
    }
    return person;
  }

  /** Reads ahead where `addPerson` with this CID and key will look (`KeyTable.touch`). */
  touch(cid: number | null, key: Key): void {
    this.persons.touch(cid === null ? key : cid + CID_BASE);
  }

  /**
   * The person of a row, from its CID as a number (`cidNumber`) and its HOSPCODE + PID key:
   * its own valid CID, else the one PERSON gave HOSPCODE + PID, else HOSPCODE + PID as a
   * person of its own.
   */
  personByFacts(cid: number | null, key: Key): number {
    if (cid !== null) return this.personNumber(cid + CID_BASE, false);
    const row = this.rows.find(key);
    const linked = row >= 0 && row < this.rowPerson.length ? this.rowPerson[row]! : 0;
    return linked > 0 ? linked - 1 : this.personNumber(key, true);
  }

  /** Registered with DISCHARGE 9 at the home unit: the registered population. */
  isLiving(person: number): boolean {
    return this.homeStatus[person] === 9;
  }

  /** Has a home unit, alive or discharged by death there. */
  isRegistered(person: number): boolean {
    return this.homeUnit[person] !== 0;
  }

  /** The home unit's HOSPCODE, or null for a person registered nowhere in the data. */
  homeOf(person: number): string | null {
    const u = this.homeUnit[person]!;
    return u === 0 ? null : this.units[u - 1]!;
  }

  /** The unit of the person's PERSON row with the latest D_UPDATE, and that D_UPDATE as a number (-2: no such row, or not tracked). */
  lastPersonRow(person: number): { unit: string | null; stamp: number } {
    const u = this.lastUnit?.[person] ?? 0;
    return { unit: u === 0 ? null : this.units[u - 1]!, stamp: u === 0 ? -2 : this.lastStamp![person]! };
  }

  private personNumber(key: Key, withoutCid: boolean): number {
    const before = this.persons.size;
    const p = this.persons.insert(key);
    if (p === before) this.grown(p, withoutCid);
    return p;
  }

  private grown(p: number, withoutCid: boolean): void {
    if (withoutCid) this.unlinked++;
    if (p >= this.homeUnit.length) this.widen(p);
    this.homeStamp[p] = -2;
    if (this.lastStamp) this.lastStamp[p] = -2;
  }

  /** Per-person arrays long enough for person `p`. */
  private widen(p: number): void {
    this.homeUnit = grow(this.homeUnit, p);
    this.homeStatus = grow(this.homeStatus, p);
    this.homeStamp = grow(this.homeStamp, p);
    if (this.lastUnit) { this.lastUnit = grow(this.lastUnit, p); this.lastStamp = grow(this.lastStamp!, p); }
  }

  private unitOf(hospcode: string): number {
    // Rows of one unit tend to come together: the last unit is checked before the map.
    if (hospcode === this.lastHospcode) return this.lastUnitIndex;
    let i = this.unitIndex.get(hospcode);
    if (i === undefined) { i = this.units.push(hospcode) - 1; this.unitIndex.set(hospcode, i); }
    this.lastHospcode = hospcode;
    this.lastUnitIndex = i;
    return i;
  }
}

/** What a PERSON row says of a home: its DISCHARGE (9 or 1) for TYPEAREA 1 or 3 and DISCHARGE 9 or 1, else 0 (no home row). */
export function homeStatusOf(typearea: string | null, discharge: string | null): number {
  if (typearea !== '1' && typearea !== '3') return 0;
  return discharge === '9' ? 9 : discharge === '1' ? 1 : 0;
}

/**
 * D_UPDATE `YYYYMMDDHHMMSS` (or a date) as a number that orders like the text; -1 when empty
 * or not digits, so any stamp beats it. The engine reads it as a number where it can (no
 * string per row).
 */
export function stampOf(text: string | number | null): number {
  if (typeof text === 'number') return Number.isInteger(text) && text >= 0 ? (text < 1e8 ? text * 1e6 : text) : -1;
  if (text === null) return -1;
  const s = text.trim();
  if (s.length === 0 || s.length > 14) return -1;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  // A bare date sorts as its midnight.
  return s.length === 8 ? n * 1e6 : n;
}

type Grown = Int32Array | Uint8Array | Float64Array;

function grow<T extends Grown>(a: T, index: number): T {
  let n = a.length * 2;
  while (n <= index) n *= 2;
  const more = new (a.constructor as new (n: number) => T)(n);
  more.set(a);
  return more;
}
