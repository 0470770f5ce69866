import type { CheckedTemplate } from '../template/checked.js';
import type { Template } from '../template/schema.js';

/** One line of `kpi list`; also its JSON shape. */
export interface ListRow {
  readonly id: string;
  readonly title: Template['title'];
  readonly level: Template['level'] | null;
  readonly unit: Template['unit'];
  readonly target: string | null;
  readonly reference: string;
}

export function listRows(templates: readonly CheckedTemplate[]): ListRow[] {
  return templates.map(({ template: t }) => ({ id: t.id, title: t.title, level: t.level ?? null, unit: t.unit, target: t.target ?? null, reference: t.reference }));
}
