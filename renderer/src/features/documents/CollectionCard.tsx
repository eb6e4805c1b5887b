import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocCollection } from '../../../../main/contract/documents.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { IconButton } from '../../components/IconButton.js';
import { formatBytes, formatCount } from '../../lib/format.js';
import { useHearth } from '../../store/StoreContext.js';
import { AddPathForm } from './AddPathForm.js';
import { CollectionFiles } from './CollectionFiles.js';
import { IndexingProgress } from './IndexingProgress.js';

/** One collection: its counts, folders, live progress, files, and what can be done with it. */
export function CollectionCard({ collection }: { collection: DocCollection }) {
  const { t } = useTranslation();
  const progress = useHearth((s) => s.docProgress[collection.id]);
  const loadSources = useHearth((s) => s.loadDocSources);
  const sync = useHearth((s) => s.syncDocCollection);
  const remove = useHearth((s) => s.removeDocCollection);
  const removePath = useHearth((s) => s.removeDocPath);
  const [showFiles, setShowFiles] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const titleId = `doc-${collection.id}-title`;
  const filesId = `doc-${collection.id}-files`;

  function toggleFiles() {
    if (!showFiles) void loadSources(collection.id);
    setShowFiles(!showFiles);
  }

  const counts: Array<[string, string, string]> = [
    ['files', t('documents.counts.files'), formatCount(collection.indexedFiles)],
    ['skipped', t('documents.counts.skipped'), formatCount(collection.skippedFiles)],
    ['chunks', t('documents.counts.chunks'), formatCount(collection.chunks)],
    ['text', t('documents.counts.text'), formatBytes(collection.textBytes)],
  ];
  return (
    <li className="card doc-collection" aria-labelledby={titleId} data-testid="doc-collection" data-collection-id={collection.id} data-name={collection.name}>
      <div className="doc-collection-head">
        <h3 id={titleId}>{collection.name}</h3>
        <div className="doc-collection-actions">
          <button type="button" className="button button-small" onClick={() => void sync(collection.id)} disabled={progress !== undefined} data-testid="doc-sync">
            {t('documents.sync')}
          </button>
          <button type="button" className="button button-small button-danger" onClick={() => setConfirming(true)} data-testid="doc-remove">
            {t('documents.remove.button')}
          </button>
        </div>
      </div>
      <dl className="doc-counts">
        {counts.map(([key, label, value]) => (
          <div key={key} data-testid={`doc-count-${key}`}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {progress && <IndexingProgress progress={progress} name={collection.name} />}
      <ul className="doc-roots" aria-label={t('documents.roots')}>
        {collection.roots.map((r) => (
          <li key={r.path} data-testid="doc-root" data-path={r.path}>
            <span dir="ltr">{r.path}</span>
            <IconButton icon="x" label={t('documents.removePath', { path: r.path })} onClick={() => void removePath(collection.id, r.path)} testId="doc-root-remove" />
          </li>
        ))}
      </ul>
      <AddPathForm collectionId={collection.id} />
      <button type="button" className="link-button" aria-expanded={showFiles} aria-controls={filesId} onClick={toggleFiles} data-testid="doc-files-toggle">
        {showFiles ? t('documents.files.hide') : t('documents.files.show')}
      </button>
      <div id={filesId} hidden={!showFiles}>
        {showFiles && <CollectionFiles collectionId={collection.id} name={collection.name} />}
      </div>
      {confirming && (
        <ConfirmDialog title={t('documents.remove.title', { name: collection.name })} confirmLabel={t('documents.remove.confirm')} danger onConfirm={() => remove(collection.id)} onClose={() => setConfirming(false)}>
          <p>{t('documents.remove.body')}</p>
        </ConfirmDialog>
      )}
    </li>
  );
}
