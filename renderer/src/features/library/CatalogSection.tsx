import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../lib/format.js';
import { useHearth } from '../../store/StoreContext.js';
import { CatalogCard } from './CatalogCard.js';
import { CatalogFilters } from './CatalogFilters.js';
import { facetsOf, filterCatalog, NO_FILTER, type CatalogFilter } from './filterCatalog.js';

/** The curated catalog: filters, a grid of entries, and the on-request online fit check. */
export function CatalogSection() {
  const { t } = useTranslation();
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
        <h2 id="catalog-title">{t('catalog.title')}</h2>
        <button
          type="button"
          className="button"
          disabled={checkingFit || offline || catalog.length === 0}
          title={offline ? t('catalog.checkFitOffline') : undefined}
          onClick={() => void loadCatalog({ checkRemote: true })}
          data-testid="catalog-check-fit"
        >
          {checkingFit ? t('catalog.checking') : t('catalog.checkFit')}
        </button>
      </div>
      <p className="muted section-lead">
        {t('catalog.lead')}
      </p>
      {error ? (
        <p className="form-error" role="alert" data-testid="catalog-error">
          {t('catalog.error', { error })}
        </p>
      ) : !loaded ? (
        <p className="muted">{t('catalog.loading')}</p>
      ) : (
        <>
          <CatalogFilters filter={filter} families={facets.families} domains={facets.domains} onChange={setFilter} />
          <p className="muted catalog-count" role="status" data-testid="catalog-count">
            {shown.length === catalog.length ? t('catalog.count', { count: catalog.length, n: formatNumber(catalog.length) }) : t('catalog.countOf', { count: catalog.length, shown: formatNumber(shown.length), n: formatNumber(catalog.length) })}
          </p>
          {shown.length === 0 ? (
            <p className="muted">
              {t('catalog.noMatch')}{' '}
              <button type="button" className="link-button" onClick={() => setFilter(NO_FILTER)}>
                {t('catalog.clearFilters')}
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
