/** A set of person numbers (as the registry hands them out) is a set of small numbers, one bit each. */
export { IdSet as PersonSet } from '../data/id-set.js';
