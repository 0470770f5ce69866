import { readTable } from '../data/read.js';
import { fileInput } from '../data/inputs.js';
import { RowIssues } from '../data/issues.js';
import { namesIn } from '../expr/ast.js';
import type { Value } from '../expr/kinds.js';
import { columnList, isPeriodWord, parseCount, splitName } from '../template/fields.js';
import type { CheckedMeasure, CheckedTemplate } from '../template/checked.js';
import type { SqlDialect } from './dialect.js';
import { columnName } from './names.js';

/**
 * A measure's own `file` (a baseline shipped with the template) is not in the database: it is
 * read through kpi's reader, as the engine reads it, and written into the query as rows
 * (`SELECT 'v' AS c … UNION ALL …`), every value a quoted literal. Keyed by table name.
 */
export async function inlineFiles(t: CheckedTemplate, d: SqlDialect, order: string | null): Promise<Map<string, string>> {
  const wanted = new Map<string, { file: string; columns: Set<string> }>();
  for (const m of t.measures.values()) {
    if (m.file === null || m.name !== m.rootName) continue;
    const table = m.query.from.toUpperCase();
    const w = wanted.get(table) ?? { file: m.file, columns: new Set<string>() };
    for (const c of columnsOf(t, m)) w.columns.add(c);
    wanted.set(table, w);
  }
  const out = new Map<string, string>();
  for (const [table, { file, columns }] of wanted) {
    const names = [...columns];
    const rows: Value[][] = [];
    await readTable(fileInput(table, file), names.map((name) => ({ name, type: 'C' })), (values) => { rows.push(values); }, new RowIssues());
    out.set(table, rowsSql(d, names, rows, order));
  }
  return out;
}

/** Every column the measures over this file read. */
function columnsOf(t: CheckedTemplate, root: CheckedMeasure): string[] {
  const q = root.query;
  const names = new Set<string>();
  const add = (n: string) => { const ref = splitName(q, n); if (!isPeriodWord(n.toUpperCase())) names.add(ref.field); };
  for (const m of t.measures.values()) {
    if (m.rootName !== root.name) continue;
    for (const e of [...m.where, ...m.extra]) for (const n of namesIn(e)) add(n.name);
  }
  if (q.sum) add(q.sum);
  const count = q.count ? parseCount(q.count) : null;
  if (count?.kind === 'distinct') count.columns.forEach(add);
  if (q.area && typeof q.area === 'object') add('code' in q.area ? q.area.code : q.area.region);
  else add('HOSPCODE');
  for (const k of [q.latest, q.earliest]) if (k) { columnList(k.per).forEach(add); add(k.by); }
  return [...names];
}

function rowsSql(d: SqlDialect, columns: readonly string[], rows: readonly Value[][], order: string | null): string {
  const cell = (v: Value) => (v === null ? d.toText('NULL') : d.quoteText(String(v)));
  const select = (values: readonly Value[], i: number) => `SELECT ${[...columns.map((c, j) => `${cell(values[j] ?? null)} AS ${columnName(d, c)}`), ...(order ? [`${i} AS ${order}`] : [])].join(', ')}`;
  if (rows.length === 0) return `(SELECT * FROM (${select(columns.map(() => null), 0)}) e WHERE 1 = 0)`;
  return `(${rows.map(select).join(' UNION ALL ')})`;
}
