import { useState } from 'react';
import type { Settings } from '../../../../main/contract/index.js';
import { useHearth } from '../../store/StoreContext.js';

const THEMES: Array<{ value: Settings['theme']; label: string }> = [
  { value: 'system', label: 'Follow the system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

export function ThemeSettings({ theme }: { theme: Settings['theme'] }) {
  const update = useHearth((s) => s.updateSettings);
  // Shown at once; the saved value comes back as a new `theme` (the parent keys this component on it).
  const [picked, setPicked] = useState(theme);
  async function pick(value: Settings['theme']) {
    setPicked(value);
    if (!(await update({ theme: value }))) setPicked(theme);
  }
  return (
    <fieldset className="radio-row">
      <legend>Theme</legend>
      {THEMES.map((t) => (
        <label key={t.value}>
          <input type="radio" name="theme" checked={picked === t.value} onChange={() => void pick(t.value)} data-testid={`theme-${t.value}`} />
          {t.label}
        </label>
      ))}
    </fieldset>
  );
}
