#!/usr/bin/env node
// The three bench indicators as an analyst would write them in DuckDB SQL over the same files.
// Prints {indicator: {province: {a, b}}} as JSON (province `null` = units not in the hospitals file).
// Usage: node duck.mjs DATA_DIR PERIOD_START PERIOD_END FY_START [THREADS]
import { DuckDBInstance } from '@duckdb/node-api';
import path from 'node:path';

const [dir, start, end, fyStart, threads = '2'] = process.argv.slice(2);
if (!fyStart) throw new Error('usage: node duck.mjs DATA_DIR PERIOD_START PERIOD_END FY_START [THREADS]');

const q = (s) => `'${s.replace(/'/g, "''")}'`;
// All text, as kpi reads it; rows with a wrong field count are skipped, as kpi skips them.
const csv = (file, delim) => `read_csv(${q(path.join(dir, file))}, header = true, delim = ${q(delim)}, quote = '"', escape = '"', all_varchar = true, ignore_errors = true, null_padding = false)`;

// The same rules as the template language: strict numbers, real calendar dates, completed years.
const MACROS = [
  `CREATE MACRO valid_date(s) AS s IS NULL OR (regexp_full_match(s, '[0-9]{8}') AND s >= '1000' AND try_strptime(s, '%Y%m%d') IS NOT NULL)`,
  `CREATE MACRO strict_num(s) AS CASE WHEN regexp_full_match(s, '-?[0-9]+(\\.[0-9]+)?') THEN CAST(s AS DOUBLE) END`,
  `CREATE MACRO age_years(b, d) AS CASE WHEN b <= d THEN CAST(substr(d, 1, 4) AS INTEGER) - CAST(substr(b, 1, 4) AS INTEGER) - CAST(substr(d, 5) < substr(b, 5) AS INTEGER) END`,
  // kpi compares numbers with a relative tolerance of 1e-9 (BMI 23.0 computed in floating point is still 23).
  `CREATE MACRO ge_num(x, y) AS x - y >= -1e-9 * greatest(1, abs(x), abs(y))`,
  // A CID links a person across units only with 13 digits (the first not 0) and a correct check digit.
  `CREATE MACRO valid_cid(s) AS CASE WHEN regexp_full_match(coalesce(s, ''), '[1-9][0-9]{12}')
     THEN (11 - list_sum(list_transform(range(1, 13), lambda i: CAST(substr(s, i, 1) AS INTEGER) * (14 - i))) % 11) % 10 = CAST(substr(s, 13, 1) AS INTEGER)
     ELSE false END`,
];

const PERSON = `SELECT HOSPCODE, PID, CID, BIRTH, TYPEAREA, DISCHARGE, D_UPDATE FROM ${csv('PERSON.csv', ',')} WHERE valid_date(BIRTH)`;
// The person model: a person is a valid CID, else HOSPCODE + PID; the home row is the latest
// D_UPDATE among rows with TYPEAREA 1 or 3 and DISCHARGE 9 or 1, a tie going to the row read last.
const PERSONS = `
  SELECT HOSPCODE, PID, BIRTH, rowid AS rn, CASE WHEN valid_cid(CID) THEN CID ELSE HOSPCODE || '|' || PID END AS pkey,
    TYPEAREA IN ('1', '3') AND DISCHARGE IN ('9', '1') AS homes, DISCHARGE, D_UPDATE
  FROM person`;
const HOMES = `
  SELECT pkey, HOSPCODE AS home, DISCHARGE AS home_discharge FROM (
    SELECT *, row_number() OVER (PARTITION BY pkey ORDER BY coalesce(D_UPDATE, '') DESC, rn DESC) AS k FROM persons WHERE homes
  ) WHERE k = 1`;
const HOSPITALS = `SELECT HOSPCODE, CHANGWAT FROM read_csv(${q(path.join(dir, 'hospitals.csv'))}, header = true, all_varchar = true)`;
const inPeriod = (col) => `${col} BETWEEN '${start}' AND '${end}'`;
const byProvince = (perUnit) => `WITH u AS (${perUnit}) SELECT h.CHANGWAT AS province, sum(u.a) AS a, sum(u.b) AS b FROM u LEFT JOIN hospitals h USING (HOSPCODE) GROUP BY ALL`;

const QUERIES = {
  'bench-child-overweight': byProvince(`
    WITH n AS (SELECT HOSPCODE, PID, DATE_SERV, strict_num(WEIGHT) AS w, strict_num(HEIGHT) AS h FROM ${csv('NUTRITION.csv', ',')} WHERE valid_date(DATE_SERV)),
    b AS (
      SELECT n.HOSPCODE, n.PID, n.DATE_SERV, ge_num(n.w / ((n.h / 100) * (n.h / 100)), 23) AS over
      FROM n LEFT JOIN person p USING (HOSPCODE, PID)
      WHERE ${inPeriod('n.DATE_SERV')} AND age_years(p.BIRTH, n.DATE_SERV) BETWEEN 6 AND 14 AND p.TYPEAREA IN ('1', '3') AND n.w > 0 AND n.h > 0
    ),
    -- The generator gives each child one visit per day, so the latest visit is unique.
    kept AS (SELECT HOSPCODE, PID, arg_max(over, DATE_SERV) AS over FROM b GROUP BY HOSPCODE, PID)
    SELECT HOSPCODE, count(*) AS b, count(*) FILTER (WHERE over) AS a FROM kept GROUP BY HOSPCODE`),
  'bench-anc-first-12wk': byProvince(`
    WITH a AS (SELECT HOSPCODE, PID, DATE_SERV, ANCNO, GA FROM ${csv('ANC.csv', ',')} WHERE valid_date(DATE_SERV))
    SELECT a.HOSPCODE, count(DISTINCT a.PID) AS b, count(DISTINCT a.PID) FILTER (WHERE a.ANCNO = '1' AND strict_num(a.GA) <= 12) AS a
    FROM a LEFT JOIN person p USING (HOSPCODE, PID)
    WHERE ${inPeriod('a.DATE_SERV')} AND p.TYPEAREA IN ('1', '3') AND p.DISCHARGE = '9'
    GROUP BY a.HOSPCODE`),
  'bench-drowning-under-15': byProvince(`
    WITH d AS (SELECT HOSPCODE, PID, CID, DDEATH, upper(trim(replace(CDEATH, '.', ''))) AS c FROM ${csv('DEATH.txt', '|')} WHERE valid_date(DDEATH)),
    dead AS (
      SELECT DISTINCT CASE WHEN valid_cid(d.CID) THEN d.CID ELSE coalesce(p.pkey, d.HOSPCODE || '|' || d.PID) END AS pkey
      FROM d LEFT JOIN persons p USING (HOSPCODE, PID)
      WHERE ${inPeriod('d.DDEATH')} AND d.c <> '' AND substr(d.c, 1, 3) BETWEEN 'W65' AND 'W74' AND age_years(p.BIRTH, d.DDEATH) < 15
    ),
    a AS (SELECT h.home AS HOSPCODE, count(*) AS a FROM dead JOIN homes h USING (pkey) GROUP BY h.home),
    b AS (
      SELECT h.home AS HOSPCODE, count(DISTINCT p.pkey) AS b FROM persons p JOIN homes h USING (pkey)
      WHERE h.home_discharge = '9' AND age_years(p.BIRTH, '${fyStart}') < 15
      GROUP BY h.home
    )
    SELECT HOSPCODE, coalesce(a.a, 0) AS a, coalesce(b.b, 0) AS b FROM a FULL JOIN b USING (HOSPCODE)`),
};

const db = await DuckDBInstance.create(':memory:', { threads });
const con = await db.connect();
for (const m of MACROS) await con.run(m);
// PERSON is read once, as a view would be re-read by every query that joins it.
await con.run(`CREATE TEMP TABLE person AS ${PERSON}`);
await con.run(`CREATE TEMP TABLE persons AS ${PERSONS}`);
await con.run(`CREATE TEMP TABLE homes AS ${HOMES}`);
await con.run(`CREATE TEMP TABLE hospitals AS ${HOSPITALS}`);
const out = {};
for (const [id, sql] of Object.entries(QUERIES)) {
  const reader = await con.runAndReadAll(sql);
  const rows = {};
  for (const r of reader.getRowObjectsJS()) rows[r.province ?? 'null'] = { a: Number(r.a), b: Number(r.b) };
  out[id] = rows;
}
process.stdout.write(JSON.stringify(out) + '\n');
