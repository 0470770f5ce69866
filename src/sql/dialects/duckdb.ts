import { noNul, standard, type SqlDialect } from '../dialect.js';

export const duckdb: SqlDialect = {
  name: 'duckdb',
  quoteIdent: standard.quoteIdent,
  quoteText: (v) => standard.quoteText(noNul(v)),
  toDouble: (s) => `CAST(${s} AS DOUBLE)`,
  toBigint: (s) => `CAST(${s} AS BIGINT)`,
  toText: (s) => `CAST(${s} AS VARCHAR)`,
  toDecimal: (s) => `CAST(${s} AS DECIMAL(38, 10))`,
  matches: (s, p) => `regexp_full_match(${s}, ${standard.quoteText(p)})`,
  textCompare: (l, op, r) => `(${l} ${op} ${r})`,
  daysBetween: (a, b) => `CAST(date_diff('day', strptime(${a}, '%Y%m%d'), strptime(${b}, '%Y%m%d')) AS DOUBLE)`,
  addDays: (d, n) => `strftime(CAST(strptime(${d}, '%Y%m%d') AS DATE) + (${n}) * INTERVAL 1 DAY, '%Y%m%d')`,
  addMonths: (d, n) => `strftime(CAST(strptime(${d}, '%Y%m%d') AS DATE) + (${n}) * INTERVAL 1 MONTH, '%Y%m%d')`,
  mod: (s, n) => `((${s}) % ${n})`,
  concat: standard.concat,
  loadOrder: 'rowid',
  cannot: new Set(),
};
