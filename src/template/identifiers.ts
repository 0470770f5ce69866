import type { FieldRef } from './fields.js';

/**
 * Columns of the 43 files that identify a person or a house (`shared/reference/f43.md`):
 * national and family CIDs, names, hospital, passport, card and registration numbers,
 * telephones, and the house's address and position. Area codes (CHANGWAT, AMPUR,
 * TAMBON, VILLAGE) and the exporter's own ids (PID, HID, SEQ) are not among them.
 * Matched by column name in every table, free-form ones included.
 */
export const IDENTIFIER_COLUMNS: ReadonlySet<string> = new Set([
  'CID', 'FATHER', 'MOTHER', 'COUPLE', 'NAME', 'LNAME', 'HN', 'AN', 'PASSPORT', 'INSID', 'DISABID',
  'TELEPHONE', 'MOBILE', 'HOUSE_ID', 'HOUSE', 'HOUSENO', 'ROOMNO', 'CONDO', 'SOISUB', 'SOIMAIN', 'ROAD', 'VILLANAME',
  'LATITUDE', 'LONGITUDE',
]);

/**
 * Why `ref` may not stand where a value is summed, placed by or shown (`role`), or null.
 * Conditions and keys (count distinct, join, exists, latest per, a person key) never print
 * a value, so they may name identifiers; those positions do not call this.
 */
export function identifierProblem(ref: FieldRef, role: string): string | null {
  if (!IDENTIFIER_COLUMNS.has(ref.field)) return null;
  return `${ref.table}.${ref.field} identifies a person or a house: it may be used in conditions and person keys, not ${role}`;
}
