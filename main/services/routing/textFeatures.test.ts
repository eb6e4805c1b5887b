import { describe, expect, it } from 'vitest';
import type { LanguageCode } from './languageStopwords.js';
import { lightStems } from './lightStem.js';
import { normalizeText, textFeatures } from './textFeatures.js';
import { transliterateDevanagari } from './transliterateDevanagari.js';

const words = (text: string, language?: LanguageCode) =>
  [...textFeatures(text, { language }).counts.keys()].filter((k) => k.startsWith('w:')).sort();

describe('normalizeText', () => {
  it('drops accents and cedillas, spells out ß and ligatures, lower-cases', () => {
    expect(normalizeText('Fièvre, ÉCOLE, niño, coração, perché')).toBe('fievre, ecole, nino, coracao, perche');
    expect(normalizeText('Straße STRASSE Größe')).toBe('strasse strasse grosse');
    expect(normalizeText('Français garçon')).toBe('francais garcon');
    expect(normalizeText('cœur Æsop')).toBe('coeur aesop');
    expect(normalizeText('l’école')).toBe("l'ecole");
  });
});

describe('textFeatures across languages', () => {
  it('reads a word the same with or without its accents or ß', () => {
    expect(words('Schlafstörungen seit Wochen')).toEqual(words('schlafstorungen seit wochen'));
    expect(words('die Straße ist laut', 'de')).toEqual(words('die strasse ist laut', 'de'));
    expect(words('dolor de estómago y náuseas')).toEqual(words('dolor de estomago y nauseas'));
    expect(words('leçon de français', 'fr')).toEqual(words('lecon de francais', 'fr'));
  });

  it("drops the message's own function words, not only English ones", () => {
    expect(words('y cómo se calcula el IVA de esto', 'es')).toEqual(words('calcula IVA', 'es'));
    expect(words('mujhe yeh samajh nahi aa raha', 'hi')).toEqual(words('samajh aa', 'hi'));
    // "die" is German's article but an English content word: it stays in English.
    expect(words('why do leaves die in autumn', 'en')).toContain('w:die');
    expect(words('warum fallen die Blätter im Herbst', 'de')).not.toContain('w:die');
  });

  it('meets inflected forms through the light stems, keeping the Porter stem beside them', () => {
    expect(textFeatures('mis empleados', { language: 'es' }).counts.has('w:emplead')).toBe(true);
    expect(textFeatures('una empleada', { language: 'es' }).counts.has('w:emplead')).toBe(true);
    // The English word in a Hinglish message still meets its English examples.
    expect(textFeatures('mera code chal nahi raha', { language: 'hi' }).counts.has('w:code')).toBe(true);
    // English gets Porter alone.
    expect(words('my employees', 'en')).toEqual(['w:employe']);
  });

  it('records the language it read the message as', () => {
    expect(textFeatures('¿cómo estás?').language).toBe('es');
    expect(textFeatures('hello there').language).toBe('en');
    expect(textFeatures('x', { language: 'it' }).language).toBe('it');
  });
});

describe('lightStems', () => {
  it('folds Romance number and gender', () => {
    expect(lightStems('empleados', 'es')).toEqual(lightStems('empleada', 'es'));
    expect(lightStems('poemas', 'pt')).toEqual(lightStems('poema', 'pt'));
    expect(lightStems('ciudades', 'es')).toEqual(['ciudad']);
    expect(lightStems('libri', 'it')).toEqual(lightStems('libro', 'it'));
    expect(lightStems('revolucion', 'es')).toEqual(lightStems('revolution', 'fr'));
    expect(lightStems('crisis', 'es')).toEqual(['crisis']);
  });

  it('folds German endings and umlauts typed as ae/oe/ue', () => {
    expect(lightStems('mitarbeitern', 'de')).toEqual(lightStems('mitarbeiter', 'de'));
    expect(lightStems('erklaere', 'de')).toEqual(lightStems('erklare', 'de'));
    expect(lightStems('pruefung', 'de')).toEqual(lightStems('prufung', 'de'));
  });

  it('folds the spellings of romanised Hindi', () => {
    for (const [a, b] of [['bukhaar', 'bukhar'], ['dawai', 'davai'], ['zukaam', 'jukam'], ['bachhe', 'bache'], ['karun', 'karu'], ['neend', 'nind'], ['phone', 'fone']]) {
      expect(lightStems(a!, 'hi'), `${a} ~ ${b}`).toEqual(lightStems(b!, 'hi'));
    }
  });

  it('gives English nothing extra and an unknown language every family', () => {
    expect(lightStems('employees', 'en')).toEqual([]);
    expect(lightStems('derivadas', 'und').length).toBeGreaterThan(1);
    expect(lightStems('derivadas', 'und')).toContain(lightStems('derivada', 'es')[0]);
  });
});

describe('Hindi in Devanagari', () => {
  it('is spelt in Latin letters the way Hinglish is typed, inherent vowels dropped where Hindi drops them', () => {
    expect(transliterateDevanagari('मुझे बुखार है')).toBe('mujhe bukhaar hai');
    expect(transliterateDevanagari('करना समझ')).toBe('karnaa samajh');
    expect(transliterateDevanagari('ज़ुकाम, फ़ोन')).toBe('zukaam, fon');
    expect(transliterateDevanagari('no Devanagari here')).toBe('no Devanagari here');
  });

  it('meets the romanised examples: the same light stems as the Latin spelling', () => {
    const latin = textFeatures('bete ko bukhar hai, kya dawai du', { language: 'hi' }).counts;
    const devanagari = textFeatures('बेटे को बुखार है, क्या दवाई दूँ').counts;
    for (const key of ['w:bet', 'w:bukhar', 'w:dav']) {
      expect(latin.has(key), key).toBe(true);
      expect(devanagari.has(key), key).toBe(true);
    }
    expect(textFeatures('बेटे को बुखार है').language).toBe('hi');
  });
});
