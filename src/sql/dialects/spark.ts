import { noNul, type SqlDialect } from '../dialect.js';

/**
 * Spark SQL 3 (ANSI mode off, the default): backslash escapes in literals, backticks around
 * names. Emitted and parsed in the tests, never run here (README, "SQL").
 */
export const spark: SqlDialect = {
  name: 'spark',
  quoteIdent: (name) => `\`${name.replace(/`/g, '``')}\``,
  quoteText: (v) => `'${noNul(v).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`,
  toDouble: (s) => `CAST(${s} AS DOUBLE)`,
  toBigint: (s) => `CAST(${s} AS BIGINT)`,
  toText: (s) => `CAST(${s} AS STRING)`,
  toDecimal: (s) => `CAST(${s} AS DECIMAL(38, 10))`,
  matches: (s, p) => `(${s} RLIKE '${p}')`,
  textCompare: (l, op, r) => `(${l} ${op} ${r})`,
  daysBetween: (a, b) => `CAST(datediff(to_date(${b}, 'yyyyMMdd'), to_date(${a}, 'yyyyMMdd')) AS DOUBLE)`,
  addDays: (d, n) => `date_format(date_add(to_date(${d}, 'yyyyMMdd'), ${n}), 'yyyyMMdd')`,
  addMonths: (d, n) => `date_format(add_months(to_date(${d}, 'yyyyMMdd'), ${n}), 'yyyyMMdd')`,
  mod: (s, n) => `pmod(${s}, ${n})`,
  concat: (parts) => `concat(${parts.join(', ')})`,
  loadOrder: null,
  cannot: new Set(),
};
