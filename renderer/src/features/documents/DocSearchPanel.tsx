import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useHearth } from '../../store/StoreContext.js';
import { SourcePlace } from './SourcePlace.js';
import { baseName } from './splitPaths.js';

/** A search box to try queries against every collection, with the hits as a chat would get them. */
export function DocSearchPanel() {
  const { t } = useTranslation();
  const search = useHearth((s) => s.docSearch);
  const searchDocs = useHearth((s) => s.searchDocs);
  const collections = useHearth((s) => s.docCollections);
  const [query, setQuery] = useState('');
  const [scope, setScope] = useState('');
  const id = useId();

  return (
    <section aria-labelledby={`${id}-title`} data-testid="doc-search">
      <h2 id={`${id}-title`}>{t('documents.search.title')}</h2>
      <form
        className="doc-search-form"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          void searchDocs(query, scope ? [scope] : undefined);
        }}
      >
        <select value={scope} onChange={(e) => setScope(e.target.value)} aria-label={t('documents.search.scope')} data-testid="doc-search-scope">
          <option value="">{t('documents.search.all')}</option>
          {collections.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} aria-label={t('documents.search.label')} placeholder={t('documents.search.placeholder')} data-testid="doc-search-input" />
        <button type="submit" className="button" disabled={!query.trim()} data-testid="doc-search-button">
          {t('documents.search.submit')}
        </button>
      </form>
      <div aria-live="polite">
        {search.searching && <p className="muted">{t('documents.search.searching')}</p>}
        {!search.searching && search.hits?.length === 0 && <p className="muted" data-testid="doc-search-none">{t('documents.search.none', { query: search.query })}</p>}
      </div>
      {search.hits && search.hits.length > 0 && (
        <ol className="doc-hits" data-testid="doc-hits">
          {search.hits.map((hit) => (
            <li key={hit.chunkId} className="doc-hit" data-testid="doc-hit" data-path={hit.path}>
              <div className="doc-hit-head">
                <strong>{hit.title || baseName(hit.path)}</strong> <SourcePlace heading={hit.heading ?? null} page={hit.page ?? null} lines={hit.lines ?? null} />
              </div>
              <p className="doc-hit-path muted" dir="ltr">
                {hit.path}
              </p>
              <p className="doc-excerpt">{hit.text}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
