import { useTranslation } from 'react-i18next';
import type { DocProgress } from '../../../../main/contract/documents.js';
import { useHearth } from '../../store/StoreContext.js';

/** Live indexing of one collection: phase, counts, the file being read, and Cancel. */
export function IndexingProgress({ progress, name }: { progress: DocProgress; name: string }) {
  const { t } = useTranslation();
  const cancel = useHearth((s) => s.cancelIndexing);
  const percent = progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  const phase =
    progress.phase === 'scanning'
      ? t('documents.progress.scanning')
      : progress.phase === 'embedding'
        ? t('documents.progress.embedding', { done: progress.done, total: progress.total })
        : t('documents.progress.indexing', { done: progress.done, total: progress.total });
  return (
    <div className="doc-progress" data-testid="doc-progress" data-phase={progress.phase}>
      <div className="doc-progress-head">
        <span aria-live="polite">{phase}</span>
        <span className="muted" data-testid="doc-progress-counts">
          {t('documents.progress.counts', { indexed: progress.indexed, skipped: progress.skipped })}
        </span>
        <button type="button" className="button button-small" onClick={() => void cancel(progress.collectionId)} data-testid="doc-cancel">
          {t('documents.progress.cancel')}
        </button>
      </div>
      <div
        className="progress"
        role="progressbar"
        aria-label={t('documents.progress.label', { name })}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={progress.phase === 'scanning' ? undefined : percent}
      >
        <div className="progress-bar" style={{ width: `${progress.phase === 'scanning' ? 0 : percent}%` }} />
      </div>
      {progress.currentFile && (
        <p className="doc-progress-file muted" dir="ltr" data-testid="doc-progress-file">
          {t('documents.progress.current', { file: progress.currentFile })}
        </p>
      )}
    </div>
  );
}
