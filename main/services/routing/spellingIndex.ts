/**
 * Typo tolerance without character n-grams: an unknown word one edit away
 * (a letter dropped, added, changed or two swapped) from a word the model
 * knows is read as that word, "symtoms" as "symptoms", "recieve" as
 * "receive". Symmetric-delete lookup: every known word is indexed under its
 * one-letter deletions, so a query costs a few dozen map lookups.
 */
export interface SpellingIndex {
  /** The known word this one most likely meant, or null (known already, too short, or nothing one edit away). */
  correct(word: string): string | null;
}

/** Shorter words have too many neighbours one edit away to guess from. */
export const MIN_CORRECTED_LENGTH = 6;

function deletes(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Damerau-Levenshtein distance is at most 1 (one insertion, deletion, substitution or adjacent swap). */
function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // swap
  }
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return short.slice(i) === long.slice(i + 1);
}

export function createSpellingIndex(counts: ReadonlyMap<string, number>): SpellingIndex {
  const byDelete = new Map<string, string[]>();
  const index = (key: string, word: string) => {
    const list = byDelete.get(key);
    if (list) list.push(word);
    else byDelete.set(key, [word]);
  };
  for (const word of counts.keys()) {
    if (word.length < MIN_CORRECTED_LENGTH - 1 || /[^a-z]/.test(word)) continue;
    index(word, word);
    for (const d of deletes(word)) index(d, word);
  }
  const cache = new Map<string, string | null>();
  return {
    correct(word) {
      if (word.length < MIN_CORRECTED_LENGTH || counts.has(word) || /[^a-z]/.test(word)) return null;
      const hit = cache.get(word);
      if (hit !== undefined) return hit;
      let best: string | null = null;
      let bestCount = 0;
      for (const key of [word, ...deletes(word)]) {
        for (const candidate of byDelete.get(key) ?? []) {
          const n = counts.get(candidate) ?? 0;
          if (n > bestCount && withinOneEdit(word, candidate)) {
            best = candidate;
            bestCount = n;
          }
        }
      }
      if (cache.size > 20_000) cache.clear();
      cache.set(word, best);
      return best;
    },
  };
}
