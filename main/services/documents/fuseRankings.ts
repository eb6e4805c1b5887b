/**
 * Reciprocal rank fusion: each list votes 1 / (k + rank) for the ids it
 * ranks, rank 1-based. It needs no score calibration between BM25 and cosine
 * distance, which have nothing in common, and k = 60 (Cormack et al., 2009)
 * keeps one list's top hit from outvoting agreement between lists.
 */
export function fuseRankings<T>(lists: readonly (readonly T[])[], k = 60): { id: T; score: number }[] {
  const scores = new Map<T, number>();
  for (const list of lists) {
    list.forEach((id, index) => scores.set(id, (scores.get(id) ?? 0) + 1 / (k + index + 1)));
  }
  return [...scores].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score);
}
