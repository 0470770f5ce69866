import { readHeader } from '../data/read.js';
import type { TableInput } from '../data/read.js';
import type { Period } from '../period/period.js';
import type { CheckedTemplate } from '../template/checked.js';
import { columnsNeeded } from './coverage.js';
import { missingTables, withTemplateFiles } from './run.js';

/** What an export lacks for one template: `kpi list --data`. Empty lists: it can be computed. */
export interface Computability {
  readonly id: string;
  readonly missingTables: string[];
  readonly missingColumns: Array<{ file: string; columns: string[] }>;
  /** The weighted parts that cannot be computed (a composite needs all of them). */
  readonly missingParts: string[];
}

/**
 * Which templates an export can compute, from the tables found and their header lines only:
 * the tables as `compute` looks them up (template files included) and the columns as planning
 * asks for them (`columnsNeeded`), so the answer is what a run would do.
 */
export async function computability(templates: readonly CheckedTemplate[], given: Map<string, TableInput[]>, period: Period): Promise<Computability[]> {
  const data = await withTemplateFiles(templates, given);
  const tables = new Map(missingTables(templates, data).map((m) => [m.templateId, m.tables]));
  const lacking = new Map<string, Array<{ file: string; columns: string[] }>>();
  for (const [table, byColumn] of columnsNeeded(templates, period)) {
    for (const input of data.get(table) ?? []) {
      const header = new Set(await readHeader(input));
      for (const [column, ids] of byColumn) {
        if (header.has(column.toUpperCase())) continue;
        for (const id of ids) addColumn(lacking, id, input.display, column);
      }
    }
  }
  const out = new Map<string, Computability>();
  for (const t of templates) {
    if (t.composite) continue;
    out.set(t.template.id, { id: t.template.id, missingTables: tables.get(t.template.id) ?? [], missingColumns: lacking.get(t.template.id) ?? [], missingParts: [] });
  }
  for (const t of templates) {
    if (!t.composite) continue;
    const parts = t.composite.parts.map((p) => p.indicator).filter((p) => !isComputable(out.get(p)));
    out.set(t.template.id, { id: t.template.id, missingTables: [], missingColumns: [], missingParts: parts });
  }
  return templates.map((t) => out.get(t.template.id)!);
}

export function isComputable(c: Computability | undefined): boolean {
  return c !== undefined && c.missingTables.length === 0 && c.missingColumns.length === 0 && c.missingParts.length === 0;
}

function addColumn(lacking: Map<string, Array<{ file: string; columns: string[] }>>, id: string, file: string, column: string): void {
  const list = lacking.get(id) ?? [];
  const entry = list.find((e) => e.file === file) ?? { file, columns: [] };
  if (!list.includes(entry)) list.push(entry);
  if (!entry.columns.includes(column)) entry.columns.push(column);
  lacking.set(id, list);
}
