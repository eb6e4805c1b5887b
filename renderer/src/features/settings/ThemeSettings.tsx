import type { Settings } from '../../../../main/contract/index.js';
import { useHearth } from '../../store/StoreContext.js';

const THEMES: Array<{ value: Settings['theme']; label: string }> = [
  { value: 'system', label: 'Follow the system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

export function ThemeSettings({ theme }: { theme: Settings['theme'] }) {
  const update = useHearth((s) => s.updateSettings);
  return (
    <fieldset className="radio-row">
      <legend>Theme</legend>
      {THEMES.map((t) => (
        <label key={t.value}>
          <input type="radio" name="theme" checked={theme === t.value} onChange={() => void update({ theme: t.value })} data-testid={`theme-${t.value}`} />
          {t.label}
        </label>
      ))}
    </fieldset>
  );
}
