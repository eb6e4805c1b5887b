import { useEffect } from 'react';
import { setLanguage } from '../../i18n/i18n.js';
import { useHearth } from '../../store/StoreContext.js';

/**
 * Applies settings.language (null: the system's languages) to i18next, which
 * re-renders every translated component and sets <html lang dir>. Until the
 * settings arrive the system language started at load stays.
 */
export function useLanguage(): void {
  const loaded = useHearth((s) => s.settings !== null);
  const language = useHearth((s) => s.settings?.language ?? null);
  useEffect(() => {
    if (loaded) void setLanguage(language);
  }, [loaded, language]);
}
