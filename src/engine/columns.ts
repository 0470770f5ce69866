import type { ColumnRequest } from '../data/read.js';
import { fieldType, type FieldType } from '../data/tables.js';

/** The columns one table must yield, in the order the reader hands them over. */
export class TableColumns {
  private readonly index = new Map<string, number>();
  readonly requests: ColumnRequest[] = [];
  /** Which templates need each column, for the message when one is missing. */
  readonly neededBy = new Map<string, Set<string>>();

  constructor(readonly table: string) {}

  /** The slot of `field` in every row of this table, requesting it on first use. */
  slot(field: string, templateId: string, summed = false): number {
    const name = field.toUpperCase();
    let i = this.index.get(name);
    if (i === undefined) {
      i = this.requests.length;
      this.index.set(name, i);
      this.requests.push(summed ? { name, type: 'N', summed: true } : { name, type: this.typeOf(name, false) });
    } else if (summed && !this.requests[i]!.summed) {
      this.requests[i] = { name, type: 'N', summed: true };
    }
    const by = this.neededBy.get(name) ?? new Set<string>();
    by.add(templateId);
    this.neededBy.set(name, by);
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
