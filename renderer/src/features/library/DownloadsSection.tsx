import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useHearth } from '../../store/StoreContext.js';
import { DownloadProgress } from './DownloadProgress.js';
import { ErrorNote } from './ErrorNote.js';

/** Every download (catalog or link), and a field to download from an hf: URI or a URL. */
export function DownloadsSection() {
  const { t } = useTranslation();
  const downloads = useHearth((s) => s.downloads);
  const error = useHearth((s) => s.downloadsError);
  const startDownload = useHearth((s) => s.startDownload);
  const [source, setSource] = useState('');
  const key = source.trim();
  const startError = useHearth((s) => (key ? (s.startErrors[key] ?? null) : null));
  const starting = useHearth((s) => (key ? s.starting[key] === true : false));
  const id = useId();
  const shown = downloads.filter((d) => d.state !== 'cancelled');

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!key) return;
    if (await startDownload(key)) setSource('');
  }

  return (
    <section aria-labelledby="downloads-title" data-testid="downloads-section">
      <h2 id="downloads-title">{t('downloads.title')}</h2>
      <form className="form card" onSubmit={(e) => void submit(e)}>
        <div className="import-path-row">
          <label className="field field-grow" htmlFor={`${id}-source`}>
            <span>{t('downloads.fromLink')}</span>
            <input
              id={`${id}-source`}
              value={source}
              onChange={(e) => setSource(e.target.value)}
              placeholder={t('downloads.linkPlaceholder')}
              spellCheck={false}
              dir="ltr"
              data-testid="download-source-input"
            />
          </label>
          <button type="submit" className="button button-primary" disabled={!key || starting} data-testid="download-source-button">
            {starting ? t('downloads.starting') : t('downloads.download')}
          </button>
        </div>
        <small>{t('downloads.linkHint')}</small>
        {startError && <ErrorNote error={startError} testId="download-source-error" />}
      </form>
      {error && (
        <p className="form-error" role="alert">
          {t('downloads.listError', { error })}
        </p>
      )}
      {shown.length > 0 && (
        <ul className="download-list" data-testid="download-list" aria-label={t('downloads.title')}>
          {shown.map((d) => (
            <li key={d.id} className="card download-row" data-testid="download-row" data-download-id={d.id} data-state={d.state}>
              <div className="download-title">
                <strong>{d.fileName}</strong>
                <span className="muted">{d.catalogId ? `${d.catalogId} · ${d.quantization ?? ''}` : d.source}</span>
              </div>
              <DownloadProgress download={d} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
