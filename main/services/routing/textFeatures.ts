import { detectLanguage } from './detectLanguage.js';
import { LANGUAGE_STOPWORDS, type LanguageCode } from './languageStopwords.js';
import { lightStems } from './lightStem.js';
import { STOPWORDS } from './stopwords.js';
import { stemWord } from './stemWord.js';
import { transliterateDevanagari } from './transliterateDevanagari.js';

/**
 * What the lexical router sees of a message. Feature names carry a prefix per
 * kind so one vocabulary holds them all:
 *   w:<stem>         a content word, Porter-stemmed ("symptoms" -> w:symptom); in a
 *                    message in another language also its light stem (lightStem.ts)
 *   b:<stem>_<stem>  two consecutive content words ("side effects")
 *   c:<n-gram>       3-5 letter pieces of content words with word boundaries,
 *                    which carry misspellings and unseen inflections ("<diab")
 *   s:<signal>       shapes in the raw text: code (calls, braces, snake_case),
 *                    money and percentages, numbers
 * Each feature remembers the word it came from, so a decision can be
 * explained in the user's own words.
 */
export interface TextFeatures {
  /** Feature -> count. */
  counts: Map<string, number>;
  /** Feature -> index into `words` of the word it came from (a bigram: its second word; a signal: -1). */
  origin: Map<string, number>;
  /** The content words as written (lower case), in order; a corrected typo as "typed→read". */
  words: string[];
  /** Number of word tokens, stopwords included. */
  tokenCount: number;
  /** The language the words were read as (detectLanguage.ts, or as given). */
  language: LanguageCode;
}

export interface FeatureOptions {
  /** Character n-gram sizes; empty for none. Default [3, 4, 5]. */
  charNgrams?: readonly number[];
  /** Default true. */
  bigrams?: boolean;
  /** Default true. */
  signals?: boolean;
  /** Reads an unknown word as the known word it was probably meant to be (see spellingIndex.ts). */
  correct?: (word: string) => string | null;
  /** The message's language when already known; detected otherwise. */
  language?: LanguageCode;
  /** Light per-language stems beside Porter's for messages not in English (lightStem.ts). Default true. */
  lightStems?: boolean;
  /** Character n-gram sizes for the words of messages not in English only; default none (tuneRouter.ts --grid languages compares). */
  foreignCharNgrams?: readonly number[];
}

/** Past this many characters only the start and the end of a message are read: a pasted log says what it is early on. */
export const MAX_ANALYSED_CHARS = 4000;

const WORD = /[\p{L}\p{N}]+(?:[+#]+(?![\p{L}\p{N}]))?/gu;
const MARKS = /\p{M}+/gu;

export const SIGNALS: ReadonlyArray<readonly [string, RegExp, string]> = [
  ['call', /[A-Za-z_][A-Za-z0-9_]*\([^()\n]{0,80}\)/, 'a function call'],
  ['brace', /[{}]/, 'braces'],
  ['operator', /(?:==|!=|=>|->|::|\+=|-=|&&|\|\||:=|\+\+)/, 'a code operator'],
  ['assign', /\b[A-Za-z_][A-Za-z0-9_]*\s*=\s*[\w"'[{(]/, 'an assignment'],
  ['backtick', /`/, 'backticks'],
  ['snake', /\b[a-z]+_[a-z0-9_]+\b/, 'a snake_case name'],
  ['camel', /\b[a-z]+[A-Z][a-zA-Z0-9]*\b/, 'a camelCase name'],
  ['dotted', /\b[A-Za-z_]{2,}\.[A-Za-z_]{2,}\b/, 'a dotted name'],
  ['tag', /<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?>/, 'a markup tag'],
  ['semicolon-line', /;\s*$/m, 'a line ending in ;'],
  ['money', /[$€£¥]\s?\d|\d\s?(?:k|m|bn)?\s?(?:usd|eur|gbp|dollars?|euros?|pounds?)\b/i, 'an amount of money'],
  ['percent', /\d\s?%|\bpercent\b/i, 'a percentage'],
  ['number', /\d/, 'a number'],
];

function clip(text: string): string {
  return text.length > MAX_ANALYSED_CHARS ? `${text.slice(0, MAX_ANALYSED_CHARS - 1000)}\n${text.slice(-1000)}` : text;
}

/** Letters that Unicode does not decompose into a base letter and a mark. */
const LIGATURES: Record<string, string> = { ß: 'ss', ẞ: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ı: 'i' };

/**
 * Lower case, accents and other combining marks removed ("é", "ç", "ñ", "ü"),
 * ligatures spelt out ("ß" -> "ss", "œ" -> "oe"), typographic apostrophes
 * made plain: "Schlafstörungen" and "schlafstorungen", "Straße" and "strasse",
 * "cœur" and "coeur" read the same, as people type them either way. Hindi in
 * Devanagari is spelt in Latin letters first, as romanised Hindi is typed.
 */
export function normalizeText(text: string): string {
  // Before NFKD: Devanagari's vowel signs are combining marks the next step would strip.
  return transliterateDevanagari(text)
    .normalize('NFKD')
    .replace(MARKS, '')
    .toLowerCase()
    .replace(/[ßẞæœøłđı]/g, (c) => LIGATURES[c] ?? c)
    .replace(/[\u2018\u2019\u02bc`]/g, "'");
}

export function textFeatures(text: string, options: FeatureOptions = {}): TextFeatures {
  const charSizes = options.charNgrams ?? [3, 4, 5];
  const bigrams = options.bigrams ?? true;
  const counts = new Map<string, number>();
  const origin = new Map<string, number>();
  const words: string[] = [];
  const add = (key: string, from: number) => {
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (!origin.has(key)) origin.set(key, from);
  };
  const raw = clip(text);
  if (options.signals ?? true) {
    for (const [name, pattern] of SIGNALS) if (pattern.test(raw)) add(`s:${name}`, -1);
  }
  let tokenCount = 0;
  let previous: string | null = null;
  const language = options.language ?? detectLanguage(raw);
  const useLightStems = options.lightStems ?? true;
  const wordCharSizes = language === 'en' ? charSizes : [...new Set([...charSizes, ...(options.foreignCharNgrams ?? [])])];
  const ownStopwords = language === 'en' || language === 'und' ? null : LANGUAGE_STOPWORDS[language];
  for (const match of normalizeText(raw).matchAll(WORD)) {
    // "what's" arrives as "what" and "s", "don't" as "don" and "t": stopwords both.
    const typed = match[0];
    tokenCount++;
    if (STOPWORDS.has(typed) || ownStopwords?.has(typed) || /^\d+$/.test(typed)) continue;
    const corrected = options.correct?.(typed) ?? null;
    const word = corrected ?? typed;
    const index = words.push(corrected ? `${typed}→${corrected}` : typed) - 1;
    const stem = stemWord(word);
    add(`w:${stem}`, index);
    // Beside Porter's stem, not instead: the English words in a Hinglish or Spanish message ("code", "feedback") keep meeting their English examples.
    if (useLightStems) for (const light of lightStems(word, language)) if (light !== stem && light.length >= 2) add(`w:${light}`, index);
    if (bigrams && previous !== null) add(`b:${previous}_${stem}`, index);
    previous = stem;
    if (word.length >= 3) {
      const padded = `<${word}>`;
      for (const n of wordCharSizes) for (let i = 0; i + n <= padded.length; i++) add(`c:${padded.slice(i, i + n)}`, index);
    }
  }
  return { counts, origin, words, tokenCount, language };
}
