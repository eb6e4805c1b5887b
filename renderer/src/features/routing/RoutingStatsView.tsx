import { useTranslation } from 'react-i18next';
import { formatNumber, formatPercent } from '../../lib/format.js';
import { useHearth } from '../../store/StoreContext.js';
import { ScoreBars } from './ScoreBars.js';

/** How routing has gone: replies per domain, how often the user overrode it, how often a model fell back. */
export function RoutingStatsView() {
  const { t } = useTranslation();
  const stats = useHearth((s) => s.routingStats);
  const profiles = useHearth((s) => s.profiles);
  if (!stats) return <p className="muted">{t('routing.stats.loading')}</p>;
  if (stats.total === 0) return <p className="muted" data-testid="routing-stats-empty">{t('routing.stats.empty')}</p>;
  const max = Math.max(...Object.values(stats.perDomain), 1);
  const percent = (n: number) => formatPercent(Math.round((n / stats.total) * 100));
  return (
    <div className="routing-stats" data-testid="routing-stats">
      <dl className="routing-stat-figures">
        <div>
          <dt>{t('routing.stats.total')}</dt>
          <dd data-testid="routing-stats-total">{formatNumber(stats.total)}</dd>
        </div>
        <div>
          <dt>{t('routing.stats.confidence')}</dt>
          <dd data-testid="routing-stats-confidence">{stats.averageConfidence === null ? '—' : formatNumber(stats.averageConfidence, 2)}</dd>
        </div>
        <div>
          <dt>{t('routing.stats.overrides')}</dt>
          <dd data-testid="routing-stats-overrides">
            {formatNumber(stats.overrides)} <small className="muted">({percent(stats.overrides)})</small>
          </dd>
        </div>
        <div>
          <dt>{t('routing.stats.fallbacks')}</dt>
          <dd data-testid="routing-stats-fallbacks">
            {formatNumber(stats.fallbacks)} <small className="muted">({percent(stats.fallbacks)})</small>
          </dd>
        </div>
      </dl>
      <h3 className="routing-subtitle">{t('routing.stats.perDomain')}</h3>
      <ScoreBars scores={stats.perDomain} profiles={profiles} max={max} format={(n) => formatNumber(n)} testId="routing-stats-domains" />
    </div>
  );
}
