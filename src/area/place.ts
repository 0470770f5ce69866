import type { Hospitals } from './hospitals.js';
import { PROVINCES } from './provinces.js';

export type Level = 'unit' | 'district' | 'province' | 'region' | 'country';
export const LEVELS: readonly Level[] = ['unit', 'district', 'province', 'region', 'country'];

/** Where a counted row belongs; a `null` level means it counts only above that (at least nationally). */
export interface Place {
  readonly unit: string | null;
  readonly district: string | null;
  readonly province: string | null;
  readonly region: number | null;
}

/**
 * One place object per way of placing and raw value (`unit 10001`, `code 50010101`) for a run.
 * Accumulators keep a count or a key set per place object, so a raw value must give the same
 * object wherever it is placed, and counts posted by a counting thread must land on the object
 * of the same raw value here. Two raw values that give equal places (two villages of one
 * district) stay two objects: roll-up adds their counts, as it always has.
 */
export class PlaceBook {
  private readonly byKey = new Map<string, Place>();
  private readonly keys = new Map<Place, string>();

  place(kind: string, raw: string, make: () => Place): Place {
    const key = `${kind} ${raw}`;
    let p = this.byKey.get(key);
    if (!p) { p = make(); this.enter(key, p); }
    return p;
  }

  /** The key a place of this book was made under (posted with a thread's counts). */
  keyOf(p: Place): string | undefined {
    return this.keys.get(p);
  }

  /** This book's object for a place another thread posted with its key. */
  adopt(key: string, posted: Place): Place {
    const p = this.byKey.get(key);
    if (p) return p;
    this.enter(key, posted);
    return posted;
  }

  private enter(key: string, p: Place): void {
    this.byKey.set(key, p);
    this.keys.set(p, key);
  }
}

function regionOf(province: string | null): number | null {
  return province ? PROVINCES.get(province)?.region ?? null : null;
}

/** A unit found in the hospitals file takes its district, province and region; one not found keeps only itself. */
export function placeByUnit(hospcode: string, hospitals: Hospitals | null): Place {
  const u = hospitals?.get(hospcode);
  if (!u) return { unit: hospcode, district: null, province: null, region: null };
  return { unit: hospcode, district: u.district, province: u.province, region: regionOf(u.province) };
}

/** A Ministry of Interior code: 2 digits province, 4 district, 6 tambon, 8 village. */
export function placeByCode(code: string): Place {
  const c = code.trim();
  const province = /^\d{2}/.test(c) && PROVINCES.has(c.slice(0, 2)) ? c.slice(0, 2) : null;
  const district = province && /^\d{4}/.test(c) ? c.slice(0, 4) : null;
  return { unit: null, district, province, region: regionOf(province) };
}

export function placeByRegion(value: string): Place {
  const n = /^\s*\d{1,2}\s*$/.test(value) ? Number(value) : NaN;
  return { unit: null, district: null, province: null, region: n >= 1 && n <= 13 ? n : null };
}

/** The code of `p` at `level`, or null when the row does not reach that level. */
export function codeAt(p: Place, level: Level): string | null {
  switch (level) {
    case 'unit': return p.unit;
    case 'district': return p.district;
    case 'province': return p.province;
    case 'region': return p.region === null ? null : String(p.region);
    case 'country': return 'TH';
  }
}
