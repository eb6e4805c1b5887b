import { useEffect } from 'react';
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
  const loadLibrary = useHearth((s) => s.loadLibrary);
  useEffect(() => {
    void loadLibrary();
  }, [loadLibrary]);

  return (
    <div className="page library-page" data-testid="library-page">
      <header className="page-header">
        <h1>Model library</h1>
        <p className="muted">Models run on this computer. Your chats are never sent anywhere; downloads are the only connections Hearth makes, and you can turn them off.</p>
      </header>
      <nav className="page-toc" aria-label="On this page">
        <a href="#installed-title">Installed</a>
        <a href="#downloads-title">Downloads</a>
        <a href="#catalog-title">Catalog</a>
        <a href="#found-title">Found on this computer</a>
        <a href="#network-title">Network log</a>
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
