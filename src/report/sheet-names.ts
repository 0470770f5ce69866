/** Excel refuses these in a sheet name, and names longer than 31 characters. */
const FORBIDDEN = /[[\]:*?/\\]/g;
const MAX = 31;

/**
 * The summary sheet's name, then one per indicator id: cut to 31 characters and made unique
 * (Excel compares sheet names without case) with a `~2`, `~3` … suffix.
 */
export function sheetNames(summary: string, ids: readonly string[]): string[] {
  const used = new Set<string>();
  return [summary, ...ids].map((raw) => {
    const base = raw.replace(FORBIDDEN, '_').replace(/^'|'$/g, '_').slice(0, MAX) || 'sheet';
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = base.slice(0, MAX - `~${n}`.length) + `~${n}`;
    used.add(name.toLowerCase());
    return name;
  });
}
