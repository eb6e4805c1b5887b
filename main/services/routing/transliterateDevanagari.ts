/**
 * Hindi written in Devanagari, spelt in Latin letters the way people type
 * Hinglish ("मुझे बुखार है" -> "mujhe bukhaar hai"), so that it meets the
 * romanised Hindi examples instead of arriving as letters no example has
 * (normalizeText would also strip its vowel signs as combining marks).
 * Consonants carry an inherent "a" that Hindi drops at the end of a word and
 * between a vowel-consonant and a consonant-vowel ("करना" -> "karnaa", not
 * "karanaa"); the light Hindi stemmer folds the rest ("aa"/"a", "ee"/"i").
 */

const CONSONANTS: Record<string, string> = {
  क: 'k', ख: 'kh', ग: 'g', घ: 'gh', ङ: 'n', च: 'ch', छ: 'chh', ज: 'j', झ: 'jh', ञ: 'n', ट: 't', ठ: 'th', ड: 'd', ढ: 'dh', ण: 'n',
  त: 't', थ: 'th', द: 'd', ध: 'dh', न: 'n', प: 'p', फ: 'ph', ब: 'b', भ: 'bh', म: 'm', य: 'y', र: 'r', ल: 'l', ळ: 'l', व: 'v',
  श: 'sh', ष: 'sh', स: 's', ह: 'h',
};
/** A consonant with a nukta: the Persian and English sounds ("ज़" z, "फ़" f). */
const NUKTA: Record<string, string> = { क: 'q', ख: 'kh', ग: 'g', ज: 'z', ड: 'r', ढ: 'rh', फ: 'f', य: 'y' };
const PRECOMPOSED_NUKTA: Record<string, string> = { '\u0958': 'q', '\u0959': 'kh', '\u095a': 'g', '\u095b': 'z', '\u095c': 'r', '\u095d': 'rh', '\u095e': 'f', '\u095f': 'y' };
const VOWELS: Record<string, string> = { अ: 'a', आ: 'aa', इ: 'i', ई: 'ee', उ: 'u', ऊ: 'oo', ऋ: 'ri', ए: 'e', ऐ: 'ai', ओ: 'o', औ: 'au', ऑ: 'o' };
const SIGNS: Record<string, string> = { 'ा': 'aa', 'ि': 'i', 'ी': 'ee', 'ु': 'u', 'ू': 'oo', 'ृ': 'ri', 'े': 'e', 'ै': 'ai', 'ो': 'o', 'ौ': 'au', 'ॉ': 'o' };
const VIRAMA = '\u094d';
const NUKTA_SIGN = '\u093c';
const NASAL = /[\u0900-\u0902]/; // chandrabindu, anusvara
const VISARGA = '\u0903';
const DIGITS = '०१२३४५६७८९';

/** One spoken unit: a consonant (with its vowel, inherent or written), an independent vowel, or a nasal/visarga. */
interface Unit {
  consonant: string;
  vowel: string;
  inherent: boolean;
}

function word(text: string): string {
  const units: Unit[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (PRECOMPOSED_NUKTA[c] !== undefined) units.push({ consonant: PRECOMPOSED_NUKTA[c]!, vowel: 'a', inherent: true });
    else if (CONSONANTS[c] !== undefined) {
      const withNukta = text[i + 1] === NUKTA_SIGN;
      units.push({ consonant: withNukta ? (NUKTA[c] ?? CONSONANTS[c]!) : CONSONANTS[c]!, vowel: 'a', inherent: true });
      if (withNukta) i++;
    } else if (VOWELS[c] !== undefined) units.push({ consonant: '', vowel: VOWELS[c]!, inherent: false });
    else if (SIGNS[c] !== undefined && units.length > 0) Object.assign(units.at(-1)!, { vowel: SIGNS[c]!, inherent: false });
    else if (c === VIRAMA && units.length > 0) Object.assign(units.at(-1)!, { vowel: '', inherent: false });
    else if (NASAL.test(c) && units.length > 0) units.at(-1)!.vowel += 'n';
    else if (c === VISARGA && units.length > 0) units.at(-1)!.vowel += 'h';
    else if (DIGITS.includes(c)) units.push({ consonant: String(DIGITS.indexOf(c)), vowel: '', inherent: false });
  }
  // Schwa deletion, right to left so a kept vowel protects the one before it.
  for (let i = units.length - 1; i >= 1; i--) {
    const u = units[i]!;
    if (!u.inherent || u.vowel !== 'a') continue;
    const last = i === units.length - 1;
    const next = units[i + 1];
    const prev = units[i - 1]!;
    if (last || (next && next.consonant && next.vowel !== '' && prev.vowel !== '')) u.vowel = '';
  }
  return units.map((u) => u.consonant + u.vowel).join('');
}

const DEVANAGARI_WORD = /[\u0900-\u097f]+/g;

/** The text with each Devanagari word spelt in Latin letters; other text untouched. */
export function transliterateDevanagari(text: string): string {
  return /[\u0900-\u097f]/.test(text) ? text.replace(DEVANAGARI_WORD, word).replace(/\u0964|\u0965/g, '.') : text;
}
