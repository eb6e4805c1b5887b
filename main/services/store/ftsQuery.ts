/**
 * Turns what a person typed into an FTS5 MATCH expression that cannot be a
 * syntax error: only the words are kept, each one quoted, so `"`, `*`, `-`,
 * `:`, `(`, AND/OR/NOT and NEAR are searched for as text, never as operators.
 * Words are ANDed; the last one also matches as a prefix, for search-as-you-type.
 * Returns null when nothing searchable is left (only punctuation, say).
 *
 * Word characters follow the unicode61 tokenizer (letters, numbers, private
 * use) plus combining marks, so a decomposed "é" stays one word.
 */
const WORD = /[\p{L}\p{N}\p{M}\p{Co}]+/gu;

/** Bounds the work one query can ask for; nobody types more in a search box. */
const MAX_WORDS = 32;

export function ftsQuery(text: string): string | null {
  const words = text.normalize('NFC').match(WORD)?.slice(0, MAX_WORDS);
  if (!words || words.length === 0) return null;
  // The words hold no `"` after the match above, so quoting needs no escaping.
  return words.map((word, i) => (i === words.length - 1 ? `"${word}"*` : `"${word}"`)).join(' ');
}
