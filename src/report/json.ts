import type { ResultDocument } from '../results/schema.js';

/** No timestamps: the same input gives the same bytes. */
export function renderJson(doc: ResultDocument): string {
  return JSON.stringify(doc, null, 2) + '\n';
}
