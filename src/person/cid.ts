/**
 * The Thai national ID (CID) as a number, or `null` unless it is 13 digits with a correct check
 * digit: with d0…d11 the first twelve digits, sum = Σ dᵢ × (13 − i), check = (11 − sum mod 11)
 * mod 10, which must equal d12. 13 digits fit a double exactly, so a person is held by a number
 * and the text of a CID is never kept. The engine reads CID columns as numbers (no string per
 * row); a number has no leading zero, and Thai CIDs start with 1–8, so 13 digits means
 * 10^12 ≤ n < 10^13.
 */
export function cidNumber(cid: string | number | null): number | null {
  if (typeof cid === 'number') return Number.isInteger(cid) && cid >= 1e12 && cid < 1e13 && checks(cid) ? cid : null;
  if (cid === null || cid.length !== 13) return null;
  let n = 0;
  for (let i = 0; i < 13; i++) {
    const d = cid.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return null;
    n = n * 10 + d;
  }
  return checks(n) && cid.charCodeAt(0) !== 48 ? n : null;
}

/** The check digit of a 13-digit number (as a number: no leading zero), in two halves that fit 32-bit integers. */
function checks(n: number): boolean {
  let lo = n % 1e7;
  let hi = (n - lo) / 1e7;
  const last = lo % 10;
  lo = (lo - last) / 10;
  let sum = 0;
  for (let w = 2; w <= 7; w++) { const d = lo % 10; sum += d * w; lo = (lo - d) / 10; }
  for (let w = 8; w <= 13; w++) { const d = hi % 10; sum += d * w; hi = (hi - d) / 10; }
  return (11 - (sum % 11)) % 10 === last;
}

export function isValidCid(cid: string): boolean {
  return cidNumber(cid) !== null;
}
