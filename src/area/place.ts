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

export function placeKey(p: Place): string {
  return `${p.unit ?? ''}|${p.district ?? ''}|${p.province ?? ''}|${p.region ?? ''}`;
}

/** One object for each place: the first one seen stands for every equal one after it. */
export function canonicalPlaces(): (p: Place) => Place {
  const seen = new Map<string, Place>();
  return (p) => {
    const k = placeKey(p);
    const known = seen.get(k);
    if (known) return known;
    seen.set(k, p);
    return p;
  };
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
