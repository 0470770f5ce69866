import type { ColumnRequest } from '../data/read.js';
import { fieldType, type FieldType } from '../data/tables.js';

/** The columns one table must yield, in the order the reader hands them over. */
export class TableColumns {
  private readonly index = new Map<string, number>();
  readonly requests: ColumnRequest[] = [];
  /** Which templates need each column, for the message when one is missing. */
  readonly neededBy = new Map<string, Set<string>>();

  constructor(readonly table: string) {}

  /** Columns read only to link persons (a row's own CID): a file without one is no news, so not warned about. */
  readonly unwarned = new Set<string>();

  /** Columns first requested by the person model with a type of its own (see `typedSlot`). */
  private readonly retyped = new Set<string>();

  /** The slot of `field` in every row of this table, requesting it on first use. */
  slot(field: string, templateId: string, summed = false): number {
    const name = field.toUpperCase();
    this.unwarned.delete(name);
    let i = this.index.get(name);
    if (i === undefined) {
      i = this.requests.length;
      this.index.set(name, i);
      this.requests.push(summed ? { name, type: 'N', summed: true } : { name, type: this.typeOf(name, false) });
    } else if (summed && !this.requests[i]!.summed) {
      this.retyped.delete(name);
      this.requests[i] = { name, type: 'N', summed: true };
    } else if (this.retyped.delete(name)) {
      // A template names the column itself: it reads as always, and the person model copes with either type.
      this.requests[i] = { name, type: this.typeOf(name, false) };
    }
    this.need(name, templateId);
    return i;
  }

  /**
   * The person model's own columns, read as `type` unless a template names them too: D_UPDATE
   * as a number (no string made per row; a bad D_UPDATE only orders last, it does not cost the
   * row), a CID as text (13 digits, leading zeros kept).
   */
  typedSlot(field: string, templateId: string, type: FieldType): number {
    const name = field.toUpperCase();
    let i = this.index.get(name);
    if (i === undefined) {
      i = this.requests.length;
      this.index.set(name, i);
      this.requests.push({ name, type });
      this.retyped.add(name);
    }
    this.need(name, templateId);
    return i;
  }

  private need(name: string, templateId: string): void {
    const by = this.neededBy.get(name) ?? new Set<string>();
    by.add(templateId);
    this.neededBy.set(name, by);
  }

  /** Like `typedSlot`, for a column whose absence is expected (a row's own CID), unless a template also names it. */
  quietSlot(field: string, templateId: string, type: FieldType): number {
    const name = field.toUpperCase();
    const quiet = !this.index.has(name) || this.unwarned.has(name);
    const i = this.typedSlot(field, templateId, type);
    if (quiet) this.unwarned.add(name);
    return i;
  }

  /** The slot of `field` when some measure requested it. */
  find(field: string): number | undefined {
    return this.index.get(field.toUpperCase());
  }

  private typeOf(name: string, summed: boolean): FieldType {
    if (summed) return 'N';
    return fieldType(this.table, name) ?? 'C';
  }
}
