import type { documentsMethods } from '../contract/documents.js';
import { HearthError } from '../contract/errors.js';
import type { Handlers } from '../rpc/handlers.js';
import type { Documents } from '../services/documents/createDocuments.js';
import { openSource, systemOpener, type OpenPath } from '../services/documents/openSource.js';

export type DocumentsHandlers = Pick<Handlers, keyof typeof documentsMethods>;

/**
 * The documents methods, one line each onto the documents service.
 * `openPath` opens an indexed file in the system's app: the platform's opener
 * by default (browser mode, where the user confirmed in the page).
 */
export function createDocumentsHandlers(documents: Documents, openPath: OpenPath = systemOpener()): DocumentsHandlers {
  return {
    'documents.create': ({ name, paths }) => documents.create(name, paths),
    'documents.list': () => documents.list(),
    'documents.addPaths': ({ collectionId, paths }, ctx) => documents.addPaths(collectionId, paths, ctx.signal),
    'documents.remove': ({ collectionId }) => (documents.remove(collectionId), { removed: true as const }),
    'documents.removePath': ({ path, collectionId }) => ({ removedFiles: documents.removePath(path, collectionId) }),
    'documents.sync': ({ collectionId }, ctx) => documents.sync(collectionId, ctx.signal),
    'documents.cancel': ({ collectionId }) => ({ cancelled: documents.cancel(collectionId) }),
    'documents.search': ({ query, collectionIds, limit }, ctx) => documents.search(query, { collectionIds, limit, signal: ctx.signal }),
    'documents.sources': ({ collectionId }) => documents.sources(collectionId),
    'documents.searchMode': () => documents.searchMode(),
    'documents.pickPaths': () => {
      throw new HearthError('INVALID_PARAMS', 'There is no folder dialog in browser mode: type or paste the absolute paths of the folders instead.');
    },
    'documents.open': async ({ path }) => (await openSource(documents, path, openPath), { opened: true as const }),
  };
}
