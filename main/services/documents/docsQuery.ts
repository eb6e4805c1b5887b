/**
 * A question as an FTS5 MATCH expression over document chunks. Unlike the
 * chat search box (every word must match), a question's words are ORed and
 * BM25 ranks chunks that hold more of the rarer ones first: "how do I cancel
 * a download" must find a chunk that says "abort the request". Common words
 * are dropped (they only add noise and time), every word is quoted so no
 * operator or syntax error can come from the text. Null when nothing is left.
 */
const WORD = /[\p{L}\p{N}\p{M}\p{Co}_]+/gu;
const MAX_TERMS = 32;

const STOPWORDS = new Set(
  ('a about above after again against all am an and any are as at be because been before being below between both but by can could did do does doing down during each ' +
    'few for from further had has have having he her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not of off on once ' +
    'only or other our ours ourselves out over own same she should so some such than that the their theirs them themselves then there these they this those through to too under ' +
    'until up very was we were what when where which while who whom why will with would you your yours yourself yourselves use used using get set make way does want need')
    .split(' '),
);

/** The words of a question that are searched for, lowercased, each once, common words dropped (unless nothing else is left). */
export function docsTerms(text: string): string[] {
  const words = text.normalize('NFC').toLowerCase().match(WORD) ?? [];
  const kept = [...new Set(words.flatMap((w) => w.split('_').concat(w.includes('_') ? [w] : [])).filter((w) => w && !STOPWORDS.has(w)))].slice(0, MAX_TERMS);
  // A question made only of common words ("what is this") still searches for them.
  return kept.length ? kept : [...new Set(words)].slice(0, MAX_TERMS);
}

/** Terms as an FTS5 MATCH expression: each quoted (a phrase), ORed. Null when there is none. */
export function matchAny(terms: readonly string[]): string | null {
  return terms.length ? terms.map((w) => `"${w.replaceAll('"', '""')}"`).join(' OR ') : null;
}

export function docsQuery(text: string): string | null {
  return matchAny(docsTerms(text));
}
