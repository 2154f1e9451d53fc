/** Optimal string alignment distance, case-insensitive: how many typed characters separate `a` from `b`. */
function typingDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const rows = Array.from({ length: s.length + 1 }, (_, i) => [i, ...new Array<number>(t.length).fill(0)]);
  for (let j = 1; j <= t.length; j++) rows[0][j] = j;
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1])
        rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
    }
  }
  return rows[s.length][t.length];
}

/**
 * The one name of `candidates` that `written` is a slip of (a character or two, a swap, wrong case), or
 * undefined when none is that close or two are equally close.
 */
export function closestName(written: string, candidates: readonly string[]): string | undefined {
  // A typo is short, and the table is quadratic in the lengths: long text is never compared.
  if (written.length > 64 || !candidates.length) return undefined;
  const ranked = candidates
    .map((candidate) => ({ candidate, distance: typingDistance(written, candidate) }))
    .sort((a, b) => a.distance - b.distance);
  const [best] = ranked;
  const second = ranked.at(1);
  const limit = Math.max(2, Math.floor(best.candidate.length / 4));
  if (best.distance > limit || second?.distance === best.distance) return undefined;
  return best.candidate;
}
