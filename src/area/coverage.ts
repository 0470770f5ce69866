import { areaName, type Lang } from './names.js';
import type { Place } from './place.js';
import { PROVINCES } from './provinces.js';

/** What the total row adds up: one province, one health region, or more (the country). */
export interface Coverage {
  readonly level: 'province' | 'region' | 'country';
  /** The province or region code; `TH` for the country. */
  readonly code: string;
}

/**
 * The narrowest area holding every placed row. Rows placed nowhere (a unit missing from the
 * hospitals file) do not widen it: they are named in a warning of their own.
 */
export function coverageOf(places: Iterable<Place>): Coverage {
  const provinces = new Set<string | null>();
  const regions = new Set<number>();
  for (const p of places) {
    if (p.region === null) continue;
    regions.add(p.region);
    provinces.add(p.province);
  }
  const [province] = provinces;
  if (provinces.size === 1 && province) return { level: 'province', code: province };
  const [region] = regions;
  if (regions.size === 1) return { level: 'region', code: String(region) };
  return { level: 'country', code: 'TH' };
}

/** The total row's name: `รวมจังหวัดเชียงใหม่`, `รวมเขตสุขภาพที่ 1`, or the country's. */
export function totalName(c: Coverage, lang: Lang): string {
  const th = lang === 'th';
  switch (c.level) {
    case 'province': {
      const p = PROVINCES.get(c.code)!;
      return th ? `รวมจังหวัด${p.th}` : `${p.en} total`;
    }
    case 'region': return th ? `รวมเขตสุขภาพที่ ${c.code}` : `Health region ${c.code} total`;
    case 'country': return areaName('country', 'TH', lang, null);
  }
}
