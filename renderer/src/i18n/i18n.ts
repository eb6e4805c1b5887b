import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { directionOf, FALLBACK_LANGUAGE, matchLanguage, systemLanguages, type LanguageCode } from './languages.js';
import { RESOURCES } from './locales/index.js';

/**
 * The renderer's one i18next instance. It starts synchronously in the
 * system's language, so the first paint is already translated; the saved
 * setting (settings.language) switches it once settings arrive.
 */
export const i18n: I18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: RESOURCES,
  lng: matchLanguage(systemLanguages()),
  fallbackLng: FALLBACK_LANGUAGE,
  // React escapes text itself; escaping here would show "&amp;" in the UI.
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});

/** Keeps <html lang dir> in step with the language, so CSS logical properties and screen readers follow it. */
function applyToDocument(code: string): void {
  if (typeof document === 'undefined') return;
  document.documentElement.lang = code;
  document.documentElement.dir = directionOf(code);
}
applyToDocument(i18n.language);
i18n.on('languageChanged', applyToDocument);

/** For code outside React (labels built in stores, formatters); components use useTranslation(). */
export const t = i18n.t.bind(i18n);

/** The saved choice, or the system's language when the setting is null (follow the system). */
export function setLanguage(setting: string | null | undefined): Promise<unknown> {
  const code: LanguageCode = matchLanguage(setting ? [setting] : systemLanguages());
  return code === i18n.language ? Promise.resolve() : i18n.changeLanguage(code);
}

export function currentLanguage(): string {
  return i18n.language || FALLBACK_LANGUAGE;
}
