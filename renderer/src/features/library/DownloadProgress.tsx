import type { Download } from '../../../../main/contract/index.js';
import { formatBytes, formatEta, formatSpeed } from '../../lib/format.js';
import { useHearth } from '../../store/StoreContext.js';
import { ErrorNote } from './ErrorNote.js';

const STATE_LABEL: Record<Download['state'], string> = {
  queued: 'Waiting to start',
  downloading: 'Downloading',
  paused: 'Paused',
  verifying: 'Checking the SHA-256…',
  completed: 'Installed',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/** What the numbers say: "1.2 GB of 4.4 GB · 12 MB/s · about 4 min left". */
export function progressText(d: Download): string {
  const parts = [d.totalBytes ? `${formatBytes(d.receivedBytes)} of ${formatBytes(d.totalBytes)}` : `${formatBytes(d.receivedBytes)} so far`];
  if (d.state === 'downloading') {
    if (d.bytesPerSecond > 0) parts.push(formatSpeed(d.bytesPerSecond));
    if (d.etaSeconds !== null) parts.push(`about ${formatEta(d.etaSeconds)} left`);
  }
  return parts.join(' · ');
}

/** One download: a progress bar, its numbers, and pause / resume / cancel / retry. */
export function DownloadProgress({ download: d }: { download: Download }) {
  const pause = useHearth((s) => s.pauseDownload);
  const resume = useHearth((s) => s.resumeDownload);
  const cancel = useHearth((s) => s.cancelDownload);
  const retry = useHearth((s) => s.retryDownload);
  const percent = d.totalBytes ? Math.min(100, Math.floor((d.receivedBytes / d.totalBytes) * 100)) : null;
  const active = d.state === 'queued' || d.state === 'downloading' || d.state === 'paused' || d.state === 'verifying';
  const label = `Download of ${d.fileName}`;

  return (
    <div className={`download download-${d.state}`} data-testid="download" data-download-id={d.id} data-state={d.state}>
      <div className="download-head">
        <span className="download-state" data-testid="download-state">
          {STATE_LABEL[d.state]}
          {percent !== null && active ? ` ${percent}%` : ''}
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
          aria-valuetext={`${STATE_LABEL[d.state]}: ${progressText(d)}`}
          data-testid="download-progress"
        >
          <div className={`progress-bar${percent === null ? ' progress-indeterminate' : ''}`} style={{ width: `${percent ?? 100}%` }} />
        </div>
      )}
      {d.state === 'failed' && d.error && <ErrorNote error={d.error} testId="download-error" />}
      <div className="download-actions">
        {(d.state === 'downloading' || d.state === 'queued') && (
          <button type="button" className="button" onClick={() => void pause(d.id)} aria-label={`Pause ${d.fileName}`} data-testid="download-pause">
            Pause
          </button>
        )}
        {d.state === 'paused' && (
          <button type="button" className="button button-primary" onClick={() => void resume(d.id)} aria-label={`Resume ${d.fileName}`} data-testid="download-resume">
            Resume
          </button>
        )}
        {d.state === 'failed' && (
          <button type="button" className="button button-primary" onClick={() => void retry(d)} aria-label={`Retry ${d.fileName}`} data-testid="download-retry">
            Retry
          </button>
        )}
        {(active && d.state !== 'verifying') && (
          <button type="button" className="button button-quiet" onClick={() => void cancel(d.id)} aria-label={`Cancel ${d.fileName}`} data-testid="download-cancel">
            Cancel
          </button>
        )}
      </div>
    </div>
  );
}
