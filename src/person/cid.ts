/**
 * The Thai national ID (CID) as a number, or `null` unless it is 13 digits with a correct check
 * digit: with d0…d11 the first twelve digits, sum = Σ dᵢ × (13 − i), check = (11 − sum mod 11)
 * mod 10, which must equal d12. 13 digits fit a double exactly, so a person is held by a number
 * and the text of a CID is never kept.
 */
export function cidNumber(text: string | null): number | null {
  if (text === null || text.length !== 13) return null;
  let sum = 0;
  let n = 0;
  for (let i = 0; i < 13; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return null;
    if (i < 12) sum += d * (13 - i);
    n = n * 10 + d;
  }
  return (11 - (sum % 11)) % 10 === n % 10 ? n : null;
}

export function isValidCid(cid: string): boolean {
  return cidNumber(cid) !== null;
}
