/**
 * The Thai national ID check digit: with d0…d11 the first twelve digits,
 * sum = Σ dᵢ × (13 − i), check = (11 − sum mod 11) mod 10, which must equal d12.
 */
export function isValidCid(cid: string): boolean {
  if (!/^\d{13}$/.test(cid)) return false;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(cid[i]) * (13 - i);
  return (11 - (sum % 11)) % 10 === Number(cid[12]);
}
