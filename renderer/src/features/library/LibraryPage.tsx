import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useHearth } from '../../store/StoreContext.js';
import { InstalledModels } from '../models/InstalledModels.js';
import { CatalogSection } from './CatalogSection.js';
import { DownloadsSection } from './DownloadsSection.js';
import { FoundSection } from './FoundSection.js';
import { NetworkLog } from './NetworkLog.js';
import { OfflinePanel } from './OfflinePanel.js';

/**
 * The model library: offline mode and the cache on top, then what is
 * installed, downloads, the catalog, models other apps already have, and the
 * network log that shows what Hearth connected to.
 */
export function LibraryPage() {
  const { t } = useTranslation();
  const loadLibrary = useHearth((s) => s.loadLibrary);
  useEffect(() => {
    void loadLibrary();
  }, [loadLibrary]);

  return (
    <div className="page library-page" data-testid="library-page">
      <header className="page-header">
        <h1>{t('nav.library')}</h1>
        <p className="muted">{t('library.lead')}</p>
      </header>
      <nav className="page-toc" aria-label={t('library.onThisPage')}>
        <a href="#installed-title">{t('models.installed')}</a>
        <a href="#downloads-title">{t('downloads.title')}</a>
        <a href="#catalog-title">{t('catalog.title')}</a>
        <a href="#found-title">{t('found.title')}</a>
        <a href="#network-title">{t('network.title')}</a>
      </nav>
      <OfflinePanel />
      <InstalledModels />
      <DownloadsSection />
      <CatalogSection />
      <FoundSection />
      <NetworkLog />
    </div>
  );
}
