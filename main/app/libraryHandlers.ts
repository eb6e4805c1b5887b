import { HearthError } from '../contract/index.js';
import type { Handlers } from '../rpc/handlers.js';

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

const pending = (): never => {
  throw new HearthError('INTERNAL', 'The model library is not built yet.');
};

/** The model library's methods (catalog, downloads, cache). */
export function createLibraryHandlers(): LibraryHandlers {
  return {
    'catalog.list': pending,
    'downloads.start': pending,
    'downloads.list': pending,
    'downloads.pause': pending,
    'downloads.resume': pending,
    'downloads.cancel': pending,
    'downloads.prepareOffline': pending,
    'models.scan': pending,
    'models.verify': pending,
    'models.cacheInfo': pending,
  };
}
