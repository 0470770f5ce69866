import type { CheckedTemplate } from '../template/checked.js';
import type { Template } from '../template/schema.js';
import { sourceText } from '../template/source.js';

/** One line of `kpi list`; also its JSON shape. */
export interface ListRow {
  readonly id: string;
  readonly title: Template['title'];
  readonly level: Template['level'] | null;
  readonly unit: Template['unit'];
  readonly target: string | null;
  readonly reference: string;
  /** Which book the definition comes from, in both languages (JSON only). */
  readonly source: { th: string; en: string } | null;
}

export function listRows(templates: readonly CheckedTemplate[]): ListRow[] {
  return templates.map(({ template: t }) => ({ id: t.id, title: t.title, level: t.level ?? null, unit: t.unit, target: t.target ?? null, reference: t.reference, source: t.source ? sourceText(t.source) : null }));
}
