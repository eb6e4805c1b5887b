import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon.js';
import { formatBytes, formatNumber } from '../../lib/format.js';
import { useHearth } from '../../store/StoreContext.js';

/** The offline switch, "keep everything offline-ready", and what the model cache holds. */
export function OfflinePanel() {
  const { t } = useTranslation();
  const offline = useHearth((s) => s.settings?.offline ?? null);
  const switching = useHearth((s) => s.switchingOffline);
  const setOffline = useHearth((s) => s.setOffline);
  const preparing = useHearth((s) => s.preparingOffline);
  const prepareOffline = useHearth((s) => s.prepareOffline);
  const cache = useHearth((s) => s.cacheInfo);
  const id = useId();
  const on = offline === true;

  return (
    <section className={`card offline-panel${on ? ' offline-on' : ''}`} aria-labelledby={`${id}-title`} data-testid="offline-panel">
      <div className="offline-row">
        <div className="offline-text">
          <h2 id={`${id}-title`}>
            <Icon name="lock" /> {t('offline.title')}
          </h2>
          <p id={`${id}-state`} data-testid="offline-state" aria-live="polite">
            {offline === null ? t('offline.reading') : on ? t('offline.onText') : t('offline.offText')}
          </p>
        </div>
        <button
          type="button"
          role="switch"
          aria-checked={on}
          aria-labelledby={`${id}-title`}
          aria-describedby={`${id}-state`}
          className="switch"
          disabled={offline === null || switching}
          onClick={() => void setOffline(!on)}
          data-testid="offline-switch"
          data-state={on ? 'on' : 'off'}
        >
          <span className="switch-track" aria-hidden="true">
            <span className="switch-thumb" />
          </span>
          <span className="switch-label">{on ? t('offline.on') : t('offline.off')}</span>
        </button>
      </div>
      <div className="offline-row">
        <p className="muted offline-prepare-text">{t('offline.prepareText')}</p>
        <button type="button" className="button" disabled={on || preparing} onClick={() => void prepareOffline()} data-testid="prepare-offline-button">
          {preparing ? t('offline.queueing') : t('offline.prepare')}
        </button>
      </div>
      {cache && (
        <p className="muted cache-info" data-testid="cache-info">
          {t('offline.cache', { count: cache.count, n: formatNumber(cache.count), total: formatBytes(cache.totalBytes), free: formatBytes(cache.freeBytes) })} ·{' '}
          <code className="data-dir">{cache.dir}</code>
        </p>
      )}
    </section>
  );
}
