import type { CompileEnv } from '../expr/compile.js';
import type { Value } from '../expr/kinds.js';
import { fyBounds, type Period } from '../period/period.js';
import { isPeriodWord, periodWordKind } from '../template/fields.js';

/**
 * What `period.start`, `period.end`, `fy.start`, `fy.end` (dates) and `fy.year`
 * (the Buddhist Era fiscal year, as HDC's `b_year`) stand for in one run; upper-cased, as names arrive.
 */
export function periodWordValues(period: Period): Readonly<Record<string, Value>> {
  const fy = fyBounds(period.fyBE);
  return { 'PERIOD.START': period.start, 'PERIOD.END': period.end, 'FY.START': fy.start, 'FY.END': fy.end, 'FY.YEAR': period.fyBE };
}

/** The names of a condition in one period: period words are that period's constants, any other name a field of the row. */
export function periodEnv<C>(period: Period, field: CompileEnv<C>['resolve']): CompileEnv<C> {
  const constants = periodWordValues(period);
  return {
    period,
    resolve: (name) => {
      if (!isPeriodWord(name)) return field(name);
      const v = constants[name]!;
      return { get: () => v, kind: periodWordKind(name) };
    },
  };
}
