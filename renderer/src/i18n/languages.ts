/** The languages Hearth ships, each named in itself so a reader can find their own. */
export const LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'es', name: 'Español' },
  { code: 'fr', name: 'Français' },
  { code: 'de', name: 'Deutsch' },
  { code: 'pt', name: 'Português' },
  { code: 'hi', name: 'हिन्दी' },
  { code: 'zh-CN', name: '简体中文' },
  { code: 'ar', name: 'العربية' },
] as const;

export type LanguageCode = (typeof LANGUAGES)[number]['code'];

export const FALLBACK_LANGUAGE: LanguageCode = 'en';

const RTL = new Set<string>(['ar']);

export function isLanguageCode(value: string): value is LanguageCode {
  return LANGUAGES.some((l) => l.code === value);
}

/**
 * The first shipped language among the user's preferences (navigator.languages,
 * best first): an exact tag wins, else the same base language ("pt-BR" -> pt,
 * "zh-Hans-CN" or "zh-TW" -> zh-CN, the only Chinese we ship), else English.
 */
export function matchLanguage(preferred: readonly string[]): LanguageCode {
  for (const tag of preferred) {
    const exact = LANGUAGES.find((l) => l.code.toLowerCase() === tag.toLowerCase());
    if (exact) return exact.code;
    const base = tag.split('-')[0]!.toLowerCase();
    const sameBase = LANGUAGES.find((l) => l.code.split('-')[0]!.toLowerCase() === base);
    if (sameBase) return sameBase.code;
  }
  return FALLBACK_LANGUAGE;
}

export function directionOf(code: string): 'ltr' | 'rtl' {
  return RTL.has(code.split('-')[0]!) ? 'rtl' : 'ltr';
}

/** What the OS or browser asks for; [] where there is no navigator (Node scripts). */
export function systemLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  return navigator.languages?.length ? navigator.languages : navigator.language ? [navigator.language] : [];
}
