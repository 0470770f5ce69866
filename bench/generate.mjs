#!/usr/bin/env node
// Seeded generator of synthetic 43-file data for the benchmark: PERSON, NUTRITION, ANC, DEATH and a
// hospitals file, written to bench/data/ (git-ignored). SCALE 1 ≈ 1M persons and 2M NUTRITION rows.
// Every person is made up: names come from a few syllables, CIDs from random digits (see cidOf).
// The data carries the dirt the reader must survive: quoted names with commas and doubled quotes,
// a BOM and CRLF (ANC), a pipe-delimited CRLF file (DEATH), impossible dates, empty and
// non-numeric measurements (`23,5`), ICD codes with dots and lower case, units missing from the
// hospitals file, and a few rows with a wrong field count.
import { mkdirSync, openSync, writeSync, closeSync, writeFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { prng } from './prng.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

function args() {
  const out = { scale: 1, seed: 6, out: path.join(here, 'data') };
  const a = process.argv.slice(2);
  for (let i = 0; i < a.length; i++) {
    if (a[i] === '--scale') out.scale = Number(a[++i]);
    else if (a[i] === '--seed') out.seed = Number(a[++i]);
    else if (a[i] === '--out') out.out = path.resolve(a[++i]);
    else throw new Error(`unknown option ${a[i]} (use --scale N, --seed N, --out DIR)`);
  }
  if (!(out.scale > 0)) throw new Error('--scale must be a positive number');
  return out;
}

const PROVINCES = '10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 30 31 32 33 34 35 36 37 38 39 40 41 42 43 44 45 46 47 48 49 50 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 67 70 71 72 73 74 75 76 77 80 81 82 83 84 85 86 90 91 92 93 94 95 96'.split(' ');
const SYLLABLES = ['สม', 'ใจ', 'ศรี', 'สุข', 'มณี', 'ทอง', 'แก้ว', 'บุญ', 'ชัย', 'นภา', 'วงศ์', 'พร'];
const DAY = 86_400_000;

/** Buffered writer: lines are gathered into ~4 MB strings before each write. */
class Out {
  constructor(file, header, eol, bom) {
    this.fd = openSync(file, 'w');
    this.eol = eol;
    this.parts = [];
    this.size = 0;
    this.rows = 0;
    this.bytes = 0;
    this.write((bom ? '\uFEFF' : '') + header);
  }
  write(line) {
    this.parts.push(line, this.eol);
    this.size += line.length;
    if (this.size > 1 << 22) this.flush();
  }
  row(line) {
    this.rows++;
    this.write(line);
  }
  flush() {
    const buf = Buffer.from(this.parts.join(''), 'utf8');
    this.bytes += buf.length;
    writeSync(this.fd, buf);
    this.parts = [];
    this.size = 0;
  }
  close() {
    this.flush();
    closeSync(this.fd);
  }
}

function main() {
  const { scale, seed, out } = args();
  const rnd = prng(seed);
  const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const chance = (p) => rnd() < p;
  const ymd = (ms) => new Date(ms).toISOString().slice(0, 10).replace(/-/g, '');
  const dateIn = (from, to) => Date.UTC(from, 0, 1) + Math.floor(rnd() * (Date.UTC(to + 1, 0, 1) - Date.UTC(from, 0, 1)) / DAY) * DAY;
  const name = () => pick(SYLLABLES) + pick(SYLLABLES) + (chance(0.5) ? pick(SYLLABLES) : '');
  const digits = (n) => { let s = String(int(1, 9)); while (s.length < n) s += String(int(0, 9)); return s; };
  const stamp = (ms) => ymd(ms) + String(int(10, 23)) + String(int(10, 59)) + String(int(10, 59));

  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });

  const nPersons = Math.round(1_000_000 * scale);
  const nUnits = Math.max(20, Math.round(900 * Math.min(1, scale * 3)));
  const units = [];
  for (let u = 0; u < nUnits; u++) units.push({ code: String(10000 + u * 7), province: PROVINCES[u % PROVINCES.length], ampur: String(1 + (u % 9)).padStart(2, '0') });
  const hosp = new Out(path.join(out, 'hospitals.csv'), 'HOSPCODE,NAME,CHANGWAT,AMPUR', '\n', false);
  for (const u of units) hosp.row(`${u.code},รพ.สต.บ้าน${u.code},${u.province},${u.ampur}`);
  hosp.close();
  // Two units that export data but are not in the hospitals file: they count only nationally.
  const unitCodes = [...units.map((u) => u.code), '99001', '99002'];

  // Persons are kept compactly (unit, birth as ms/day, sex) so the other tables can refer to them.
  const pUnit = new Uint16Array(nPersons);
  const pPid = new Uint32Array(nPersons);
  const pBirth = new Float64Array(nPersons);
  const pSex = new Uint8Array(nPersons);
  const nextPid = new Uint32Array(unitCodes.length);
  // CIDs: valid check digits, except every 50th person (random digits, mostly invalid); every 10th
  // shares the CID of the person before (the same person registered at another unit), so the
  // person model links them. Decided by position, not by the generator, so every other value of
  // every table is the same as before CIDs were made valid.
  let prevCid = '';
  const cidOf = (i, raw) => {
    if (i % 50 === 3) return raw;
    if (i % 10 === 7 && prevCid !== '') return prevCid;
    let sum = 0;
    for (let d = 0; d < 12; d++) sum += Number(raw[d]) * (13 - d);
    return raw.slice(0, 12) + String((11 - (sum % 11)) % 10);
  };
  const person = new Out(path.join(out, 'PERSON.csv'), 'HOSPCODE,CID,PID,HID,PRENAME,NAME,LNAME,HN,SEX,BIRTH,MSTATUS,OCCUPATION_OLD,OCCUPATION_NEW,RACE,NATION,RELIGION,EDUCATION,FSTATUS,FATHER,MOTHER,COUPLE,VSTATUS,MOVEIN,DISCHARGE,DDISCHARGE,ABOGROUP,RHGROUP,LABOR,PASSPORT,TYPEAREA,D_UPDATE,TELEPHONE,MOBILE,HOSPCODE9', '\n', false);
  for (let i = 0; i < nPersons; i++) {
    const u = chance(0.002) ? unitCodes.length - 1 - int(0, 1) : int(0, units.length - 1);
    const pid = ++nextPid[u];
    const child = chance(0.35);
    const birth = child ? dateIn(2005, 2024) : dateIn(1930, 2004);
    const sex = int(1, 2);
    pUnit[i] = u; pPid[i] = pid; pBirth[i] = birth; pSex[i] = sex;
    let birthText = ymd(birth);
    if (chance(0.0005)) birthText = pick(['20230230', '19991301', '2001-5-3']);
    else if (chance(0.002)) birthText = '';
    let first = name();
    if (chance(0.001)) first = `"${first}, ${name()}"`;
    else if (chance(0.001)) first = `"${first} ""${name()}"""`;
    const discharge = chance(0.9) ? '9' : pick(['1', '2', '3']);
    const typearea = String(pick([1, 1, 1, 3, 3, 2, 4, 5]));
    const cid = cidOf(i, digits(13));
    prevCid = cid;
    const fields = [unitCodes[u], cid, pid, `H${int(1, 400000)}`, sex === 1 ? '003' : '004', first, name(), String(int(1, 999999)), sex, birthText,
      int(1, 6), '', pick(['000', '014', '101']), '099', '099', '01', int(0, 9), int(1, 3), '', '', '', '', ymd(birth), discharge, discharge === '9' ? '' : ymd(dateIn(2020, 2024)),
      int(1, 4), int(1, 2), '', '', typearea, stamp(dateIn(2023, 2024)), '', chance(0.3) ? `08${digits(8)}` : '', ''];
    if (chance(0.00001)) fields.pop(); // a row cut short: one field too few
    person.row(fields.join(','));
  }
  person.close();

  // NUTRITION: children (born 2005 on) get visits on distinct days, so `latest` never ties.
  const nutrition = new Out(path.join(out, 'NUTRITION.csv'), 'HOSPCODE,PID,SEQ,DATE_SERV,NUTRITIONPLACE,WEIGHT,HEIGHT,HEADCIRCUM,CHILDDEVELOP,FOOD,BOTTLE,PROVIDER,D_UPDATE,CID,HOSPCODE9,NUTRITIONPLACE9', '\n', false);
  let seq = 1;
  const childFrom = Date.UTC(2005, 0, 1);
  for (let i = 0; i < nPersons; i++) {
    if (pBirth[i] < childFrom) continue;
    const visits = int(0, 13);
    let day = dateIn(2022, 2023) - int(0, 90) * DAY;
    for (let v = 0; v < visits; v++) {
      day += int(1, 60) * DAY;
      if (day < pBirth[i]) continue;
      const ageYears = (day - pBirth[i]) / (365.25 * DAY);
      const height = Math.min(185, 50 + ageYears * 7 + (rnd() - 0.5) * 20);
      const bmi = 13 + rnd() * 14;
      const weight = (bmi * (height / 100) ** 2);
      let w = weight.toFixed(1);
      let h = height.toFixed(1);
      if (chance(0.01)) w = '';
      else if (chance(0.002)) w = `"${weight.toFixed(1).replace('.', ',')}"`;
      if (chance(0.005)) h = pick(['', '0', 'abc']);
      // Weights and heights that sit exactly on BMI 23 (e.g. 23.0 kg at 100.0 cm) test the rounding of both engines.
      if (chance(0.002)) { w = '23.0'; h = '100.0'; }
      let date = ymd(day);
      if (chance(0.0002)) date = '20240231';
      const fields = [unitCodes[pUnit[i]], pPid[i], seq++, date, unitCodes[pUnit[i]], w, h, '', int(1, 3), int(1, 5), int(1, 2), `P${int(1, 50)}`, stamp(day), '', '', ''];
      if (chance(0.00001)) fields.push('extra'); // one field too many
      nutrition.row(fields.join(','));
    }
  }
  nutrition.close();

  // ANC: a BOM and CRLF line ends; women 15-45 get one pregnancy of 1-5 visits.
  const anc = new Out(path.join(out, 'ANC.csv'), 'HOSPCODE,PID,SEQ,DATE_SERV,GRAVIDA,ANCNO,GA,ANCRESULT,ANCPLACE,PROVIDER,D_UPDATE,CID,WEIGHT,HOSPCODE9,ANCPLACE9', '\r\n', true);
  const womenFrom = Date.UTC(1978, 0, 1);
  const womenTo = Date.UTC(2009, 0, 1);
  for (let i = 0; i < nPersons; i++) {
    if (pSex[i] !== 2 || pBirth[i] < womenFrom || pBirth[i] >= womenTo || !chance(0.35)) continue;
    const visits = int(1, 5);
    let day = dateIn(2023, 2024) - int(0, 120) * DAY;
    let ga = int(5, 22);
    const gravida = int(1, 4);
    for (let v = 1; v <= visits; v++) {
      let gaText = String(ga);
      if (chance(0.01)) gaText = pick(['', '12.5', 'x', ' 12']);
      const fields = [unitCodes[pUnit[i]], pPid[i], seq++, ymd(day), gravida, v, gaText, int(1, 2), unitCodes[pUnit[i]], `P${int(1, 50)}`, stamp(day), '', (45 + rnd() * 30).toFixed(1), '', ''];
      anc.row(fields.join(','));
      if (chance(0.02)) anc.row(fields.join(',')); // the same visit exported twice
      day += int(21, 35) * DAY;
      ga += int(3, 5);
    }
  }
  anc.close();

  // DEATH: pipe-delimited with CRLF; drowning codes in many spellings, some just outside the range.
  const death = new Out(path.join(out, 'DEATH.txt'), 'HOSPCODE|PID|HOSPDEATH|AN|SEQ|DDEATH|CDEATH_A|CDEATH_B|CDEATH_C|CDEATH_D|ODISEASE|CDEATH|PREGDEATH|PDEATH|PROVIDER|D_UPDATE|CID|HOSPCODE9|HOSP9_DEATH', '\r\n', false);
  const nDeaths = Math.round(20_000 * scale);
  const drowning = ['W65', 'W69', 'W699', 'W74', 'W749', 'w70.1', 'W67.0', ' W68 '];
  const other = ['W64', 'W75', 'W759', 'X34', 'I219', 'C349', 'V892', 'J189', 'E149', 'W6'];
  for (let k = 0; k < nDeaths; k++) {
    let i = int(0, nPersons - 1);
    if (chance(0.5)) for (let t = 0; t < 20 && pBirth[i] < childFrom; t++) i = int(0, nPersons - 1);
    const pid = chance(0.01) ? 9_000_000 + k : pPid[i]; // a death whose person is not in PERSON
    const day = Math.max(pBirth[i], dateIn(2023, 2024));
    const cause = chance(0.3) ? pick(drowning) : pick(other);
    const fields = [unitCodes[pUnit[i]], pid, '00000', '', '', ymd(day), cause, '', '', '', '', cause, '', int(1, 2), `P${int(1, 50)}`, stamp(day), '', '', ''];
    death.row(fields.join('|'));
  }
  death.close();

  const files = { PERSON: person, NUTRITION: nutrition, ANC: anc, DEATH: death };
  const meta = { scale, seed, files: Object.fromEntries(Object.entries(files).map(([t, o]) => [t, { rows: o.rows, bytes: o.bytes }])) };
  writeFileSync(path.join(out, 'meta.json'), JSON.stringify(meta, null, 2) + '\n');
  const mb = Object.values(files).reduce((s, o) => s + o.bytes, 0) / 1e6;
  process.stdout.write(`bench data, scale ${scale}, seed ${seed}, in ${out}: ${Object.entries(files).map(([t, o]) => `${t} ${o.rows} rows`).join(', ')}; ${mb.toFixed(0)} MB\n`);
}

main();
