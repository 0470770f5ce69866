import type { Period } from '../period/period.js';
import type { CheckedTemplate } from '../template/checked.js';
import { DIALECTS } from './dialects/index.js';
import type { DialectName } from './dialect.js';
import type { SourceOptions } from './plan-root.js';
import { templateSql } from './query.js';

export { DIALECT_NAMES, SqlCompileError, type DialectName, type SqlDialect } from './dialect.js';
export { measureColumn, ROWS_COLUMN } from './query.js';
export { ROW_ORDER_COLUMN } from './names.js';
export type { SourceOptions } from './plan-root.js';

/** The query of one template for one dialect, or `null` for a weighted composite (graded from other indicators' scores, nothing to count). */
export function compileTemplate(t: CheckedTemplate, period: Period, dialect: DialectName, src: SourceOptions): string | null {
  if (t.composite) return null;
  return templateSql(t, period, DIALECTS[dialect], src);
}
