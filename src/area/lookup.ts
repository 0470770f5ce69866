import { districts as allDistricts } from './districts.js';
import type { Lang } from './names.js';
import type { Level } from './place.js';
import { PROVINCES } from './provinces.js';
import { nearest } from '../text/nearest.js';

export interface AreaRef {
  readonly level: Level;
  readonly code: string;
}

/** An `--area` that names no area; the message is in the user's language. */
export class AreaNotFound extends Error {
  override name = 'AreaNotFound';
}

const COUNTRY = new Set(['th', 'thailand', 'ประเทศ', 'ประเทศไทย', 'ภาพรวมประเทศ']);

/** Spaces and the words officers put in front of a name (จังหวัด, จ., อำเภอ, อ., Amphoe, Changwat) do not matter. */
function bare(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/\s+/g, '').replace(/^(จังหวัด|จ\.|อำเภอ|อ\.|เขต|changwat|amphoe|province|district)/, '');
}

/**
 * `--area` as a code (1–2 digit region, 2-digit province, 4-digit district, 5-digit unit, TH)
 * or as a Thai or English province or district name (`เชียงใหม่`, `อำเภอเมืองเชียงใหม่`,
 * `Mueang Chiang Mai`). `level` settles a code that fits two levels (regions 10–13).
 */
export function findArea(text: string, level: Level | undefined, lang: Lang): AreaRef {
  const t = text.trim();
  const th = lang === 'th';
  if (COUNTRY.has(t.toLowerCase())) return { level: 'country', code: 'TH' };
  if (/^\d+$/.test(t)) return byCode(t, level, th);
  const want = bare(t);
  for (const p of PROVINCES.values()) if (bare(p.th) === want || bare(p.en) === want) return { level: 'province', code: p.code };
  const districts = [...allDistricts().values()].filter((d) => bare(d.th) === want || bare(d.en) === want);
  if (districts.length === 1) return { level: 'district', code: districts[0]!.code };
  if (districts.length > 1) {
    const list = districts.map((d) => `${d.code} ${th ? d.th : d.en} (${th ? PROVINCES.get(d.code.slice(0, 2))?.th : PROVINCES.get(d.code.slice(0, 2))?.en})`).join(', ');
    throw new AreaNotFound(th ? `"${t}" เป็นชื่ออำเภอในหลายจังหวัด: ใช้รหัส ${list}` : `"${t}" names districts in several provinces: give the code, one of ${list}`);
  }
  const names = [...PROVINCES.values()].flatMap((p) => [p.th, p.en]).concat([...allDistricts().values()].flatMap((d) => [d.th, d.en]));
  const near = nearest(t, names);
  const hint = near ? (th ? ` (หมายถึง ${near} หรือไม่?)` : ` (did you mean ${near}?)`) : '';
  throw new AreaNotFound(th ? `"${t}" ไม่ใช่ชื่อจังหวัดหรืออำเภอ${hint}` : `"${t}" is not the name of a province or district${hint}`);
}

function byCode(code: string, level: Level | undefined, th: boolean): AreaRef {
  const shaped: Level | undefined = level ?? (code.length === 1 ? 'region' : code.length === 2 ? 'province' : code.length === 4 ? 'district' : code.length === 5 ? 'unit' : undefined);
  const not = (what: { th: string; en: string }) => new AreaNotFound(th ? `${code} ไม่ใช่${what.th}` : `${code} is not ${what.en}`);
  switch (shaped) {
    case 'region':
      if (Number(code) >= 1 && Number(code) <= 13) return { level: 'region', code: String(Number(code)) };
      throw not({ th: 'เขตสุขภาพ (1–13)', en: 'a health region (1–13)' });
    case 'province':
      if (PROVINCES.has(code)) return { level: 'province', code };
      throw not({ th: 'รหัสจังหวัด', en: 'a province code' });
    case 'district':
      if (allDistricts().has(code) || (PROVINCES.has(code.slice(0, 2)) && code.length === 4)) return { level: 'district', code };
      throw not({ th: 'รหัสอำเภอ', en: 'a district code' });
    case 'unit':
      // A unit missing from the hospitals file still has its own row: any 5 digits.
      if (/^\d{5}$/.test(code)) return { level: 'unit', code };
      throw not({ th: 'รหัสหน่วยบริการ 5 หลัก', en: 'a 5-digit unit code' });
    case 'country':
      throw not({ th: 'รหัสประเทศ (ใช้ TH)', en: 'the country code (use TH)' });
    default:
      throw new AreaNotFound(th
        ? `${code}: ใช้เลขเขตสุขภาพ รหัสจังหวัด 2 หลัก รหัสอำเภอ 4 หลัก รหัสหน่วยบริการ 5 หลัก หรือ TH`
        : `${code}: give a region number, a 2-digit province, a 4-digit district, a 5-digit unit or TH`);
  }
}
