import { LANGUAGE_STOPWORDS, ROUTED_LANGUAGES, type LanguageCode, type RoutedLanguage } from './languageStopwords.js';
import { shippedExamplesByLanguage } from './shippedRoutingData.js';

/**
 * Which language a chat message is written in, among the ones the router has
 * examples for, in a few microseconds and without a model: function words
 * ("the", "que", "der", "hai") counted against per-language lists, each word
 * weighted by how few languages share it ("de" is Spanish, French, Portuguese
 * and Italian; "del" only Spanish and Italian; "wie" only German), plus letters
 * and letter groups only some languages write (ñ ¿ in Spanish, ß in German,
 * "ção" in Portuguese, "zione" in Italian, "eau" in French) and Devanagari.
 *
 * When two languages come close (Spanish and Portuguese share many function
 * words), letter trigrams settle it: a profile per language from the shipped
 * example phrases, compared by smoothed log-likelihood.
 *
 * 'und' when nothing decides: a bare keyword ("derivadas", "haiku") or two
 * languages still tied. The router then reads the words every way it knows.
 */

/** English function words for detection only: frequent, and rarely another language's word. */
const ENGLISH = new Set(
  `the and is are was were to of my how what why when where which who should would could can do does did have has had i you
  your it its for with this that these those be been not about from please me we our they their there here an any some will
  just get make need want help explain write tell give using use much many more than then also into out up if or but so at by on in
  a s t d ll re ve don doesn isn`
    .split(/\s+/)
    .filter(Boolean),
);

const LISTS: ReadonlyArray<readonly [RoutedLanguage, ReadonlySet<string>]> = [['en', ENGLISH], ...(Object.entries(LANGUAGE_STOPWORDS) as Array<[RoutedLanguage, ReadonlySet<string>]>)];

/** word -> languages whose list holds it. */
const OWNERS = new Map<string, RoutedLanguage[]>();
for (const [language, list] of LISTS) for (const w of list) OWNERS.set(w, [...(OWNERS.get(w) ?? []), language]);

/**
 * Spelling that points to a language, on the lower-cased text with its accents.
 * Each match adds its weight (a match is worth about one shared function word);
 * per pattern at most three matches count, so one long word does not decide.
 */
const CUES: ReadonlyArray<readonly [RoutedLanguage, RegExp, number]> = [
  ['es', /[ñ¿¡]/g, 1.5],
  ['es', /ci[oó]n(?:es)?(?=$|[\s?!.,])/g, 0.8],
  ['es', /\b\p{L}+[aeií]d[oa]s?\b/gu, 0.15],
  ['pt', /[ãõ]/g, 1.5],
  ['pt', /\b\p{L}*(?:nh|lh)\p{L}*\b/gu, 0.5],
  ['pt', /ç[ãõ]|ções\b/g, 1],
  ['fr', /[ëîûœ]|\bà\b|\boù\b/gu, 0.6],
  ['fr', /ç/g, 0.4],
  ['pt', /ç/g, 0.4],
  ['fr', /\b\p{L}+(?:eau|eaux|eux|euse|ait|aient|ez)\b/gu, 0.6],
  ['fr', /(?:^|[\s(])(?:[ldjnmc]|qu)'\p{L}/gu, 0.8],
  ['de', /[äöüß]/g, 1.5],
  ['de', /\b\p{L}*(?:sch|tz|chen|ung|keit|heit|lich|ei)\p{L}*\b/gu, 0.3],
  ['it', /\b\p{L}+(?:zione|zioni|mente|ggi|cch|gli|gn)\p{L}*\b/gu, 0.5],
  ['it', /\p{L}[àèìòù](?=$|[\s?!.,])|(?:^|\s)è(?=\s)/gu, 0.6],
  ['hi', /[\u0900-\u097f]/g, 3],
  ['hi', /\b\p{L}*(?:aa|kh|bh|dh|jh|ph)\p{L}*\b/gu, 0.3],
];

const WORD = /[\p{L}']+/gu;
const MARKS = /\p{M}+/gu;

export interface LanguageGuess {
  language: LanguageCode;
  /** Score per routed language (function words plus spelling cues), for tests and tuning. */
  scores: Record<RoutedLanguage, number>;
}

/** Past this many characters the start of a message says what its language is. */
const DETECT_CHARS = 2000;

export function detectLanguageScores(text: string): LanguageGuess {
  const raw = text.slice(0, DETECT_CHARS).toLowerCase();
  const scores = Object.fromEntries(ROUTED_LANGUAGES.map((l) => [l, 0])) as Record<RoutedLanguage, number>;
  const plain = raw.normalize('NFKD').replace(MARKS, '');
  for (const match of plain.matchAll(WORD)) {
    // "l'automne" counts its "l" as French; "what's" its "what" as English.
    for (const part of match[0].split("'")) {
      const owners = OWNERS.get(part);
      if (owners) for (const l of owners) scores[l] += 1 / owners.length;
    }
  }
  for (const [language, pattern, weight] of CUES) {
    let n = 0;
    for (const _ of raw.matchAll(pattern)) if (++n >= 3) break;
    scores[language] += n * weight;
  }
  const ranked = [...ROUTED_LANGUAGES].sort((a, b) => scores[b] - scores[a]);
  const best = scores[ranked[0]!];
  // One weak cue is not enough: a bare keyword stays 'und' unless its letters clearly say.
  const close = best >= MIN_EVIDENCE ? ranked.filter((l) => scores[l] > best - CLOSE) : [...ROUTED_LANGUAGES];
  if (close.length === 1) return { language: close[0]!, scores };
  const letters = plain.replace(/[^\p{L}]+/gu, '').length;
  const byTrigrams = trigramChoice(raw, close, best >= MIN_EVIDENCE ? TRIGRAM_MARGIN : TRIGRAM_MARGIN_ALONE);
  return { language: byTrigrams !== 'und' && (best >= MIN_EVIDENCE || letters >= MIN_LETTERS_ALONE) ? byTrigrams : 'und', scores };
}

/** Below this the function words and cues say nothing alone. */
const MIN_EVIDENCE = 0.9;
/** Languages within this of the best are candidates for the trigrams to settle. */
const CLOSE = 1;
/** Mean log-likelihood per trigram by which the winner must lead: with function-word evidence, and without. */
const TRIGRAM_MARGIN = 0.05;
const TRIGRAM_MARGIN_ALONE = 0.4;
const MIN_LETTERS_ALONE = 12;
const ALPHA = 0.5;

interface TrigramProfile {
  counts: Map<string, number>;
  total: number;
}
let profiles: Map<RoutedLanguage, TrigramProfile> | undefined;
let vocabulary = 1;

function trigramsOf(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(/\p{L}+/gu)) {
    const padded = ` ${match[0]} `;
    for (let i = 0; i + 3 <= padded.length; i++) out.push(padded.slice(i, i + 3));
  }
  return out;
}

function trigramProfiles(): Map<RoutedLanguage, TrigramProfile> {
  if (profiles) return profiles;
  profiles = new Map();
  const all = new Set<string>();
  for (const [language, sets] of Object.entries(shippedExamplesByLanguage())) {
    const counts = new Map<string, number>();
    let total = 0;
    for (const phrases of Object.values(sets))
      for (const phrase of phrases)
        for (const g of trigramsOf(phrase.toLowerCase())) {
          counts.set(g, (counts.get(g) ?? 0) + 1);
          all.add(g);
          total++;
        }
    profiles.set(language as RoutedLanguage, { counts, total });
  }
  vocabulary = all.size + 1;
  return profiles;
}

/** The candidate whose trigram profile explains the text best, if it leads the next by `margin` per trigram. */
function trigramChoice(text: string, candidates: readonly RoutedLanguage[], margin: number): LanguageCode {
  const grams = trigramsOf(text);
  if (grams.length === 0) return 'und';
  const ps = trigramProfiles();
  const scored = candidates
    .map((language) => {
      const p = ps.get(language)!;
      let sum = 0;
      for (const g of grams) sum += Math.log(((p.counts.get(g) ?? 0) + ALPHA) / (p.total + ALPHA * vocabulary));
      return { language, mean: sum / grams.length };
    })
    .sort((a, b) => b.mean - a.mean);
  return scored[0]!.mean - scored[1]!.mean >= margin ? scored[0]!.language : 'und';
}

export function detectLanguage(text: string): LanguageCode {
  return detectLanguageScores(text).language;
}
