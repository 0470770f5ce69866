import type { Db, Dialect } from './connection.js';
import { ROW_ORDER } from './layout.js';
import { quoteIdent } from './quote.js';

/**
 * A database laid out by DHDC rather than by `kpi load` may type its columns: `BIRTH date`,
 * `D_UPDATE datetime`, `WEIGHT decimal`. Read as they are, a date would come back as
 * `2024-01-15` (or `0000-00-00` for an empty one) where kpi expects the export's `20240115`.
 * This gives, per table with such columns (keyed by upper-case name), a derived table that
 * reads every typed column back as the export wrote it: dates `YYYYMMDD`, datetimes
 * `YYYYMMDDHHMMSS`, a zero date as NULL, numbers as text. Text columns pass unchanged, as does
 * the row-order column and `passThrough` (the engine's own row order, `ctid` or `rowid`).
 */
export async function typedColumnSources(db: Db, passThrough: string | null): Promise<Map<string, string>> {
  const rows = await db.query(columnsSql(db.dialect));
  const byTable = new Map<string, Array<{ name: string; type: string }>>();
  for (const r of rows) {
    const table = String(r['t']);
    const list = byTable.get(table) ?? [];
    list.push({ name: String(r['c']), type: String(r['ty']).toLowerCase() });
    byTable.set(table, list);
  }
  const out = new Map<string, string>();
  const q = (s: string) => quoteIdent(db.dialect, s);
  for (const [table, columns] of byTable) {
    if (columns.every((c) => kindOf(c.type) === 'text' || c.name.toLowerCase() === ROW_ORDER)) continue;
    const list = columns.map((c) => {
      const kind = c.name.toLowerCase() === ROW_ORDER ? 'text' : kindOf(c.type);
      return `${kind === 'text' ? q(c.name) : asExportText(db.dialect, kind, q(c.name))} AS ${q(c.name.toLowerCase())}`;
    });
    if (passThrough) list.push(`${passThrough} AS ${passThrough}`);
    out.set(table.toUpperCase(), `(SELECT ${list.join(', ')} FROM ${q(table)})`);
  }
  return out;
}

type Kind = 'text' | 'date' | 'datetime' | 'number';

function kindOf(type: string): Kind {
  if (/char|text|string|clob|enum|set|uuid|json/.test(type)) return 'text';
  if (type === 'date') return 'date';
  if (/^(datetime|timestamp)/.test(type)) return 'datetime';
  if (/int|dec|numeric|double|float|real/.test(type)) return 'number';
  return 'text';
}

function columnsSql(d: Dialect): string {
  const schema = d === 'mysql' ? 'DATABASE()' : d === 'postgres' ? 'current_schema()' : "'main'";
  return `SELECT table_name AS t, column_name AS c, data_type AS ty FROM information_schema.columns WHERE table_schema = ${schema} ORDER BY table_name, ordinal_position`;
}

function asExportText(d: Dialect, kind: Exclude<Kind, 'text'>, col: string): string {
  if (kind === 'number') return d === 'mysql' ? `CAST(${col} AS CHAR)` : d === 'postgres' ? `CAST(${col} AS TEXT)` : `CAST(${col} AS VARCHAR)`;
  const date = kind === 'date';
  switch (d) {
    // MySQL keeps zero dates (0000-00-00), which DHDC's loads write for an empty field.
    case 'mysql': return `NULLIF(DATE_FORMAT(${col}, '${date ? '%Y%m%d' : '%Y%m%d%H%i%s'}'), '${date ? '00000000' : '00000000000000'}')`;
    case 'postgres': return `TO_CHAR(${col}, '${date ? 'YYYYMMDD' : 'YYYYMMDDHH24MISS'}')`;
    case 'duckdb': return `strftime(${col}, '${date ? '%Y%m%d' : '%Y%m%d%H%M%S'}')`;
  }
}
