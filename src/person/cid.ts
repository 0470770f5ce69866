/**
 * The Thai national ID (CID) as a number, or `null` unless it is exactly 13 digits with a
 * correct check digit: with d0…d11 the first twelve digits, sum = Σ dᵢ × (13 − i), check =
 * (11 − sum mod 11) mod 10, which must equal d12. The CID is read as text, so a leading 0 is
 * a digit like any other and `3509900001109.0` or `3.509900001109e12` is no CID. 13 digits
 * fit a double exactly, so a person is held by a number and the text of a CID is never kept.
 */
export function cidNumber(cid: string | null): number | null {
  if (cid === null || cid.length !== 13) return null;
  let n = 0;
  let sum = 0;
  for (let i = 0; i < 13; i++) {
    const d = cid.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return null;
    if (i < 12) sum += d * (13 - i);
    n = n * 10 + d;
  }
  return (11 - (sum % 11)) % 10 === n % 10 ? n : null;
}
