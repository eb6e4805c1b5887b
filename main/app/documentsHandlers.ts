import type { documentsMethods } from '../contract/documents.js';
import type { Handlers } from '../rpc/handlers.js';
import type { Documents } from '../services/documents/createDocuments.js';

export type DocumentsHandlers = Pick<Handlers, keyof typeof documentsMethods>;

/** The documents methods, one line each onto the documents service. */
export function createDocumentsHandlers(documents: Documents): DocumentsHandlers {
  return {
    'documents.create': ({ name, paths }) => documents.create(name, paths),
    'documents.list': () => documents.list(),
    'documents.addPaths': ({ collectionId, paths }, ctx) => documents.addPaths(collectionId, paths, ctx.signal),
    'documents.remove': ({ collectionId }) => (documents.remove(collectionId), { removed: true as const }),
    'documents.removePath': ({ path, collectionId }) => ({ removedFiles: documents.removePath(path, collectionId) }),
    'documents.sync': ({ collectionId }, ctx) => documents.sync(collectionId, ctx.signal),
    'documents.cancel': ({ collectionId }) => ({ cancelled: documents.cancel(collectionId) }),
    'documents.search': ({ query, collectionIds, limit }) => documents.search(query, { collectionIds, limit }),
    'documents.sources': ({ collectionId }) => documents.sources(collectionId),
  };
}
