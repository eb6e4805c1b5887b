import type { LanguageCode } from './languageStopwords.js';

/**
 * Light stemming for the languages besides English, where the Porter stemmer
 * (stemWord.ts) does not apply: it strips the endings that carry number,
 * gender and the commonest derivations, so "empleados"/"empleada",
 * "poème"/"poèmes" (accents are gone by now), "Mitarbeiter"/"Mitarbeitern" and
 * "bachhe"/"bachon" meet. Light on purpose: an aggressive stemmer merges words
 * a few hundred examples cannot tell apart, and the spelling index and the
 * Porter stem (kept beside this one) catch much of the rest.
 * Words come accent-free and lower case (normalizeText).
 */

const ROMANCE_DERIVATIONS = ['amente', 'emente', 'mente', 'ciones', 'zioni', 'zione', 'cione', 'coes', 'cion', 'cao', 'tion', 'tions'];
const GERMAN_ENDINGS = ['innen', 'ungen', 'ern', 'en', 'er', 'em', 'es', 'e', 'n', 's'];
const VOWEL = /[aeiou]/;

function romance(word: string): string {
  if (word.length <= 4) return word;
  let w = word;
  for (const suffix of ROMANCE_DERIVATIONS) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 4) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  // Plural: "ciudades" -> "ciudad", "poemas" -> "poema"; not "autobus", "crisis", "stress".
  if (w.length > 5 && w.endsWith('es') && !VOWEL.test(w[w.length - 3]!)) w = w.slice(0, -2);
  else if (w.length > 4 && w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);
  // Gender and the Italian plurals: "empleado"/"empleada", "dolore"/"dolor", "libri"/"libro".
  if (w.length > 4 && /[aeio]$/.test(w)) w = w.slice(0, -1);
  return w;
}

function german(word: string): string {
  // "erklaere" and "erkläre" (whose umlaut normalizeText already dropped) meet.
  let w = word.replace(/ae/g, 'a').replace(/oe/g, 'o').replace(/ue/g, 'u');
  if (w.length <= 4) return w;
  for (const suffix of GERMAN_ENDINGS) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 4) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  return w;
}

/**
 * Romanised Hindi has no fixed spelling: "bukhaar"/"bukhar", "dawai"/"davai",
 * "zukaam"/"jukam", "bachhe"/"bache", "karun"/"karu". Folds those variants,
 * then drops the vowels and nasal that end inflected forms.
 */
function hindi(word: string): string {
  let w = word.replace(/ee/g, 'i').replace(/oo/g, 'u').replace(/w/g, 'v').replace(/z/g, 'j').replace(/ph/g, 'f').replace(/q/g, 'k');
  w = w.replace(/(\p{L})\1+/gu, '$1');
  if (w.length > 4 && /[aeiou]n$/.test(w)) w = w.slice(0, -1);
  while (w.length > 3 && /[aeiouy]$/.test(w)) w = w.slice(0, -1);
  return w;
}

const STEMMERS = { es: romance, fr: romance, pt: romance, it: romance, de: german, hi: hindi } as const;

/**
 * The light stems of a word for a message in `language`: none for English
 * (Porter's alone), one for a known language, and every family's for 'und',
 * so that a bare "derivadas" or "Schlafstörungen" still meets its examples.
 */
export function lightStems(word: string, language: LanguageCode): string[] {
  if (language === 'en' || /\d/.test(word)) return [];
  if (language !== 'und') return [STEMMERS[language](word)];
  return [...new Set([romance(word), german(word), hindi(word)])];
}
