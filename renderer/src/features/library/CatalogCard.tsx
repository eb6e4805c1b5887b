import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogItem } from '../../../../main/contract/index.js';
import { formatBytes, formatCount, formatNumber } from '../../lib/format.js';
import { ACTIVE_STATES, downloadKey } from '../../store/downloadsSlice.js';
import { useHearth } from '../../store/StoreContext.js';
import { FitBadge } from '../models/FitBadge.js';
import { DownloadProgress } from './DownloadProgress.js';
import { CapabilityFacts } from './CapabilityFacts.js';
import { ErrorNote } from './ErrorNote.js';
import { LicenceNotice } from './LicenceNotice.js';

/** One catalog entry: facts, fit, and a download button for the chosen quantization. */
export function CatalogCard({ item }: { item: CatalogItem }) {
  const { t } = useTranslation();
  const id = useId();
  const [quantization, setQuantization] = useState(item.files[0]!.quantization);
  const file = item.files.find((f) => f.quantization === quantization) ?? item.files[0]!;
  const key = downloadKey(item.id, file.quantization);
  // The newest download of this entry and quantization, if any.
  const download = useHearth((s) => s.downloads.find((d) => d.catalogId === item.id && d.quantization === file.quantization && d.state !== 'cancelled') ?? null);
  const startError = useHearth((s) => s.startErrors[key] ?? null);
  const starting = useHearth((s) => s.starting[key] === true);
  const offline = useHearth((s) => s.settings?.offline === true);
  const startDownload = useHearth((s) => s.startDownload);
  const installed = item.installed.find((i) => i.quantization === file.quantization) ?? null;
  const busy = download !== null && ACTIVE_STATES.has(download.state);
  // A restricted licence is asked about before the download starts (LicenceNotice's "Accept and download").
  const [askingLicence, setAskingLicence] = useState(false);

  return (
    <li className="card catalog-card" data-testid="catalog-card" data-catalog-id={item.id} aria-labelledby={`${id}-name`}>
      <div className="model-card-head">
        <h3 id={`${id}-name`}>{item.name}</h3>
        {item.kind === 'embedding' && <span className="badge">{t('catalog.embedding')}</span>}
        {item.installed.length > 0 && (
          <span className="badge badge-loaded" data-testid="catalog-installed">
            {t('catalog.installedQuants', { quants: item.installed.map((i) => i.quantization).join(', ') })}
          </span>
        )}
      </div>
      <p className="catalog-description">{item.description}</p>
      <CapabilityFacts capabilities={item.capabilities} />
      <dl className="model-facts">
        <div>
          <dt>{t('catalog.family')}</dt>
          <dd>{item.family}</dd>
        </div>
        <div>
          <dt>{t('catalog.parameters')}</dt>
          <dd>{item.parameters ? formatCount(item.parameters) : t('catalog.notStated')}</dd>
        </div>
        <div>
          <dt>{t('models.context')}</dt>
          <dd>{item.contextLength ? t('models.tokens', { count: item.contextLength, n: formatNumber(item.contextLength) }) : t('catalog.readFromFile')}</dd>
        </div>
        <div>
          <dt>{t('catalog.licence')}</dt>
          <dd data-testid="catalog-licence">{item.licence ?? t('catalog.seeModelPage')}</dd>
        </div>
        <div>
          <dt>{t('catalog.download')}</dt>
          <dd data-testid="catalog-size">
            {file.sizeBytes ? formatBytes(file.sizeBytes) : file.approxSizeBytes ? t('catalog.about', { size: formatBytes(file.approxSizeBytes) }) : t('catalog.sizeAtDownload')}
            {file.parts > 1 ? ` ${t('catalog.parts', { count: file.parts, n: formatNumber(file.parts) })}` : ''}
          </dd>
        </div>
      </dl>
      {item.domains.length > 0 && (
        <ul className="tag-list" aria-label={t('catalog.suitedTo')}>
          {item.domains.map((d) => (
            <li key={d} className="tag">
              {d}
            </li>
          ))}
        </ul>
      )}
      <div className="catalog-fit">
        <FitBadge fit={item.fit} />
        {item.fit && item.fitSource && <span className="muted catalog-fit-source">{t(`catalog.fitSource.${item.fitSource}`)}</span>}
      </div>
      <div className="catalog-actions">
        {item.files.length > 1 && (
          <label className="field catalog-quant" htmlFor={`${id}-quant`}>
            <span>{t('models.quantization')}</span>
            <select id={`${id}-quant`} value={file.quantization} onChange={(e) => setQuantization(e.target.value)} data-testid="catalog-quantization">
              {item.files.map((f) => (
                <option key={f.quantization} value={f.quantization}>
                  {f.quantization}
                  {f.sizeBytes ? ` (${formatBytes(f.sizeBytes)})` : f.approxSizeBytes ? ` (${t('catalog.about', { size: formatBytes(f.approxSizeBytes) })})` : ''}
                </option>
              ))}
            </select>
          </label>
        )}
        {download?.state === 'failed' ? null : installed ? (
          <span className="muted" data-testid="catalog-installed-quant">
            {t('catalog.quantInstalled', { quant: file.quantization })}
          </span>
        ) : (
          <button
            type="button"
            className="button button-primary"
            disabled={busy || starting}
            onClick={() => (item.licenceNotice ? setAskingLicence(true) : void startDownload(item.id, file.quantization))}
            aria-describedby={offline ? `${id}-offline` : undefined}
            data-testid="catalog-download"
          >
            {starting ? t('downloads.starting') : busy ? t('downloads.downloading') : t('catalog.downloadQuant', { quant: file.quantization })}
          </button>
        )}
        {offline && !installed && (
          <span id={`${id}-offline`} className="muted">
            {t('catalog.offlineOn')}
          </span>
        )}
      </div>
      {!installed && (
        <LicenceNotice
          item={item}
          asking={askingLicence}
          onAccept={() => {
            setAskingLicence(false);
            void startDownload(item.id, file.quantization, true);
          }}
          onCancel={() => setAskingLicence(false)}
        />
      )}
      {download && download.state !== 'completed' && <DownloadProgress download={download} />}
      {startError && !busy && <ErrorNote error={startError} testId="catalog-download-error" />}
    </li>
  );
}
