import { cidNumber } from '../person/cid.js';

/** Whether `kpi check` takes a CID as valid: the person model's own rule (`cidNumber`), so the two never disagree. */
export function isValidCid(cid: string): boolean {
  return cidNumber(cid) !== null;
}
