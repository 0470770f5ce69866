import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { prng } from '../../bench/prng.mjs';

/**
 * Generated 43-file tables in the demo's columns, made to be cut badly: quoted names holding
 * line ends, commas and doubled quotes, Thai text (3 bytes a character in UTF-8), rows with a
 * wrong field count or an impossible date (issues with line numbers), visits on the same day
 * (ties for `latest`), persons sharing a CID (the person model). Nothing here is counted by
 * hand: the tests only compare one thread with several.
 */
export interface Variant {
  readonly name: string;
  /** Line end: LF, CRLF or CR only. */
  readonly eol: '\n' | '\r\n' | '\r';
  readonly bom: boolean;
  readonly tis620: boolean;
}

export const VARIANTS: readonly Variant[] = [
  { name: 'utf8-lf', eol: '\n', bom: false, tis620: false },
  { name: 'utf8-bom-crlf', eol: '\r\n', bom: true, tis620: false },
  { name: 'tis620-crlf', eol: '\r\n', bom: false, tis620: true },
  { name: 'utf8-cr-only', eol: '\r', bom: false, tis620: false },
];

const UNITS = ['10001', '10002', '10003', '99999'];
const THAI = ['สมหญิง', 'ทดสอบ', 'ใจดี', 'มีสุข', 'ศรีสวัสดิ์'];

/**
 * The tables as lines of fields (the header first); `eol` inside a quoted field is written as
 * the file's own line end. `longPids`: the second half of the persons have 10-digit PIDs, so
 * their HOSPCODE + PID keys are text, not numbers.
 */
export function tables(seed = 18, persons = 300, longPids = false): Record<string, string[][]> {
  const r = prng(seed);
  const pid = (n: number) => (longPids && n > persons / 2 ? String(n).padStart(10, '0') : String(n));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const day = (y0: number, y1: number) => `${y0 + Math.floor(r() * (y1 - y0 + 1))}${String(1 + Math.floor(r() * 12)).padStart(2, '0')}${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
  const name = () => {
    const n = pick(THAI);
    const k = r();
    if (k < 0.15) return `"${n}\n${pick(THAI)}"`;
    if (k < 0.25) return `"${n}, ""${pick(THAI)}"""`;
    if (k < 0.3) return `"${n}\n\n${pick(THAI)},"`;
    return n;
  };
  const person: string[][] = [['HOSPCODE', 'CID', 'PID', 'HID', 'NAME', 'LNAME', 'SEX', 'BIRTH', 'NATION', 'DISCHARGE', 'TYPEAREA', 'D_UPDATE']];
  let cid = 1100000000000;
  for (let p = 1; p <= persons; p++) {
    if (p % 10 !== 0) cid += 7;
    const birth = r() < 0.02 ? '20230231' : r() < 0.5 ? day(2019, 2024) : day(1950, 2010);
    const row = [pick(UNITS), p % 3 === 0 ? withCheckDigit(cid) : String(cid), pid(p), `H${p}`, name(), name(), r() < 0.5 ? '1' : '2', birth, '099', r() < 0.1 ? '1' : '9', pick(['1', '3', '4']), `${day(2023, 2024)}080000`];
    if (r() < 0.01) row.push('');
    person.push(row);
  }
  const nutrition: string[][] = [['HOSPCODE', 'PID', 'SEQ', 'DATE_SERV', 'NUTRITIONPLACE', 'WEIGHT', 'HEIGHT', 'HEADCIRCUM', 'CHILDDEVELOP', 'FOOD', 'BOTTLE', 'PROVIDER', 'D_UPDATE']];
  for (let i = 0; i < persons * 4; i++) {
    const unit = pick(UNITS);
    const date = r() < 0.01 ? '20241350' : day(2023, 2024);
    const again = r() < 0.2 && nutrition.length > 1 ? nutrition[nutrition.length - 1]! : null;
    nutrition.push([unit, pid(1 + Math.floor(r() * persons)), String(5000 + i), again ? again[3]! : date, unit, (3 + r() * 20).toFixed(1), (50 + r() * 60).toFixed(1), '', pick(['1', '2', '3']), pick(['1', '2', '3', '4', '5']), pick(['1', '2']), r() < 0.1 ? `"P\n${i}"` : `P${i % 7}`, `${day(2023, 2024)}100000`]);
  }
  const anc: string[][] = [['HOSPCODE', 'PID', 'SEQ', 'DATE_SERV', 'GRAVIDA', 'ANCNO', 'GA', 'ANCRESULT', 'ANCPLACE', 'PROVIDER', 'D_UPDATE']];
  for (let i = 0; i < persons; i++) {
    const unit = pick(UNITS);
    anc.push([unit, pid(1 + Math.floor(r() * persons)), String(9000 + i), day(2023, 2024), pick(['1', '2']), pick(['1', '2', '3']), String(4 + Math.floor(r() * 30)), '1', unit, r() < 0.1 ? `"ผู้ให้บริการ\n${i}"` : 'P1', `${day(2023, 2024)}100000`]);
  }
  const death: string[][] = [['HOSPCODE', 'PID', 'HOSPDEATH', 'AN', 'SEQ', 'DDEATH', 'CDEATH_A', 'CDEATH_B', 'CDEATH_C', 'CDEATH_D', 'ODISEASE', 'CDEATH', 'PREGDEATH', 'PDEATH', 'PROVIDER', 'D_UPDATE']];
  for (let i = 0; i < persons / 5; i++) {
    const code = pick(['W74', 'W69', 'W659', 'X34', 'V892', 'I21']);
    death.push([pick(UNITS), pid(1 + Math.floor(r() * persons)), '00000', '', '', day(2023, 2024), code, '', '', '', '', code, '', '2', 'P1', `${day(2023, 2024)}080000`]);
  }
  return { PERSON: person, NUTRITION: nutrition, ANC: anc, DEATH: death };
}

/** A CID with a correct check digit from the first 12 digits of `n` (most generated CIDs are invalid: those persons stand for HOSPCODE + PID). */
function withCheckDigit(n: number): string {
  const twelve = String(n).slice(0, 12);
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(twelve[i]) * (13 - i);
  return `${twelve}${(11 - (sum % 11)) % 10}`;
}

const TIS_BASE = 0xa1 - 0x0e01;

/** Thai characters as TIS-620 bytes (U+0E01–U+0E5B ↦ 0xA1–0xFB), the rest as ASCII. */
function tis620(text: string): Buffer {
  const out = Buffer.alloc(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[i] = c >= 0x0e01 && c <= 0x0e5b ? c + TIS_BASE : c;
  }
  return out;
}

export function encode(rows: readonly string[][], v: Variant): Buffer {
  const text = rows.map((row) => row.join(',').replace(/\n/g, v.eol)).join(v.eol) + v.eol;
  const body = v.tis620 ? tis620(text) : Buffer.from(text, 'utf8');
  return v.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}

/** Writes the tables of `v` to `dir` as TABLE.csv; returns the paths. */
export function writeTables(dir: string, v: Variant, seed = 18, persons = 300, longPids = false): string[] {
  mkdirSync(dir, { recursive: true });
  return Object.entries(tables(seed, persons, longPids)).map(([table, rows]) => {
    const file = path.join(dir, `${table}.csv`);
    writeFileSync(file, encode(rows, v));
    return file;
  });
}
