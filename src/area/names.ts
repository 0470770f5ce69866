import type { Hospitals } from './hospitals.js';
import type { Level } from './place.js';
import { districts } from './districts.js';
import { PROVINCES } from './provinces.js';

export type Lang = 'th' | 'en';

/** The name shown for an area code at a level. */
export function areaName(level: Level, code: string, lang: Lang, hospitals: Hospitals | null): string {
  const th = lang === 'th';
  switch (level) {
    case 'country': return th ? 'ภาพรวมประเทศ' : 'Thailand';
    case 'region': return th ? `เขตสุขภาพที่ ${code}` : `Health region ${code}`;
    case 'province': {
      const p = PROVINCES.get(code);
      return p ? (th ? p.th : p.en) : code;
    }
    case 'district': {
      const d = districts().get(code);
      if (d) return th ? d.th : d.en;
      // A code the reference does not know (a new district): its province and number.
      const p = PROVINCES.get(code.slice(0, 2));
      const prov = p ? (th ? p.th : p.en) : code.slice(0, 2);
      return th ? `${prov} อำเภอ ${code.slice(2)}` : `${prov} district ${code.slice(2)}`;
    }
    case 'unit': {
      const u = hospitals?.get(code);
      if (u?.name) return u.name;
      return th ? `หน่วยบริการ ${code} (ไม่อยู่ในแฟ้มหน่วยบริการ)` : `unit ${code} (not in the hospitals file)`;
    }
  }
}

/** Numeric order for region numbers and codes of equal width; text order otherwise. */
export function compareCodes(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
  return a < b ? -1 : a > b ? 1 : 0;
}
