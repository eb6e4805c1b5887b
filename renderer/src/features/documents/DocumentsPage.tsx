import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useHearth } from '../../store/StoreContext.js';
import { CollectionCard } from './CollectionCard.js';
import { CreateCollectionForm } from './CreateCollectionForm.js';
import { DocSearchPanel } from './DocSearchPanel.js';
import { SearchModeNote } from './SearchModeNote.js';

/**
 * Documents: collections of the user's files, indexed on this computer, with
 * their counts, files (skipped ones with the reason), live indexing, and a
 * search box to see what a chat would be given.
 */
export function DocumentsPage() {
  const { t } = useTranslation();
  const collections = useHearth((s) => s.docCollections);
  const error = useHearth((s) => s.docsError);
  const load = useHearth((s) => s.loadDocCollections);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="page documents-page" data-testid="documents-page">
      <header className="page-header">
        <h1>{t('documents.title')}</h1>
        <p className="muted">{t('documents.lead')}</p>
      </header>
      <CreateCollectionForm />
      <section aria-labelledby="doc-collections-title">
        <h2 id="doc-collections-title">{t('documents.collections')}</h2>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        {collections.length === 0 ? (
          <p className="muted" data-testid="doc-empty">
            {t('documents.empty')}
          </p>
        ) : (
          <ul className="doc-collections" data-testid="doc-collections">
            {collections.map((c) => (
              <CollectionCard key={c.id} collection={c} />
            ))}
          </ul>
        )}
      </section>
      <SearchModeNote />
      {collections.length > 0 && <DocSearchPanel />}
    </div>
  );
}
