import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../i18n/languages.js';
import { useHearth } from '../../store/StoreContext.js';

const SYSTEM = 'system';

/** The UI language: follow the system (null in settings), or one of the shipped catalogues. Applied by useLanguage in the shell. */
export function LanguageSettings({ language }: { language: string | null }) {
  const { t } = useTranslation();
  const update = useHearth((s) => s.updateSettings);
  // The pick shows at once, then the saved value takes over (or stays, when saving failed). Not re-keyed on
  // the saved value as ThemeSettings is: a remount while the language changes left the old picker on the page.
  const [pending, setPending] = useState<string | null>(null);
  const picked = pending ?? language ?? SYSTEM;
  async function pick(value: string) {
    setPending(value);
    await update({ language: value === SYSTEM ? null : value });
    setPending(null);
  }
  return (
    <label className="field">
      <span>{t('settings.language.label')}</span>
      <select value={picked} onChange={(e) => void pick(e.target.value)} data-testid="settings-language">
        <option value={SYSTEM}>{t('settings.language.system')}</option>
        {LANGUAGES.map((l) => (
          // Each language is named in itself, and marked so, for screen readers to pronounce it.
          <option key={l.code} value={l.code} lang={l.code}>
            {l.name}
          </option>
        ))}
      </select>
      <small>{t('settings.language.hint')}</small>
    </label>
  );
}
