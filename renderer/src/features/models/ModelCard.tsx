import { useState } from 'react';
import type { ModelDetails } from '../../../../main/contract/index.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { formatBytes, formatCount } from '../../lib/format.js';
import { useHearth } from '../../store/StoreContext.js';
import { FitBadge } from './FitBadge.js';
import { VerifyResult } from './VerifyResult.js';

export function ModelCard({ model }: { model: ModelDetails }) {
  const activity = useHearth((s) => s.modelActivity[model.id] ?? null);
  const progress = useHearth((s) => s.loadProgress[model.id]);
  const loadModel = useHearth((s) => s.loadModel);
  const unloadModel = useHearth((s) => s.unloadModel);
  const removeModel = useHearth((s) => s.removeModel);
  const verification = useHearth((s) => s.verifications[model.id]);
  const verifyModel = useHearth((s) => s.verifyModel);
  const [confirming, setConfirming] = useState(false);
  const [deleteFile, setDeleteFile] = useState(false);
  const linked = model.source === 'link';

  return (
    <li className="card model-card" data-testid="model-card" data-model-id={model.id} data-loaded={model.loaded}>
      <div className="model-card-head">
        <h3>{model.name}</h3>
        {model.loaded && <span className="badge badge-loaded">Loaded</span>}
      </div>
      <dl className="model-facts">
        <div>
          <dt>Size</dt>
          <dd>{formatBytes(model.sizeBytes)}</dd>
        </div>
        <div>
          <dt>Quantization</dt>
          <dd>{model.quantization}</dd>
        </div>
        <div>
          <dt>Context</dt>
          <dd>{model.contextLength.toLocaleString()} tokens</dd>
        </div>
        <div>
          <dt>Architecture</dt>
          <dd>
            {model.architecture}
            {model.parameters ? ` · ${formatCount(model.parameters)} params` : ''}
          </dd>
        </div>
      </dl>
      <FitBadge fit={model.fit} />
      <p className="model-path" title={model.path}>
        {linked ? 'Linked: ' : ''}
        {model.path}
      </p>
      {activity === 'loading' && (
        <div className="progress" role="progressbar" aria-label={`Loading ${model.name}`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round((progress ?? 0) * 100)} data-testid="model-load-progress">
          <div className="progress-bar" style={{ width: `${Math.round((progress ?? 0) * 100)}%` }} />
        </div>
      )}
      <div className="model-actions">
        {model.loaded ? (
          <button type="button" className="button" disabled={activity !== null} onClick={() => void unloadModel(model.id)} data-testid="model-unload-button">
            {activity === 'unloading' ? 'Unloading…' : 'Unload'}
          </button>
        ) : (
          <button type="button" className="button button-primary" disabled={activity !== null} onClick={() => void loadModel(model.id)} data-testid="model-load-button">
            {activity === 'loading' ? `Loading ${Math.round((progress ?? 0) * 100)}%` : 'Load'}
          </button>
        )}
        <button
          type="button"
          className="button"
          disabled={verification?.status === 'running'}
          onClick={() => void verifyModel(model.id)}
          aria-label={`Verify the file of ${model.name}`}
          data-testid="model-verify-button"
        >
          {verification?.status === 'running' ? 'Verifying…' : 'Verify'}
        </button>
        <button type="button" className="button button-quiet" disabled={activity !== null} onClick={() => setConfirming(true)} data-testid="model-delete-button" aria-label={`Delete ${model.name}`}>
          Delete
        </button>
      </div>
      <VerifyResult verification={verification} />
      {confirming && (
        <ConfirmDialog title={`Delete ${model.name}?`} confirmLabel="Delete model" danger onConfirm={() => removeModel(model.id, deleteFile)} onClose={() => setConfirming(false)}>
          <p>Hearth will forget this model. Chats that used it stay.</p>
          <label className="checkbox">
            <input type="checkbox" checked={deleteFile} onChange={(e) => setDeleteFile(e.target.checked)} data-testid="delete-model-file-checkbox" />
            {linked ? `Also delete the original file at ${model.path}` : `Also delete the file (${formatBytes(model.sizeBytes)}) from disk`}
          </label>
        </ConfirmDialog>
      )}
    </li>
  );
}
