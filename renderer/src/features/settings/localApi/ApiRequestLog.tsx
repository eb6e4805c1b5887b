import { useTranslation } from 'react-i18next';
import { formatClock, formatMs, formatNumber } from '../../../lib/format.js';
import { useHearth } from '../../../store/StoreContext.js';

/** The API's request log, newest first: who called what, with which model, tokens, status and time; never content here. */
export function ApiRequestLog() {
  const { t } = useTranslation();
  const log = useHearth((s) => s.apiLog);
  const reload = useHearth((s) => s.loadApi);
  return (
    <section aria-labelledby="local-api-log-title" data-testid="local-api-log">
      <div className="section-head">
        <h3 id="local-api-log-title">{t('localApi.log.title')}</h3>
        <button type="button" className="button" onClick={() => void reload()}>
          {t('localApi.log.refresh')}
        </button>
      </div>
      {log.length === 0 ? (
        <p className="muted">{t('localApi.log.none')}</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="local-api-log-title">
          <table className="network-table">
            <caption className="visually-hidden">{t('localApi.log.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('localApi.log.time')}</th>
                <th scope="col">{t('localApi.log.key')}</th>
                <th scope="col">{t('localApi.log.request')}</th>
                <th scope="col">{t('localApi.log.model')}</th>
                <th scope="col">{t('localApi.log.tokens')}</th>
                <th scope="col">{t('localApi.log.status')}</th>
                <th scope="col">{t('localApi.log.duration')}</th>
              </tr>
            </thead>
            <tbody>
              {log.map((e) => (
                <tr key={e.id} data-testid="local-api-log-row">
                  <td>
                    <time dateTime={new Date(e.at).toISOString()}>{formatClock(e.at)}</time>
                  </td>
                  <td>{e.keyName ?? t('localApi.log.noKey')}</td>
                  <td className="mono">
                    {e.method} {e.endpoint}
                  </td>
                  <td className="mono">{e.model ?? t('localApi.log.noKey')}</td>
                  <td>{e.promptTokens === null ? t('localApi.log.noKey') : t('localApi.log.tokensValue', { prompt: formatNumber(e.promptTokens), completion: formatNumber(e.completionTokens ?? 0) })}</td>
                  <td>
                    <span className={`badge ${e.status < 400 ? 'badge-allowed' : 'badge-blocked'}`} title={e.note ?? undefined}>
                      {e.status}
                    </span>
                  </td>
                  <td>{formatMs(e.durationMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
