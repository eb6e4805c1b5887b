import type { Handlers } from '../rpc/handlers.js';
import type { CacheService } from '../services/library/cache/createCacheService.js';
import type { CatalogService } from '../services/library/catalog/createCatalogService.js';
import type { Downloads } from '../services/library/downloads/createDownloads.js';
import { prepareOffline } from '../services/library/prepareOffline.js';

type LibraryMethod =
  | 'catalog.list'
  | 'downloads.start'
  | 'downloads.list'
  | 'downloads.pause'
  | 'downloads.resume'
  | 'downloads.cancel'
  | 'downloads.prepareOffline'
  | 'models.scan'
  | 'models.verify'
  | 'models.cacheInfo';

export type LibraryHandlers = Pick<Handlers, LibraryMethod>;

export interface LibraryDeps {
  catalog: CatalogService;
  downloads: Downloads;
  cache: CacheService;
  /** Catalog ids the enabled domain profiles prefer (wired by routing); none until then. */
  wantedCatalogIds: () => string[];
}

/** The model library's methods (catalog, downloads, cache). */
export function createLibraryHandlers(deps: LibraryDeps): LibraryHandlers {
  const { catalog, downloads, cache } = deps;
  return {
    'catalog.list': ({ checkRemote }, ctx) => catalog.list({ checkRemote, signal: ctx.signal }),
    'downloads.start': ({ source, quantization, acceptLicence }) => downloads.start(source, { quantization, acceptLicence }),
    'downloads.list': () => downloads.list(),
    'downloads.pause': ({ downloadId }) => downloads.pause(downloadId),
    'downloads.resume': ({ downloadId }) => downloads.resume(downloadId),
    'downloads.cancel': ({ downloadId }) => downloads.cancel(downloadId),
    'downloads.prepareOffline': () => prepareOffline(deps.wantedCatalogIds(), catalog, downloads),
    'models.scan': () => cache.scan().found,
    'models.verify': ({ modelId }, ctx) => cache.verify(modelId, { signal: ctx.signal }),
    'models.cacheInfo': () => cache.info(),
  };
}
