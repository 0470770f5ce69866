import type { IndicatorInfo, ResultRow } from '../results/schema.js';

/** A result row and the line of the file it came from, for error messages. */
export interface LocatedRow {
  readonly row: ResultRow;
  readonly line: number;
}

/** One side of a diff, whatever format it was written in. */
export interface ResultFile {
  readonly file: string;
  readonly format: 'json' | 'csv';
  /** The document's period (JSON), or the distinct periods of the rows (CSV). */
  readonly period: string;
  readonly rows: readonly LocatedRow[];
  /** The `indicators` section of a JSON file; a CSV file has none. */
  readonly indicators: readonly IndicatorInfo[] | null;
  /** Decimal places each indicator's result was written with. */
  readonly decimals: ReadonlyMap<string, number>;
}
