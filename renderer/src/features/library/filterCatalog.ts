import type { CatalogItem } from '../../../../main/contract/index.js';

export type SizeBucket = 'all' | 'small' | 'medium' | 'large';

export interface CatalogFilter {
  size: SizeBucket;
  family: string;
  domain: string;
  text: string;
  /** Hide entries whose fit is known to be "won't fit". */
  fitsOnly: boolean;
}

export const NO_FILTER: CatalogFilter = { size: 'all', family: '', domain: '', text: '', fitsOnly: false };

/** In the picker's order; each is labelled by catalog.filters.size.<bucket>. */
export const SIZE_BUCKETS: readonly SizeBucket[] = ['all', 'small', 'medium', 'large'];

const B = 1e9;
// Q4_K_M stores about 0.6 bytes a parameter: the file size stands in when the parameter count is unsourced.
const BYTES_PER_PARAMETER = 0.6;

/** The bucket of an entry by parameter count, else by its first file's size; null when neither is known. */
export function sizeBucketOf(item: CatalogItem): Exclude<SizeBucket, 'all'> | null {
  const size = item.files[0]?.sizeBytes ?? item.files[0]?.approxSizeBytes ?? null;
  const parameters = item.parameters ?? (size !== null ? size / BYTES_PER_PARAMETER : null);
  if (parameters === null) return null;
  if (parameters <= 2 * B) return 'small';
  if (parameters <= 5 * B) return 'medium';
  return 'large';
}

export function matchesFilter(item: CatalogItem, f: CatalogFilter): boolean {
  if (f.size !== 'all' && sizeBucketOf(item) !== f.size) return false;
  if (f.family && item.family !== f.family) return false;
  if (f.domain && !item.domains.includes(f.domain)) return false;
  if (f.fitsOnly && item.fit?.verdict === 'wont-fit') return false;
  const words = f.text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length > 0) {
    const haystack = [item.name, item.family, item.description, item.licence ?? '', item.kind, ...item.domains, ...item.files.map((x) => x.quantization)].join(' ').toLowerCase();
    if (!words.every((w) => haystack.includes(w))) return false;
  }
  return true;
}

export function filterCatalog(items: CatalogItem[], f: CatalogFilter): CatalogItem[] {
  return items.filter((item) => matchesFilter(item, f));
}

/** Distinct values for the family and domain pickers, sorted. */
export function facetsOf(items: CatalogItem[]): { families: string[]; domains: string[] } {
  const families = new Set<string>();
  const domains = new Set<string>();
  for (const item of items) {
    families.add(item.family);
    for (const d of item.domains) domains.add(d);
  }
  const sorted = (s: Set<string>) => [...s].sort((a, b) => a.localeCompare(b));
  return { families: sorted(families), domains: sorted(domains) };
}
