import { COMMON_WORDS } from '../scripts/fixtures/commonWords.js';

/** The words English prose cannot do without: a third or more of any English text, a few percent of random pieces. */
const FUNCTION_WORDS = new Set(['the', 'a', 'an', 'and', 'to', 'of', 'in', 'on', 'was', 'is', 'he', 'she', 'it', 'they', 'her', 'his', 'him', 'them', 'with', 'that', 'there', 'for', 'at', 'but', 'so', 'had', 'said', 'i', 'you', 'we', 'be', 'not']);
/** Frequent words of simple stories, beside the fixtures' common words. */
const STORY_WORDS = ['named', 'loved', 'wanted', 'liked', 'saw', 'played', 'mom', 'mommy', 'dad', 'park', 'tree', 'ball', 'dog', 'cat', 'bird', 'toy', 'sad', 'smiled', 'felt', 'fun', 'together', 'outside', 'found', 'went', 'big', 'red', 'sun', 'sky', 'did', 'too', 'lily', 'tim', 'ben', 'sue', 'asked', 'looked', 'wanted', 'could', 'not', 'very', 'day', 'saw', 'got', 'let', 'us', 'can'];
const KNOWN = new Set([...COMMON_WORDS.map((w) => w.toLowerCase()), ...STORY_WORDS]);

export interface ProseVerdict {
  ok: boolean;
  words: number;
  /** Share of the words that are function words. */
  functionShare: number;
  /** Share of the words found in a small English vocabulary. */
  knownShare: number;
}

/**
 * Whether text reads as English prose, by two rates that random text cannot
 * reach by chance: function words (the, and, was...: 30-50% of English, a
 * few percent of random tokens, which is what a random-weight model emits) and
 * words in a small vocabulary. Used where a test says "the model answered in
 * English": counting a handful of common words found anywhere passed on
 * random tokens of a real vocabulary, whose pieces include "a", "he", "the".
 */
export function englishProse(text: string, { minWords = 15, minFunctionShare = 0.25, minKnownShare = 0.55 } = {}): ProseVerdict {
  const words = text.toLowerCase().match(/[a-z]+(?:'[a-z]+)?/g) ?? [];
  const count = (set: { has(w: string): boolean }) => words.filter((w) => set.has(w)).length / Math.max(1, words.length);
  const functionShare = count(FUNCTION_WORDS);
  const knownShare = count(KNOWN);
  return { ok: words.length >= minWords && functionShare >= minFunctionShare && knownShare >= minKnownShare, words: words.length, functionShare, knownShare };
}
