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
}

/** The units by code, and what reading the file noticed (bytes that are not UTF-8), as warnings. */
export type Hospitals = ReadonlyMap<string, Unit> & { readonly problems?: readonly string[] };

const REQUIRED = ['HOSPCODE', 'NAME', 'CHANGWAT', 'AMPUR'];

/** Reads the `--hospitals` CSV (HOSPCODE, NAME, CHANGWAT, AMPUR; other columns ignored). */
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
  const header = (rows[0] ?? []).map((h) => h.trim().toUpperCase());
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length > 0) throw new DataError(`the hospitals file needs the columns ${REQUIRED.join(', ')}; missing ${missing.join(', ')}`, file, 1);
  const at = (row: string[], col: string) => (row[header.indexOf(col)] ?? '').trim();
  const problems = badLines.length === 0 ? [] : [`${file}:${badLines[0]}: bytes that are not UTF-8, read as U+FFFD (�)${badLines.length > 1 ? ` (${badLines.length} lines; lines ${badLines.slice(0, 5).join(', ')}${badLines.length > 5 ? ', …' : ''})` : ''}`];
  const units = Object.assign(new Map<string, Unit>(), { problems });
  rows.slice(1).forEach((row, i) => {
    const code = at(row, 'HOSPCODE');
    const province = at(row, 'CHANGWAT').padStart(2, '0');
    const ampur = at(row, 'AMPUR').padStart(2, '0');
    if (!/^\d{5}$/.test(code)) throw new DataError(`HOSPCODE "${code}" is not a 5-digit unit code`, file, i + 2);
    if (!PROVINCES.has(province)) throw new DataError(`CHANGWAT "${province}" is not a province code`, file, i + 2);
    if (!/^\d{2}$/.test(ampur)) throw new DataError(`AMPUR "${ampur}" is not a 2-digit district code`, file, i + 2);
    units.set(code, { code, name: at(row, 'NAME'), province, district: province + ampur });
  });
  return units;
}
