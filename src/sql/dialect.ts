import { UsageError } from '../errors.js';

/**
 * What differs between SQL engines, asked by the compiler and never branched on by name
 * (Malloy's dialect objects). Every method takes and returns SQL text; values inside are
 * already compiled. Dates travel as `YYYYMMDD` text, as in the engine.
 */
export interface SqlDialect {
  readonly name: DialectName;
  /** A table or column name, quoted so no name can end the identifier. */
  quoteIdent(name: string): string;
  /** A text literal, quoted so no value can end the literal (the only way a template value enters SQL). */
  quoteText(value: string): string;
  /** Text known to be `-?digits[.digits]` as a double. */
  toDouble(sql: string): string;
  /** Text known to be digits as a 64-bit integer. */
  toBigint(sql: string): string;
  /** Any value as text (counts and sums leave the database as text, read exactly in TypeScript). */
  toText(sql: string): string;
  /** Text known to be `-?digits[.digits]` as an exact decimal, summed without loss. */
  toDecimal(sql: string): string;
  /** Whether text matches a POSIX-style regular expression (no backslashes in our patterns). */
  matches(sql: string, pattern: string): string;
  /** Text compared byte by byte, as JavaScript compares strings (no collation, no trailing-space padding). */
  textCompare(left: string, op: string, right: string): string;
  /** Days from one valid `YYYYMMDD` to another. */
  daysBetween(from: string, to: string): string;
  /** A valid `YYYYMMDD` moved by whole days or months (months cut to the month's end), as `YYYYMMDD`. */
  addDays(date: string, days: number): string;
  addMonths(date: string, months: number): string;
  /** The remainder of a non-negative integer divided by `n`. */
  mod(sql: string, n: number): string;
  /** Text concatenation of several SQL values. */
  concat(parts: readonly string[]): string;
  /**
   * A column every table has that orders rows as they were loaded (DuckDB's `rowid`, a freshly
   * loaded PostgreSQL table's `ctid`), used when the tables have no row-order column of kpi's.
   */
  readonly loadOrder: string | null;
  /** What this engine cannot express: compiling a template that needs it is an error naming both. */
  readonly cannot: ReadonlySet<SqlFeature>;
}

export const DIALECT_NAMES = ['duckdb', 'postgres', 'mysql', 'spark'] as const;
export type DialectName = (typeof DIALECT_NAMES)[number];

/** Language features a dialect may declare it cannot express. */
export type SqlFeature = 'window functions' | 'common table expressions' | 'exact decimal sums';

/** Standard SQL quoting: `"name"` with `"` doubled, `'text'` with `'` doubled. */
export const standard = {
  quoteIdent: (name: string): string => `"${name.replace(/"/g, '""')}"`,
  quoteText: (value: string): string => `'${value.replace(/'/g, "''")}'`,
  concat: (parts: readonly string[]): string => `(${parts.join(' || ')})`,
};

/** Text with a NUL byte cannot be a literal in every engine; 43-file values never hold one. */
export function noNul(value: string): string {
  if (value.includes('\u0000')) throw new SqlCompileError('a text value holds a NUL character, which no SQL literal can carry');
  return value;
}

/** A template that cannot be compiled (for this dialect, or at all): a usage error, exit 2. */
export class SqlCompileError extends UsageError {
  override name = 'SqlCompileError';
}
