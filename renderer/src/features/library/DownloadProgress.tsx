import { useTranslation } from 'react-i18next';
import type { Download } from '../../../../main/contract/index.js';
import { t as translate } from '../../i18n/i18n.js';
import { formatBytes, formatEta, formatPercent, formatSpeed } from '../../lib/format.js';
import { useHearth } from '../../store/StoreContext.js';
import { ErrorNote } from './ErrorNote.js';

const stateLabel = (state: Download['state']) => translate(`downloads.state.${state}`);

/** What the numbers say: "1.2 GB of 4.4 GB · 12 MB/s · about 4 min left". */
export function progressText(d: Download): string {
  const parts = [d.totalBytes ? translate('downloads.of', { received: formatBytes(d.receivedBytes), total: formatBytes(d.totalBytes) }) : translate('downloads.soFar', { received: formatBytes(d.receivedBytes) })];
  if (d.state === 'downloading') {
    if (d.bytesPerSecond > 0) parts.push(formatSpeed(d.bytesPerSecond));
    if (d.etaSeconds !== null) parts.push(translate('downloads.left', { eta: formatEta(d.etaSeconds) }));
  }
  return parts.join(' · ');
}

/** One download: a progress bar, its numbers, and pause / resume / cancel / retry. */
export function DownloadProgress({ download: d }: { download: Download }) {
  const { t } = useTranslation();
  const pause = useHearth((s) => s.pauseDownload);
  const resume = useHearth((s) => s.resumeDownload);
  const cancel = useHearth((s) => s.cancelDownload);
  const retry = useHearth((s) => s.retryDownload);
  const percent = d.totalBytes ? Math.min(100, Math.floor((d.receivedBytes / d.totalBytes) * 100)) : null;
  const active = d.state === 'queued' || d.state === 'downloading' || d.state === 'paused' || d.state === 'verifying';
  const label = t('downloads.progressLabel', { file: d.fileName });

  return (
    <div className={`download download-${d.state}`} data-testid="download" data-download-id={d.id} data-state={d.state}>
      <div className="download-head">
        <span className="download-state" data-testid="download-state">
          {stateLabel(d.state)}
          {percent !== null && active ? ` ${formatPercent(percent)}` : ''}
        </span>
        <span className="download-numbers muted" data-testid="download-numbers">
          {d.state === 'completed' || d.state === 'cancelled' ? (d.totalBytes ? formatBytes(d.totalBytes) : '') : progressText(d)}
        </span>
      </div>
      {active && (
        <div
          className="progress"
          role="progressbar"
          aria-label={label}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent ?? undefined}
          aria-valuetext={`${stateLabel(d.state)}: ${progressText(d)}`}
          data-testid="download-progress"
        >
          <div className={`progress-bar${percent === null ? ' progress-indeterminate' : ''}`} style={{ width: `${percent ?? 100}%` }} />
        </div>
      )}
      {d.state === 'failed' && d.error && <ErrorNote error={d.error} testId="download-error" />}
      <div className="download-actions">
        {(d.state === 'downloading' || d.state === 'queued') && (
          <button type="button" className="button" onClick={() => void pause(d.id)} aria-label={t('downloads.pauseFile', { file: d.fileName })} data-testid="download-pause">
            {t('downloads.pause')}
          </button>
        )}
        {d.state === 'paused' && (
          <button type="button" className="button button-primary" onClick={() => void resume(d.id)} aria-label={t('downloads.resumeFile', { file: d.fileName })} data-testid="download-resume">
            {t('downloads.resume')}
          </button>
        )}
        {d.state === 'failed' && (
          <button type="button" className="button button-primary" onClick={() => void retry(d)} aria-label={t('downloads.retryFile', { file: d.fileName })} data-testid="download-retry">
            {t('downloads.retry')}
          </button>
        )}
        {(active && d.state !== 'verifying') && (
          <button type="button" className="button button-quiet" onClick={() => void cancel(d.id)} aria-label={t('downloads.cancelFile', { file: d.fileName })} data-testid="download-cancel">
            {t('common.cancel')}
          </button>
        )}
      </div>
    </div>
  );
}
