import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useHearth, useHearthStore } from '../../store/StoreContext.js';
import { ProfileList } from './ProfileList.js';
import { RouterPreview } from './RouterPreview.js';
import { RoutingStatsView } from './RoutingStatsView.js';

/** Domain routing: how it has gone, a box to try it, and the profiles it routes to. */
export function RoutingPage() {
  const { t } = useTranslation();
  const error = useHearth((s) => s.profilesError);
  const loaded = useHearth((s) => s.profilesLoaded);
  const get = useHearthStore().getState;
  const loadProfiles = useHearth((s) => s.loadProfiles);
  const loadRoutingStats = useHearth((s) => s.loadRoutingStats);
  const loadCatalog = useHearth((s) => s.loadCatalog);
  useEffect(() => {
    void loadProfiles();
    void loadRoutingStats();
    // The profile editor offers catalog models too; a catalog that cannot be read leaves the installed ones.
    if (!get().catalogLoaded) void loadCatalog();
  }, [loadProfiles, loadRoutingStats, loadCatalog, get]);
  return (
    <div className="page" data-testid="routing-page">
      <header className="page-header">
        <h1>{t('nav.routing')}</h1>
        <p className="muted">{t('routing.page.lead')}</p>
      </header>
      {error && !loaded && (
        <p className="form-error" role="alert">
          {t('routing.page.error', { error })}
        </p>
      )}
      <section className="card" aria-labelledby="routing-stats-title">
        <h2 id="routing-stats-title">{t('routing.stats.title')}</h2>
        <RoutingStatsView />
      </section>
      <section className="card" aria-labelledby="router-preview-title">
        <h2 id="router-preview-title">{t('routing.preview.title')}</h2>
        <RouterPreview />
      </section>
      <section className="card" aria-labelledby="profiles-title">
        <h2 id="profiles-title">{t('routing.profiles.title')}</h2>
        <ProfileList />
      </section>
    </div>
  );
}
