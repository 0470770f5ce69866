/** Edits (insert, delete, substitute) between two strings, compared without case. */
export function editDistance(a: string, b: string): number {
  const s = [...a.toLowerCase()];
  const t = [...b.toLowerCase()];
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    for (let j = 1; j <= t.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (s[i - 1] === t[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[t.length]!;
}

/**
 * The known name closest to a mistyped one, if it is close enough to be the likely intent:
 * at most a third of its length in edits (at least 1), or a start or part of it.
 */
export function nearest(typed: string, known: Iterable<string>): string | undefined {
  let best: { name: string; score: number; d: number } | undefined;
  const low = typed.toLowerCase();
  for (const name of known) {
    const d = editDistance(typed, name);
    const contained = low.length >= 3 && name.toLowerCase().includes(low);
    const score = contained ? Math.min(d, 1) : d;
    const closer = !best || score < best.score || (score === best.score && d < best.d);
    if (score <= Math.max(1, Math.floor(name.length / 3)) && closer) best = { name, score, d };
  }
  return best?.name;
}
