import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModelDetails } from '../../../../main/contract/index.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { formatBytes, formatCount, formatNumber, formatPercent } from '../../lib/format.js';
import { useHearth } from '../../store/StoreContext.js';
import { FamilyFacts } from './FamilyFacts.js';
import { FitBadge } from './FitBadge.js';
import { VerifyResult } from './VerifyResult.js';

export function ModelCard({ model }: { model: ModelDetails }) {
  const { t } = useTranslation();
  const activity = useHearth((s) => s.modelActivity[model.id] ?? null);
  const progress = useHearth((s) => s.loadProgress[model.id]);
  const loadModel = useHearth((s) => s.loadModel);
  const unloadModel = useHearth((s) => s.unloadModel);
  const removeModel = useHearth((s) => s.removeModel);
  const verification = useHearth((s) => s.verifications[model.id]);
  const verifyModel = useHearth((s) => s.verifyModel);
  const loadModels = useHearth((s) => s.loadModels);
  const [confirming, setConfirming] = useState(false);
  const [deleteFile, setDeleteFile] = useState(false);
  const linked = model.source === 'link';
  // A pass clears a broken mark on the server: list the models again to show it.
  const verify = () => void verifyModel(model.id).then(() => (model.broken !== null ? loadModels() : undefined));

  return (
    <li className="card model-card" data-testid="model-card" data-model-id={model.id} data-loaded={model.loaded}>
      <div className="model-card-head">
        <h3>{model.name}</h3>
        {model.loaded && <span className="badge badge-loaded">{t('models.loaded')}</span>}
      </div>
      <dl className="model-facts">
        <div>
          <dt>{t('models.size')}</dt>
          <dd>{formatBytes(model.sizeBytes)}</dd>
        </div>
        <div>
          <dt>{t('models.quantization')}</dt>
          <dd>{model.quantization}</dd>
        </div>
        <div>
          <dt>{t('models.context')}</dt>
          <dd>{t('models.tokens', { count: model.contextLength, n: formatNumber(model.contextLength) })}</dd>
        </div>
        <div>
          <dt>{t('models.architecture')}</dt>
          <dd>
            {model.architecture}
            {model.parameters ? ` · ${t('models.params', { n: formatCount(model.parameters) })}` : ''}
          </dd>
        </div>
      </dl>
      <FamilyFacts family={model.family} />
      <FitBadge fit={model.fit} />
      {model.broken !== null && (
        <p className="model-broken" role="alert" data-testid="model-broken">
          {t('models.broken', { reason: model.broken })}{' '}
          <button type="button" className="button" disabled={verification?.status === 'running'} onClick={verify} data-testid="model-broken-verify">
            {verification?.status === 'running' ? t('models.verifying') : t('models.verify')}
          </button>
        </p>
      )}
      <p className="model-path" title={model.path}>
        {linked ? t('models.linked') : ''}
        {/* A path reads left to right whatever the UI language; bdi keeps its slashes in place in Arabic. */}
        <bdi dir="ltr">{model.path}</bdi>
      </p>
      {activity === 'loading' && (
        <div className="progress" role="progressbar" aria-label={t('models.loadingName', { name: model.name })} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round((progress ?? 0) * 100)} data-testid="model-load-progress">
          <div className="progress-bar" style={{ width: `${Math.round((progress ?? 0) * 100)}%` }} />
        </div>
      )}
      <div className="model-actions">
        {model.loaded ? (
          <button type="button" className="button" disabled={activity !== null} onClick={() => void unloadModel(model.id)} data-testid="model-unload-button">
            {activity === 'unloading' ? t('models.unloading') : t('models.unload')}
          </button>
        ) : (
          // Loading a broken model would crash the engine again: Verify first.
          <button type="button" className="button button-primary" disabled={activity !== null || model.broken !== null} onClick={() => void loadModel(model.id)} data-testid="model-load-button">
            {activity === 'loading' ? t('models.loadingPercent', { percent: formatPercent(Math.round((progress ?? 0) * 100)) }) : t('models.load')}
          </button>
        )}
        <button
          type="button"
          className="button"
          disabled={verification?.status === 'running'}
          onClick={verify}
          aria-label={t('models.verifyName', { name: model.name })}
          data-testid="model-verify-button"
        >
          {verification?.status === 'running' ? t('models.verifying') : t('models.verify')}
        </button>
        <button type="button" className="button button-quiet" disabled={activity !== null} onClick={() => setConfirming(true)} data-testid="model-delete-button" aria-label={t('models.deleteName', { name: model.name })}>
          {t('models.delete')}
        </button>
      </div>
      <VerifyResult verification={verification} />
      {confirming && (
        <ConfirmDialog title={t('models.deleteTitle', { name: model.name })} confirmLabel={t('models.deleteConfirm')} danger onConfirm={() => removeModel(model.id, deleteFile)} onClose={() => setConfirming(false)}>
          <p>{t('models.deleteBody')}</p>
          <label className="checkbox">
            <input type="checkbox" checked={deleteFile} onChange={(e) => setDeleteFile(e.target.checked)} data-testid="delete-model-file-checkbox" />
            {linked ? t('models.deleteOriginal', { path: model.path }) : t('models.deleteFile', { size: formatBytes(model.sizeBytes) })}
          </label>
        </ConfirmDialog>
      )}
    </li>
  );
}
