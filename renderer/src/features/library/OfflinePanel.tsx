import { useId } from 'react';
import { Icon } from '../../components/Icon.js';
import { formatBytes } from '../../lib/format.js';
import { useHearth } from '../../store/StoreContext.js';

/** The offline switch, "keep everything offline-ready", and what the model cache holds. */
export function OfflinePanel() {
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
            <Icon name="lock" /> Offline mode
          </h2>
          <p id={`${id}-state`} data-testid="offline-state" aria-live="polite">
            {offline === null
              ? 'Reading the setting…'
              : on
                ? 'On. Hearth opens no connection beyond this computer: downloads and online checks are refused, whatever the address.'
                : 'Off. Hearth connects only when you download a model or check fit online, and logs every attempt below.'}
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
          <span className="switch-label">{on ? 'On' : 'Off'}</span>
        </button>
      </div>
      <div className="offline-row">
        <p className="muted offline-prepare-text">Download the models the domain profiles use now, so every kind of question has a model when the internet is gone.</p>
        <button type="button" className="button" disabled={on || preparing} onClick={() => void prepareOffline()} data-testid="prepare-offline-button">
          {preparing ? 'Queueing…' : 'Keep everything offline-ready'}
        </button>
      </div>
      {cache && (
        <p className="muted cache-info" data-testid="cache-info">
          Model cache: {formatBytes(cache.totalBytes)} in {cache.count} file{cache.count === 1 ? '' : 's'} · {formatBytes(cache.freeBytes)} free on the disk ·{' '}
          <code className="data-dir">{cache.dir}</code>
        </p>
      )}
    </section>
  );
}
