import { KeyTable } from '../engine/key-table.js';
import { key2 } from '../engine/row.js';
import { cidNumber } from './cid.js';

/**
 * Who is who across units (the person model of the README). A row belongs to the person of
 * its valid CID (its own, else PERSON.CID through HOSPCODE + PID), else to HOSPCODE + PID
 * alone. Persons are numbered 0, 1, 2, … in order of first sight; a CID is held only as a
 * number inside the key table, never as text, and nothing here prints one.
 *
 * The home unit: among a person's PERSON rows with TYPEAREA 1 or 3 and DISCHARGE 9 or 1, the
 * one with the latest D_UPDATE (a tie goes to the row read last). For persons without one,
 * the unit of their PERSON row with the latest D_UPDATE is kept too, to place them.
 */
export class PersonRegistry {
  private readonly byCid = new KeyTable(1024);
  private cidPerson = new Int32Array(1024);
  private readonly byUnitPid = new KeyTable(1024);
  private unitPidPerson = new Int32Array(1024);
  private count = 0;
  /** Per person: home unit (index into `units` + 1; 0 none), its DISCHARGE (9 or 1) and D_UPDATE. */
  private homeUnit = new Int32Array(1024);
  private homeStatus = new Uint8Array(1024);
  private homeStamp = new Float64Array(1024);
  /** Per person: the unit of the PERSON row with the latest D_UPDATE, whatever its TYPEAREA. */
  private lastUnit = new Int32Array(1024);
  private lastStamp = new Float64Array(1024);
  private readonly units: string[] = [];
  private readonly unitIndex = new Map<string, number>();
  /** Persons without a valid CID (each is one HOSPCODE + PID). */
  private unlinked = 0;

  /** How many persons were met. */
  get size(): number {
    return this.count;
  }

  /** Persons without a valid CID, each standing for one HOSPCODE + PID only. */
  get withoutCid(): number {
    return this.unlinked;
  }

  /** One PERSON row: links HOSPCODE + PID to its person and weighs the row as the home row. */
  addPersonRow(hospcode: string, pid: string, cid: string | null, typearea: string | null, discharge: string | null, updated: string | null): void {
    const person = this.personOf(hospcode, pid, cid);
    const stamp = stampOf(updated);
    const unit = this.unitOf(hospcode);
    if (stamp >= this.lastStamp[person]!) { this.lastStamp[person] = stamp; this.lastUnit[person] = unit + 1; }
    if ((typearea === '1' || typearea === '3') && (discharge === '9' || discharge === '1') && stamp >= this.homeStamp[person]!) {
      this.homeStamp[person] = stamp;
      this.homeUnit[person] = unit + 1;
      this.homeStatus[person] = discharge === '9' ? 9 : 1;
    }
  }

  /** The person of a row: its own valid CID, else the one PERSON gave HOSPCODE + PID, else HOSPCODE + PID as a person of its own. */
  personOf(hospcode: string, pid: string, cid: string | null): number {
    const n = cidNumber(cid);
    const k = key2(hospcode, pid);
    if (n !== null) {
      const i = this.byCid.insert(n);
      if (i >= this.cidPerson.length) this.cidPerson = grow(this.cidPerson, i);
      if (this.cidPerson[i] === 0) this.cidPerson[i] = this.newPerson() + 1;
      const person = this.cidPerson[i]! - 1;
      this.link(k, person);
      return person;
    }
    const j = this.byUnitPid.insert(k);
    if (j >= this.unitPidPerson.length) this.unitPidPerson = grow(this.unitPidPerson, j);
    if (this.unitPidPerson[j] === 0) { this.unitPidPerson[j] = this.newPerson() + 1; this.unlinked++; }
    return this.unitPidPerson[j]! - 1;
  }

  /** HOSPCODE + PID → the CID person, unless PERSON already linked that key (the PERSON row's own CID decides). */
  private link(k: number | string, person: number): void {
    const j = this.byUnitPid.insert(k);
    if (j >= this.unitPidPerson.length) this.unitPidPerson = grow(this.unitPidPerson, j);
    if (this.unitPidPerson[j] === 0) this.unitPidPerson[j] = person + 1;
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

  /** The unit of the person's PERSON row with the latest D_UPDATE, and that D_UPDATE (as a number; -1 none). */
  lastPersonRow(person: number): { unit: string | null; stamp: number } {
    const u = this.lastUnit[person]!;
    return { unit: u === 0 ? null : this.units[u - 1]!, stamp: u === 0 ? -2 : this.lastStamp[person]! };
  }

  private unitOf(hospcode: string): number {
    let i = this.unitIndex.get(hospcode);
    if (i === undefined) { i = this.units.push(hospcode) - 1; this.unitIndex.set(hospcode, i); }
    return i;
  }

  private newPerson(): number {
    const p = this.count++;
    if (p >= this.homeUnit.length) {
      this.homeUnit = grow(this.homeUnit, p);
      this.homeStatus = grow(this.homeStatus, p);
      this.homeStamp = grow(this.homeStamp, p);
      this.lastUnit = grow(this.lastUnit, p);
      this.lastStamp = grow(this.lastStamp, p);
    }
    this.homeStamp[p] = -2;
    this.lastStamp[p] = -2;
    return p;
  }
}

/** D_UPDATE `YYYYMMDDHHMMSS` (or a date) as a number that orders like the text; -1 when empty or not digits, so any stamp beats it. */
export function stampOf(text: string | null): number {
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
