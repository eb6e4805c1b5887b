import { useEffect } from 'react';
import { useHearth, useHearthStore } from '../../store/StoreContext.js';
import { ProfileList } from './ProfileList.js';
import { RouterPreview } from './RouterPreview.js';
import { RoutingStatsView } from './RoutingStatsView.js';

/** Domain routing: how it has gone, a box to try it, and the profiles it routes to. */
export function RoutingPage() {
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
        <h1>Routing</h1>
        <p className="muted">
          In an Auto chat each message goes to the profile that fits it (its system prompt, sampling and preferred model). Every reply shows where it went and why.
        </p>
      </header>
      {error && !loaded && (
        <p className="form-error" role="alert">
          Profiles could not be loaded: {error}
        </p>
      )}
      <section className="card" aria-labelledby="routing-stats-title">
        <h2 id="routing-stats-title">Statistics</h2>
        <RoutingStatsView />
      </section>
      <section className="card" aria-labelledby="router-preview-title">
        <h2 id="router-preview-title">Try the router</h2>
        <RouterPreview />
      </section>
      <section className="card" aria-labelledby="profiles-title">
        <h2 id="profiles-title">Profiles</h2>
        <ProfileList />
      </section>
    </div>
  );
}
