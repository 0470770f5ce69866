// A range evaluator for tests of the reading pool: it reads a range's rows and posts them
// back as its partial, marked with the thread that read it. Plain JS over dist/, so that a
// worker can load it as it is.
import { readRange } from '../../dist/data/range.js';

/** `decline(n)`: whether this evaluator's n-th range (from 0) is declined, to be read on the main thread in its turn. */
export function rowsEvaluator(thread, decline = () => false) {
  let n = 0;
  return {
    async evaluate(job, issues) {
      if (decline(n++)) return null;
      const rows = [];
      const end = await readRange(job, (values) => rows.push(values.slice()), issues);
      return { end, partial: { thread, rows }, transfer: [] };
    },
    recycle() {},
  };
}
