import { useEffect } from 'react';
import { useHearth } from '../../store/StoreContext.js';

/** 'system' follows prefers-color-scheme through CSS; light/dark override it with data-theme. */
export function useTheme(): void {
  const theme = useHearth((s) => s.settings?.theme ?? 'system');
  useEffect(() => {
    const root = document.documentElement;
    if (theme === 'system') delete root.dataset.theme;
    else root.dataset.theme = theme;
  }, [theme]);
}
