import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { decodeWhole, type Encoding } from '../data/decode.js';
import { DataError } from '../errors.js';
import { PROVINCES } from './provinces.js';

export interface Unit {
  readonly code: string;
  readonly name: string;
  /** 2-digit CHANGWAT. */
  readonly province: string;
  /** 4-digit CHANGWAT + AMPUR. */
  readonly district: string;
  /** The optional UNIT_TYPE column (e.g. DHDC's hostype), for templates that keep some types of unit only. */
  readonly type?: string;
}

/** The units by code, and what reading the file noticed (bytes that are not UTF-8), as warnings. */
export type Hospitals = ReadonlyMap<string, Unit> & { readonly problems?: readonly string[] };

const REQUIRED = ['HOSPCODE', 'NAME', 'CHANGWAT', 'AMPUR'] as const;

/**
 * Other headers of the same columns in the unit lists officers have: DHDC's `chospital` table
 * (hoscode, hosname, provcode, distcode) and the Ministry's own spellings (off_id, name).
 */
export const HEADER_ALIASES: Readonly<Record<(typeof REQUIRED)[number], readonly string[]>> = {
  HOSPCODE: ['HOSCODE', 'OFF_ID', 'HCODE'],
  NAME: ['HOSNAME', 'HOSPNAME', 'HNAME'],
  CHANGWAT: ['PROVCODE', 'CHANGWATCODE', 'PROVINCE_CODE'],
  AMPUR: ['DISTCODE', 'AMPURCODE', 'AMPHOE', 'DISTRICT_CODE'],
};

/** The column of each needed field: its own name first, then its aliases. */
function columnsOf(header: readonly string[]): Partial<Record<(typeof REQUIRED)[number], number>> {
  const out: Partial<Record<(typeof REQUIRED)[number], number>> = {};
  for (const col of REQUIRED) {
    const i = [col, ...HEADER_ALIASES[col]].map((h) => header.indexOf(h)).find((n) => n >= 0);
    if (i !== undefined) out[col] = i;
  }
  return out;
}

/** The optional unit-type column and its other headers (DHDC's `chospital.hostype`). */
export const TYPE_ALIASES: readonly string[] = ['UNIT_TYPE', 'HOSTYPE', 'HOSPTYPE'];

/** Whether any unit of the file has a type: templates with `unit_types` need one. */
export function hasUnitTypes(h: Hospitals | null): boolean {
  return h !== null && [...h.values()].some((u) => u.type !== undefined);
}

/** Reads the `--hospitals` CSV (HOSPCODE, NAME, CHANGWAT, AMPUR or their aliases, optionally UNIT_TYPE; other columns ignored). */
export async function loadHospitals(file: string, encoding: Encoding = 'auto'): Promise<Hospitals> {
  const bytes = await readFile(file).catch(() => {
    throw new DataError('cannot read the hospitals file', file);
  });
  const { text, badLines } = decodeWhole(bytes, encoding);
  let rows: string[][];
  try {
    rows = parse(text, { skip_empty_lines: true, relax_column_count: false }) as string[][];
  } catch (e) {
    const err = e as { lines?: number; message: string };
    throw new DataError(`not a readable CSV: ${err.message}`, file, err.lines);
  }
  const header = (rows[0] ?? []).map((h) => h.replace(/^\uFEFF/, '').trim().toUpperCase());
  const columns = columnsOf(header);
  const missing = REQUIRED.filter((c) => columns[c] === undefined);
  if (missing.length > 0) {
    const named = missing.map((c) => `${c} (or ${HEADER_ALIASES[c].map((a) => a.toLowerCase()).join(', ')})`);
    throw new DataError(`the hospitals file needs the columns ${REQUIRED.join(', ')}; missing ${named.join(', ')}`, file, 1);
  }
  const at = (row: string[], col: (typeof REQUIRED)[number]) => (row[columns[col]!] ?? '').trim();
  const typeColumn = TYPE_ALIASES.map((h) => header.indexOf(h)).find((n) => n >= 0);
  const typeOf = (row: string[]) => { const v = typeColumn === undefined ? '' : (row[typeColumn] ?? '').trim(); return v === '' ? {} : { type: v }; };
  const problems = badLines.length === 0 ? [] : [`${file}:${badLines[0]}: bytes that are not UTF-8, read as U+FFFD (�)${badLines.length > 1 ? ` (${badLines.length} lines; lines ${badLines.slice(0, 5).join(', ')}${badLines.length > 5 ? ', …' : ''})` : ''}`];
  const units = Object.assign(new Map<string, Unit>(), { problems });
  rows.slice(1).forEach((row, i) => {
    const code = at(row, 'HOSPCODE');
    const province = at(row, 'CHANGWAT').padStart(2, '0');
    // DHDC writes distcode as 2 digits; some lists give the 4-digit CHANGWAT + AMPUR.
    const rawAmpur = at(row, 'AMPUR');
    const ampur = (rawAmpur.length === 4 && rawAmpur.startsWith(province) ? rawAmpur.slice(2) : rawAmpur).padStart(2, '0');
    if (!/^\d{5}$/.test(code)) throw new DataError(`HOSPCODE "${code}" is not a 5-digit unit code`, file, i + 2);
    if (!PROVINCES.has(province)) throw new DataError(`CHANGWAT "${province}" is not a province code`, file, i + 2);
    if (!/^\d{2}$/.test(ampur)) throw new DataError(`AMPUR "${ampur}" is not a 2-digit district code`, file, i + 2);
    units.set(code, { code, name: at(row, 'NAME'), province, district: province + ampur, ...typeOf(row) });
  });
  return units;
}
