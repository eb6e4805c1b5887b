import { useMemo, useState } from 'react';
import { useHearth } from '../../store/StoreContext.js';
import { CatalogCard } from './CatalogCard.js';
import { CatalogFilters } from './CatalogFilters.js';
import { facetsOf, filterCatalog, NO_FILTER, type CatalogFilter } from './filterCatalog.js';

/** The curated catalog: filters, a grid of entries, and the on-request online fit check. */
export function CatalogSection() {
  const catalog = useHearth((s) => s.catalog);
  const loaded = useHearth((s) => s.catalogLoaded);
  const error = useHearth((s) => s.catalogError);
  const checkingFit = useHearth((s) => s.checkingFit);
  const offline = useHearth((s) => s.settings?.offline === true);
  const loadCatalog = useHearth((s) => s.loadCatalog);
  const [filter, setFilter] = useState<CatalogFilter>(NO_FILTER);
  const facets = useMemo(() => facetsOf(catalog), [catalog]);
  const shown = useMemo(() => filterCatalog(catalog, filter), [catalog, filter]);

  return (
    <section aria-labelledby="catalog-title" data-testid="catalog-section">
      <div className="section-head">
        <h2 id="catalog-title">Catalog</h2>
        <button
          type="button"
          className="button"
          disabled={checkingFit || offline || catalog.length === 0}
          title={offline ? 'Offline mode is on: the check reads each file header from the internet.' : undefined}
          onClick={() => void loadCatalog({ checkRemote: true })}
          data-testid="catalog-check-fit"
        >
          {checkingFit ? 'Checking…' : 'Check fit online'}
        </button>
      </div>
      <p className="muted section-lead">
        Curated models that run well in Hearth. Fit is estimated from the download size; "Check fit online" reads each file's header (a few kilobytes) for exact numbers.
      </p>
      {error ? (
        <p className="form-error" role="alert" data-testid="catalog-error">
          The catalog could not be read: {error}
        </p>
      ) : !loaded ? (
        <p className="muted">Loading the catalog…</p>
      ) : (
        <>
          <CatalogFilters filter={filter} families={facets.families} domains={facets.domains} onChange={setFilter} />
          <p className="muted catalog-count" role="status" data-testid="catalog-count">
            {shown.length === catalog.length ? `${catalog.length} models` : `${shown.length} of ${catalog.length} models`}
          </p>
          {shown.length === 0 ? (
            <p className="muted">
              No model matches these filters.{' '}
              <button type="button" className="link-button" onClick={() => setFilter(NO_FILTER)}>
                Clear the filters
              </button>
            </p>
          ) : (
            <ul className="catalog-grid" data-testid="catalog-grid">
              {shown.map((item) => (
                <CatalogCard key={item.id} item={item} />
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
