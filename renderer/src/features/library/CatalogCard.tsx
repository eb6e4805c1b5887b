import { useId, useState } from 'react';
import type { CatalogItem } from '../../../../main/contract/index.js';
import { formatBytes, formatCount } from '../../lib/format.js';
import { ACTIVE_STATES, downloadKey } from '../../store/downloadsSlice.js';
import { useHearth } from '../../store/StoreContext.js';
import { FitBadge } from '../models/FitBadge.js';
import { DownloadProgress } from './DownloadProgress.js';
import { ErrorNote } from './ErrorNote.js';

const FIT_SOURCE = { 'local-file': 'from the installed file', 'remote-header': "from the file's header online", 'size-estimate': 'estimated from the download size' } as const;

/** One catalog entry: facts, fit, and a download button for the chosen quantization. */
export function CatalogCard({ item }: { item: CatalogItem }) {
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

  return (
    <li className="card catalog-card" data-testid="catalog-card" data-catalog-id={item.id} aria-labelledby={`${id}-name`}>
      <div className="model-card-head">
        <h3 id={`${id}-name`}>{item.name}</h3>
        {item.kind === 'embedding' && <span className="badge">Embedding</span>}
        {item.installed.length > 0 && (
          <span className="badge badge-loaded" data-testid="catalog-installed">
            Installed {item.installed.map((i) => i.quantization).join(', ')}
          </span>
        )}
      </div>
      <p className="catalog-description">{item.description}</p>
      <dl className="model-facts">
        <div>
          <dt>Family</dt>
          <dd>{item.family}</dd>
        </div>
        <div>
          <dt>Parameters</dt>
          <dd>{item.parameters ? formatCount(item.parameters) : 'Not stated'}</dd>
        </div>
        <div>
          <dt>Context</dt>
          <dd>{item.contextLength ? `${item.contextLength.toLocaleString()} tokens` : 'Read from the file'}</dd>
        </div>
        <div>
          <dt>Licence</dt>
          <dd data-testid="catalog-licence">{item.licence ?? 'See the model page'}</dd>
        </div>
        <div>
          <dt>Download</dt>
          <dd data-testid="catalog-size">
            {file.sizeBytes ? formatBytes(file.sizeBytes) : file.approxSizeBytes ? `about ${formatBytes(file.approxSizeBytes)}` : 'Size read at download'}
            {file.parts > 1 ? ` in ${file.parts} parts` : ''}
          </dd>
        </div>
      </dl>
      {item.domains.length > 0 && (
        <ul className="tag-list" aria-label="Suited to">
          {item.domains.map((d) => (
            <li key={d} className="tag">
              {d}
            </li>
          ))}
        </ul>
      )}
      <div className="catalog-fit">
        <FitBadge fit={item.fit} />
        {item.fit && item.fitSource && <span className="muted catalog-fit-source">Fit {FIT_SOURCE[item.fitSource]}.</span>}
      </div>
      <div className="catalog-actions">
        {item.files.length > 1 && (
          <label className="field catalog-quant" htmlFor={`${id}-quant`}>
            <span>Quantization</span>
            <select id={`${id}-quant`} value={file.quantization} onChange={(e) => setQuantization(e.target.value)} data-testid="catalog-quantization">
              {item.files.map((f) => (
                <option key={f.quantization} value={f.quantization}>
                  {f.quantization}
                  {f.sizeBytes ? ` (${formatBytes(f.sizeBytes)})` : f.approxSizeBytes ? ` (about ${formatBytes(f.approxSizeBytes)})` : ''}
                </option>
              ))}
            </select>
          </label>
        )}
        {download?.state === 'failed' ? null : installed ? (
          <span className="muted" data-testid="catalog-installed-quant">
            {file.quantization} is installed.
          </span>
        ) : (
          <button
            type="button"
            className="button button-primary"
            disabled={busy || starting}
            onClick={() => void startDownload(item.id, file.quantization)}
            aria-describedby={offline ? `${id}-offline` : undefined}
            data-testid="catalog-download"
          >
            {starting ? 'Starting…' : busy ? 'Downloading…' : `Download ${file.quantization}`}
          </button>
        )}
        {offline && !installed && (
          <span id={`${id}-offline`} className="muted">
            Offline mode is on.
          </span>
        )}
      </div>
      {download && download.state !== 'completed' && <DownloadProgress download={download} />}
      {startError && !busy && <ErrorNote error={startError} testId="catalog-download-error" />}
    </li>
  );
}
