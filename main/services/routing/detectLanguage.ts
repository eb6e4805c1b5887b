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
 * per cue at most three matches count, so one long or repeated word does not decide.
 * Letters first, then the shapes of whole words, tested word by word (one pass, no backtracking over the text).
 */
const LETTER_CUES: ReadonlyArray<readonly [RoutedLanguage, RegExp, number]> = [
  ['es', /[ñ¿¡]/g, 1.5],
  ['pt', /[ãõ]/g, 1.5],
  ['fr', /[ëîûœ]/g, 0.6],
  ['fr', /ç/g, 0.4],
  ['pt', /ç/g, 0.4],
  ['de', /[äöüß]/g, 1.5],
  ['hi', /[\u0900-\u097f]/g, 3],
];
const WORD_CUES: ReadonlyArray<readonly [RoutedLanguage, RegExp, number]> = [
  ['es', /ci[oó]n(?:es)?$/, 0.8],
  ['es', /\p{L}{2}[aeií]d[oa]s?$/u, 0.15],
  ['pt', /\p{L}(?:nh|lh)/u, 0.5],
  ['pt', /ç[ãõ]|ções$/, 1],
  ['fr', /^(?:à|où)$|\p{L}(?:eau|eaux|eux|euse|ait|aient|ez)$/u, 0.6],
  ['fr', /^(?:[ldjnmc]|qu)'\p{L}/u, 0.8],
  ['de', /sch|tz|chen$|ung$|keit$|heit$|lich|ei/, 0.3],
  ['it', /\p{L}(?:zione|zioni|ggi|cch|gli|gn)/u, 0.5],
  ['it', /^è$|\p{L}[àèìòù]$/u, 0.6],
  ['hi', /aa|kh|bh|dh|jh|ph/, 0.3],
];
const MAX_CUE_MATCHES = 3;

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
  // Most messages have none of these letters: one test of the whole text skips them.
  if (/[^\x00-\x7f]/.test(raw)) {
    for (const [language, pattern, weight] of LETTER_CUES) scores[language] += Math.min(MAX_CUE_MATCHES, raw.match(pattern)?.length ?? 0) * weight;
  }
  const typed = [...raw.matchAll(/[\p{L}\p{M}']+/gu)].map((m) => m[0]);
  for (const [language, pattern, weight] of WORD_CUES) {
    let n = 0;
    for (const w of typed) if (pattern.test(w) && ++n >= MAX_CUE_MATCHES) break;
    scores[language] += n * weight;
  }
  const ranked = [...ROUTED_LANGUAGES].sort((a, b) => scores[b] - scores[a]);
  const best = scores[ranked[0]!];
  // One weak cue is not enough: a bare keyword stays 'und' unless its letters clearly say.
  const evidence = best >= MIN_EVIDENCE;
  const close = evidence ? ranked.filter((l) => scores[l] > best - CLOSE) : [...ROUTED_LANGUAGES];
  if (close.length === 1) return { language: close[0]!, scores };
  // Without function words only a longer text's letters may decide; a bare keyword stays 'und'.
  if (!evidence && plain.replace(/[^\p{L}]+/gu, '').length < MIN_LETTERS_ALONE) return { language: 'und', scores };
  return { language: trigramChoice(raw, close, evidence ? TRIGRAM_MARGIN : TRIGRAM_MARGIN_ALONE), scores };
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
/** Per trigram, its smoothed log-probability in each routed language (ROUTED_LANGUAGES order); `unseen` for a trigram a language never showed. */
interface TrigramTable {
  logs: Map<string, Float64Array>;
  unseen: Float64Array;
}
let table: TrigramTable | undefined;

function trigramsOf(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(/\p{L}+/gu)) {
    const padded = ` ${match[0]} `;
    for (let i = 0; i + 3 <= padded.length; i++) out.push(padded.slice(i, i + 3));
  }
  return out;
}

function trigramTable(): TrigramTable {
  if (table) return table;
  const byLanguage = shippedExamplesByLanguage();
  const counts = new Map<string, Float64Array>();
  const totals = new Float64Array(ROUTED_LANGUAGES.length);
  ROUTED_LANGUAGES.forEach((language, l) => {
    for (const phrases of Object.values(byLanguage[language]))
      for (const phrase of phrases)
        for (const g of trigramsOf(phrase.toLowerCase())) {
          let row = counts.get(g);
          if (!row) counts.set(g, (row = new Float64Array(ROUTED_LANGUAGES.length)));
          row[l]!++;
          totals[l]!++;
        }
  });
  const vocabulary = counts.size + 1;
  const denominators = Float64Array.from(totals, (t) => t + ALPHA * vocabulary);
  const unseen = Float64Array.from(denominators, (d) => Math.log(ALPHA / d));
  const logs = new Map<string, Float64Array>();
  for (const [g, row] of counts) logs.set(g, Float64Array.from(row, (c, l) => Math.log((c + ALPHA) / denominators[l]!)));
  table = { logs, unseen };
  return table;
}

/** The candidate whose trigram profile explains the text best, if it leads the next by `margin` per trigram. */
function trigramChoice(text: string, candidates: readonly RoutedLanguage[], margin: number): LanguageCode {
  const grams = trigramsOf(text);
  if (grams.length === 0) return 'und';
  const { logs, unseen } = trigramTable();
  const sums = new Float64Array(ROUTED_LANGUAGES.length);
  for (const g of grams) {
    const row = logs.get(g) ?? unseen;
    for (let l = 0; l < sums.length; l++) sums[l]! += row[l]!;
  }
  const scored = candidates.map((language) => ({ language, mean: sums[ROUTED_LANGUAGES.indexOf(language)]! / grams.length })).sort((a, b) => b.mean - a.mean);
  return scored[0]!.mean - scored[1]!.mean >= margin ? scored[0]!.language : 'und';
}

export function detectLanguage(text: string): LanguageCode {
  return detectLanguageScores(text).language;
}
