import { useHearth } from '../../store/StoreContext.js';
import { ScoreBars } from './ScoreBars.js';

/** How routing has gone: replies per domain, how often the user overrode it, how often a model fell back. */
export function RoutingStatsView() {
  const stats = useHearth((s) => s.routingStats);
  const profiles = useHearth((s) => s.profiles);
  if (!stats) return <p className="muted">Loading statistics…</p>;
  if (stats.total === 0) return <p className="muted" data-testid="routing-stats-empty">No routed replies yet. Send a message in an Auto chat and it shows here.</p>;
  const max = Math.max(...Object.values(stats.perDomain), 1);
  const percent = (n: number) => `${Math.round((n / stats.total) * 100)}%`;
  return (
    <div className="routing-stats" data-testid="routing-stats">
      <dl className="routing-stat-figures">
        <div>
          <dt>Routed replies</dt>
          <dd data-testid="routing-stats-total">{stats.total}</dd>
        </div>
        <div>
          <dt>Average confidence</dt>
          <dd data-testid="routing-stats-confidence">{stats.averageConfidence === null ? '—' : stats.averageConfidence.toFixed(2)}</dd>
        </div>
        <div>
          <dt>Re-routed by you</dt>
          <dd data-testid="routing-stats-overrides">
            {stats.overrides} <small className="muted">({percent(stats.overrides)})</small>
          </dd>
        </div>
        <div>
          <dt>Model fallbacks</dt>
          <dd data-testid="routing-stats-fallbacks">
            {stats.fallbacks} <small className="muted">({percent(stats.fallbacks)})</small>
          </dd>
        </div>
      </dl>
      <h3 className="routing-subtitle">Replies per domain</h3>
      <ScoreBars scores={stats.perDomain} profiles={profiles} max={max} format={String} testId="routing-stats-domains" />
    </div>
  );
}
