import { FIELD_LISTS, KNOWN_TABLES } from './f43-fields.js';

/** C character, N numeric, D date YYYYMMDD, DT datetime YYYYMMDDHHMMSS, JSON (DATA_CORRECT). */
export type FieldType = 'C' | 'N' | 'D' | 'DT' | 'JSON';

export interface FieldDef {
  readonly name: string;
  readonly type: FieldType;
}

export interface TableDef {
  readonly name: string;
  /** `undefined` for a table known by name only (any column is accepted). */
  readonly fields?: ReadonlyMap<string, FieldDef>;
  /** Key columns for merging exports; the 9-digit unit twins of v2.4.1 are left out, older exports lack them. */
  readonly primaryKey: readonly string[];
}

function build(): ReadonlyMap<string, TableDef> {
  const tables = new Map<string, TableDef>();
  for (const name of KNOWN_TABLES) tables.set(name, { name, primaryKey: [] });
  for (const [name, list] of Object.entries(FIELD_LISTS)) {
    const fields = new Map<string, FieldDef>();
    const primaryKey: string[] = [];
    for (const entry of list) {
      const [field, spec] = entry.split(':') as [string, string];
      const isKey = spec.endsWith('*');
      fields.set(field, { name: field, type: (isKey ? spec.slice(0, -1) : spec) as FieldType });
      if (isKey && !/9/.test(field)) primaryKey.push(field);
    }
    tables.set(name, { name, fields, primaryKey });
  }
  return tables;
}

export const TABLES: ReadonlyMap<string, TableDef> = build();

/** The registry entry for a table name (any case), or `undefined` for a free-form CSV table. */
export function tableDef(name: string): TableDef | undefined {
  return TABLES.get(name.toUpperCase());
}

/** A column's type: from the registry, else C (free-form tables hold text; `num()` reads numbers). */
export function fieldType(table: string, field: string): FieldType | undefined {
  const def = tableDef(table);
  if (!def?.fields) return 'C';
  return def.fields.get(field.toUpperCase())?.type;
}

/**
 * The table a file holds, from its base name: the longest known table name that
 * the name starts with (so `accident_07487_20251001085344` is ACCIDENT and
 * `DRUGALLERGY` is not DRUG_OPD), else the whole base name (summary exports).
 */
export function tableForFileName(baseName: string): string {
  const upper = baseName.toUpperCase();
  let best = '';
  for (const name of TABLES.keys()) {
    if (name.length > best.length && upper.startsWith(name) && (upper.length === name.length || /[^A-Z]/.test(upper[name.length]!))) best = name;
  }
  return best || upper;
}
