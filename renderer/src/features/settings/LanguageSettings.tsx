import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../i18n/languages.js';
import { useHearth } from '../../store/StoreContext.js';

const SYSTEM = 'system';

/** The UI language: follow the system (null in settings), or one of the shipped catalogues. Applied by useLanguage in the shell. */
export function LanguageSettings({ language }: { language: string | null }) {
  const { t } = useTranslation();
  const update = useHearth((s) => s.updateSettings);
  // Shown at once; the saved value comes back as a new `language` (the parent keys this component on it).
  const [picked, setPicked] = useState(language ?? SYSTEM);
  async function pick(value: string) {
    setPicked(value);
    if (!(await update({ language: value === SYSTEM ? null : value }))) setPicked(language ?? SYSTEM);
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
