import { noNul, standard, type SqlDialect } from '../dialect.js';

/** Assumes `standard_conforming_strings` on (the default since PostgreSQL 9.1): a backslash is a plain character. */
export const postgres: SqlDialect = {
  name: 'postgres',
  quoteIdent: standard.quoteIdent,
  quoteText: (v) => standard.quoteText(noNul(v)),
  toDouble: (s) => `CAST(${s} AS DOUBLE PRECISION)`,
  toBigint: (s) => `CAST(${s} AS BIGINT)`,
  toText: (s) => `CAST(${s} AS TEXT)`,
  toDecimal: (s) => `CAST(${s} AS NUMERIC)`,
  matches: (s, p) => `(${s} ~ ${standard.quoteText(p)})`,
  // The database's collation may order text by language rules: "C" orders by code point, as JavaScript does.
  textCompare: (l, op, r) => `(${l} COLLATE "C" ${op} ${r} COLLATE "C")`,
  daysBetween: (a, b) => `CAST(to_date(${b}, 'YYYYMMDD') - to_date(${a}, 'YYYYMMDD') AS DOUBLE PRECISION)`,
  addDays: (d, n) => `to_char(to_date(${d}, 'YYYYMMDD') + (${n}) * INTERVAL '1 day', 'YYYYMMDD')`,
  addMonths: (d, n) => `to_char(to_date(${d}, 'YYYYMMDD') + (${n}) * INTERVAL '1 month', 'YYYYMMDD')`,
  mod: (s, n) => `MOD(${s}, ${n})`,
  concat: standard.concat,
  loadOrder: 'ctid',
  cannot: new Set(),
};
