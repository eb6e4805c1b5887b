import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../../main/contract/index.js';
import { useHearth } from '../../store/StoreContext.js';

const THEMES: Array<Settings['theme']> = ['system', 'light', 'dark'];

export function ThemeSettings({ theme }: { theme: Settings['theme'] }) {
  const { t } = useTranslation();
  const update = useHearth((s) => s.updateSettings);
  // Shown at once; the saved value comes back as a new `theme` (the parent keys this component on it).
  const [picked, setPicked] = useState(theme);
  async function pick(value: Settings['theme']) {
    setPicked(value);
    if (!(await update({ theme: value }))) setPicked(theme);
  }
  return (
    <fieldset className="radio-row">
      <legend>{t('settings.theme.label')}</legend>
      {THEMES.map((value) => (
        <label key={value}>
          <input type="radio" name="theme" checked={picked === value} onChange={() => void pick(value)} data-testid={`theme-${value}`} />
          {t(`settings.theme.${value}`)}
        </label>
      ))}
    </fieldset>
  );
}
