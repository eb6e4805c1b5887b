import { useId } from 'react';
import { SIZE_LABEL, type CatalogFilter, type SizeBucket } from './filterCatalog.js';

interface Props {
  filter: CatalogFilter;
  families: string[];
  domains: string[];
  onChange(filter: CatalogFilter): void;
}

/** Text, size, family and domain filters over the catalog; every control is labelled. */
export function CatalogFilters({ filter, families, domains, onChange }: Props) {
  const id = useId();
  const set = (patch: Partial<CatalogFilter>) => onChange({ ...filter, ...patch });
  return (
    <div className="catalog-filters" role="search" aria-label="Filter the catalog">
      <label className="field field-grow" htmlFor={`${id}-text`}>
        <span>Search</span>
        <input id={`${id}-text`} type="search" value={filter.text} onChange={(e) => set({ text: e.target.value })} placeholder="Name, family, licence…" data-testid="catalog-filter-text" />
      </label>
      <label className="field" htmlFor={`${id}-size`}>
        <span>Size</span>
        <select id={`${id}-size`} value={filter.size} onChange={(e) => set({ size: e.target.value as SizeBucket })} data-testid="catalog-filter-size">
          {(Object.keys(SIZE_LABEL) as SizeBucket[]).map((b) => (
            <option key={b} value={b}>
              {SIZE_LABEL[b]}
            </option>
          ))}
        </select>
      </label>
      <label className="field" htmlFor={`${id}-family`}>
        <span>Family</span>
        <select id={`${id}-family`} value={filter.family} onChange={(e) => set({ family: e.target.value })} data-testid="catalog-filter-family">
          <option value="">All families</option>
          {families.map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
        </select>
      </label>
      <label className="field" htmlFor={`${id}-domain`}>
        <span>Domain</span>
        <select id={`${id}-domain`} value={filter.domain} onChange={(e) => set({ domain: e.target.value })} data-testid="catalog-filter-domain">
          <option value="">Anything</option>
          {domains.map((d) => (
            <option key={d} value={d}>
              {d}
            </option>
          ))}
        </select>
      </label>
      <label className="checkbox catalog-fits-only">
        <input type="checkbox" checked={filter.fitsOnly} onChange={(e) => set({ fitsOnly: e.target.checked })} data-testid="catalog-filter-fits" />
        Hide models that won't fit
      </label>
    </div>
  );
}
