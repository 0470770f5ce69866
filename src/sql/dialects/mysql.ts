import { noNul, type SqlDialect } from '../dialect.js';

/**
 * MySQL 8 and MariaDB 10.2+ (window functions and WITH). A backslash in a literal is an escape
 * unless the server runs NO_BACKSLASH_ESCAPES, so a literal never holds one: it is spliced in
 * as CHAR(92), which reads the same under either mode. Text is compared as bytes: the usual
 * collations ignore case and trailing spaces.
 */
export const mysql: SqlDialect = {
  name: 'mysql',
  quoteIdent: (name) => `\`${name.replace(/`/g, '``')}\``,
  quoteText: (v) => {
    const parts = noNul(v).split('\\').map((p) => `'${p.replace(/'/g, "''")}'`);
    return parts.length === 1 ? parts[0]! : `CONCAT(${parts.join(', CHAR(92 USING utf8mb4), ')})`;
  },
  toDouble: (s) => `(CAST(${s} AS DECIMAL(65, 30)) + 0E0)`,
  toBigint: (s) => `CAST(${s} AS SIGNED)`,
  toText: (s) => `CAST(${s} AS CHAR)`,
  toDecimal: (s) => `CAST(${s} AS DECIMAL(65, 10))`,
  matches: (s, p) => `(${s} REGEXP '${p}')`,
  textCompare: (l, op, r) => `(CAST(${l} AS BINARY) ${op} CAST(${r} AS BINARY))`,
  daysBetween: (a, b) => `(DATEDIFF(STR_TO_DATE(${b}, '%Y%m%d'), STR_TO_DATE(${a}, '%Y%m%d')) + 0E0)`,
  addDays: (d, n) => `DATE_FORMAT(DATE_ADD(STR_TO_DATE(${d}, '%Y%m%d'), INTERVAL (${n}) DAY), '%Y%m%d')`,
  addMonths: (d, n) => `DATE_FORMAT(DATE_ADD(STR_TO_DATE(${d}, '%Y%m%d'), INTERVAL (${n}) MONTH), '%Y%m%d')`,
  mod: (s, n) => `MOD(${s}, ${n})`,
  concat: (parts) => `CONCAT(${parts.join(', ')})`,
  loadOrder: null,
  cannot: new Set(),
};
