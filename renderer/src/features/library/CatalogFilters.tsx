import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { SIZE_BUCKETS, type CatalogFilter, type SizeBucket } from './filterCatalog.js';

interface Props {
  filter: CatalogFilter;
  families: string[];
  domains: string[];
  onChange(filter: CatalogFilter): void;
}

/** Text, size, family and domain filters over the catalog; every control is labelled. */
export function CatalogFilters({ filter, families, domains, onChange }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const set = (patch: Partial<CatalogFilter>) => onChange({ ...filter, ...patch });
  return (
    <div className="catalog-filters" role="search" aria-label={t('catalog.filters.label')}>
      <label className="field field-grow" htmlFor={`${id}-text`}>
        <span>{t('catalog.filters.search')}</span>
        <input id={`${id}-text`} type="search" value={filter.text} onChange={(e) => set({ text: e.target.value })} placeholder={t('catalog.filters.searchPlaceholder')} data-testid="catalog-filter-text" />
      </label>
      <label className="field" htmlFor={`${id}-size`}>
        <span>{t('models.size')}</span>
        <select id={`${id}-size`} value={filter.size} onChange={(e) => set({ size: e.target.value as SizeBucket })} data-testid="catalog-filter-size">
          {SIZE_BUCKETS.map((b) => (
            <option key={b} value={b}>
              {t(`catalog.filters.size.${b}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field" htmlFor={`${id}-family`}>
        <span>{t('catalog.family')}</span>
        <select id={`${id}-family`} value={filter.family} onChange={(e) => set({ family: e.target.value })} data-testid="catalog-filter-family">
          <option value="">{t('catalog.filters.allFamilies')}</option>
          {families.map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
        </select>
      </label>
      <label className="field" htmlFor={`${id}-domain`}>
        <span>{t('catalog.filters.domain')}</span>
        <select id={`${id}-domain`} value={filter.domain} onChange={(e) => set({ domain: e.target.value })} data-testid="catalog-filter-domain">
          <option value="">{t('catalog.filters.anyDomain')}</option>
          {domains.map((d) => (
            <option key={d} value={d}>
              {d}
            </option>
          ))}
        </select>
      </label>
      <label className="checkbox catalog-fits-only">
        <input type="checkbox" checked={filter.fitsOnly} onChange={(e) => set({ fitsOnly: e.target.checked })} data-testid="catalog-filter-fits" />
        {t('catalog.filters.fitsOnly')}
      </label>
    </div>
  );
}
