import { useTranslation } from 'react-i18next';
import { formatClock, formatNumber } from '../../lib/format.js';
import { useHearth } from '../../store/StoreContext.js';

/** Every outbound attempt Hearth made or refused, newest first; live through network.attempt. */
export function NetworkLog() {
  const { t } = useTranslation();
  const log = useHearth((s) => s.networkLog);
  const error = useHearth((s) => s.networkLogError);
  const reload = useHearth((s) => s.loadNetworkLog);
  const blocked = log.filter((a) => !a.allowed).length;

  return (
    <section aria-labelledby="network-title" data-testid="network-log">
      <div className="section-head">
        <h2 id="network-title">{t('network.title')}</h2>
        <button type="button" className="button" onClick={() => void reload()} data-testid="network-log-refresh">
          {t('network.refresh')}
        </button>
      </div>
      <p className="muted section-lead" data-testid="network-log-summary">
        {log.length === 0 ? t('network.none') : t('network.attempts', { count: log.length, n: formatNumber(log.length), blocked: formatNumber(blocked) })} {t('network.lead')}
      </p>
      {error && (
        <p className="form-error" role="alert" data-testid="network-log-error">
          {t('network.error', { error })}
        </p>
      )}
      {log.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="network-title">
          <table className="network-table">
            <caption className="visually-hidden">{t('network.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('network.time')}</th>
                <th scope="col">{t('network.host')}</th>
                <th scope="col">{t('network.purpose')}</th>
                <th scope="col">{t('network.result')}</th>
                <th scope="col">{t('network.detail')}</th>
              </tr>
            </thead>
            <tbody>
              {log.map((a) => (
                <tr key={a.id} data-testid="network-log-row" data-allowed={a.allowed}>
                  <td>
                    <time dateTime={new Date(a.at).toISOString()}>{formatClock(a.at)}</time>
                  </td>
                  <td className="mono">
                    {a.host}
                    {a.port !== null ? `:${a.port}` : ''}
                  </td>
                  <td>{a.purpose}</td>
                  <td>
                    <span className={`badge ${a.allowed ? 'badge-allowed' : 'badge-blocked'}`}>{a.allowed ? t('network.allowed') : t('network.blocked')}</span>
                  </td>
                  <td className="network-detail">{a.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
