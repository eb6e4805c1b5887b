import { useTranslation } from 'react-i18next';
import { IconButton } from '../../components/IconButton.js';
import { useHearth } from '../../store/StoreContext.js';
import { baseName } from './splitPaths.js';

/** A collection's files: indexed ones with their excerpt counts, skipped ones with the reason. */
export function CollectionFiles({ collectionId, name }: { collectionId: string; name: string }) {
  const { t } = useTranslation();
  const files = useHearth((s) => s.docSources[collectionId]);
  const removePath = useHearth((s) => s.removeDocPath);
  if (!files) return <p className="muted">{t('documents.files.loading')}</p>;
  if (files.length === 0) return <p className="muted">{t('documents.files.empty')}</p>;
  const sorted = [...files].sort((a, b) => (a.status === b.status ? a.path.localeCompare(b.path) : a.status === 'skipped' ? -1 : 1));
  return (
    <ul className="doc-files" aria-label={t('documents.files.title', { name })} data-testid="doc-files">
      {sorted.map((f) => (
        <li key={f.id} className="doc-file" data-testid="doc-file" data-status={f.status} data-path={f.path}>
          <div className="doc-file-main">
            <span className="doc-file-name">{f.title || baseName(f.path)}</span>
            <span className="doc-file-path muted" dir="ltr">
              {f.path}
            </span>
            {f.status === 'skipped' ? (
              <span className="doc-file-reason" data-testid="doc-file-reason">
                {t('documents.files.skipped', { reason: f.skipReason ?? '' })}
              </span>
            ) : (
              <span className="muted">{t('documents.files.chunks', { n: f.chunkCount })}</span>
            )}
          </div>
          <IconButton icon="x" label={t('documents.removePath', { path: baseName(f.path) })} onClick={() => void removePath(collectionId, f.path)} testId="doc-file-remove" />
        </li>
      ))}
    </ul>
  );
}
