/** What a name or expression holds, as far as the checker can tell before reading data. */
export type Kind = 'bool' | 'num' | 'text' | 'date' | 'datetime' | 'any';

export type Value = string | number | boolean | null;

export interface FunctionSig {
  readonly params: readonly Kind[];
  /** The rest of the arguments must be string literals of this many or more. */
  readonly literalRest?: number;
  readonly result: Kind;
  readonly help: string;
}

export const FUNCTIONS: Readonly<Record<string, FunctionSig>> = {
  num: { params: ['any'], result: 'num', help: 'num(x): x as a number when it is written -?digits[.digits], else empty' },
  date: { params: ['any'], result: 'date', help: 'date(x): x as a date (YYYYMMDD, YYYY-MM-DD or a datetime), else empty' },
  age_years: { params: ['date', 'date'], result: 'num', help: 'age_years(birth, at): completed years' },
  age_months: { params: ['date', 'date'], result: 'num', help: 'age_months(birth, at): completed months' },
  days: { params: ['date', 'date'], result: 'num', help: 'days(from, to): days from one date to another' },
  icd10: { params: ['text'], literalRest: 1, result: 'bool', help: "icd10(code, 'W65-W74', 'X34', …): code in any listed code or range" },
};
