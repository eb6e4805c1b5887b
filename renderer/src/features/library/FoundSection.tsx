import { useTranslation } from 'react-i18next';
import type { FoundModel } from '../../../../main/contract/index.js';
import { formatBytes } from '../../lib/format.js';
import { useHearth } from '../../store/StoreContext.js';

const APP_NAME: Record<FoundModel['app'], string> = { lmstudio: 'LM Studio', jan: 'Jan', ollama: 'Ollama' };

/** GGUF files other apps already downloaded: Hearth can use them where they are, without a copy. */
export function FoundSection() {
  const { t } = useTranslation();
  const found = useHearth((s) => s.found);
  const scanning = useHearth((s) => s.scanning);
  const error = useHearth((s) => s.scanError);
  const importing = useHearth((s) => s.importing);
  const scan = useHearth((s) => s.scanModels);
  const use = useHearth((s) => s.useFoundModel);

  return (
    <section aria-labelledby="found-title" data-testid="found-section">
      <div className="section-head">
        <h2 id="found-title">{t('found.title')}</h2>
        <button type="button" className="button" disabled={scanning} onClick={() => void scan()} data-testid="scan-button">
          {scanning ? t('found.looking') : t('found.lookAgain')}
        </button>
      </div>
      <p className="muted section-lead">{t('found.lead')}</p>
      {error && (
        <p className="form-error" role="alert" data-testid="scan-error">
          {t('found.error', { error })}
        </p>
      )}
      {found !== null && found.length === 0 && !error && <p className="muted">{t('found.none')}</p>}
      {found !== null && found.length > 0 && (
        <ul className="found-list">
          {found.map((m) => (
            <li key={m.path} className="found-item" data-testid="found-model" data-path={m.path}>
              <div className="found-text">
                <strong>{m.name}</strong> <span className="badge">{APP_NAME[m.app]}</span> <span className="muted">{formatBytes(m.sizeBytes)}</span>
                <span className="model-path" title={m.path}>
                  <bdi dir="ltr">{m.path}</bdi>
                </span>
              </div>
              {m.modelId ? (
                <span className="badge badge-loaded" data-testid="found-in-hearth">
                  {t('found.inHearth')}
                </span>
              ) : (
                <button type="button" className="button" disabled={importing} onClick={() => void use(m.path)} aria-label={t('found.useModel', { name: m.name })} data-testid="found-use-button">
                  {t('found.use')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
