import type { DocCollection, DocHit, DocSearchMode, DocSource } from '../../../main/contract/documents.js';
import { HearthError } from '../../../main/contract/errors.js';
import type { ReplySource } from '../../../main/contract/index.js';
import type { FakeClient } from '../transport/fakeClient.js';

export function makeCollection(fields: Partial<DocCollection> & Pick<DocCollection, 'id' | 'name'>): DocCollection {
  return { createdAt: 1, roots: [{ path: `/home/u/${fields.name}`, kind: 'folder' }], indexedFiles: 0, skippedFiles: 0, chunks: 0, textBytes: 0, ...fields };
}

export function makeDocSource(fields: Partial<DocSource> & Pick<DocSource, 'id' | 'collectionId' | 'path'>): DocSource {
  return { sizeBytes: 10, mtimeMs: 1, status: 'indexed', skipReason: null, title: null, chunkCount: 1, indexedAt: 1, ...fields };
}

export function makeReplySource(fields: Partial<ReplySource> & Pick<ReplySource, 'n' | 'path'>): ReplySource {
  return { title: null, heading: null, page: null, lines: null, text: `Excerpt ${fields.n}`, score: 1, collectionId: 'd1', chunkId: fields.n, ...fields };
}

export interface FakeDocuments {
  collections: DocCollection[];
  sources: Record<string, DocSource[]>;
  hits: DocHit[];
  /** Paths documents.open was asked for and accepted. */
  opened: string[];
  /** What documents.searchMode answers: keyword search alone unless a test installs models. */
  mode: DocSearchMode;
}

/**
 * The documents methods over in-memory collections: create adds one (with
 * its roots as folders), remove and removePath take things away, open
 * accepts only a path some collection lists (as main does).
 */
export function installFakeDocuments(client: FakeClient, initial: DocCollection[] = []): FakeDocuments {
  let n = 0;
  const docs: FakeDocuments = { collections: [...initial], sources: {}, hits: [], opened: [], mode: { embeddingModelId: null, rerankerModelId: null, rerank: 'auto', reranking: false } };
  const find = (id: string) => {
    const c = docs.collections.find((x) => x.id === id);
    if (!c) throw new HearthError('NOT_FOUND', `Collection ${id} does not exist.`);
    return c;
  };
  const summary = (collectionId: string) => ({ collectionId, added: 0, updated: 0, renamed: 0, removed: 0, unchanged: 0, skipped: [], cancelled: false });
  client.handle('documents.list', () => docs.collections);
  client.handle('documents.create', ({ name, paths }) => {
    const created = makeCollection({ id: `d-new-${++n}`, name, roots: (paths ?? []).map((path) => ({ path, kind: 'folder' as const })), indexedFiles: (paths ?? []).length });
    docs.collections = [...docs.collections, created];
    return created;
  });
  client.handle('documents.sources', ({ collectionId }) => docs.sources[collectionId] ?? []);
  client.handle('documents.addPaths', ({ collectionId, paths }) => {
    const c = find(collectionId);
    docs.collections = docs.collections.map((x) => (x === c ? { ...c, roots: [...c.roots, ...paths.map((path) => ({ path, kind: 'folder' as const }))] } : x));
    return summary(collectionId);
  });
  client.handle('documents.removePath', ({ path, collectionId }) => {
    const c = find(collectionId!);
    docs.collections = docs.collections.map((x) => (x === c ? { ...c, roots: c.roots.filter((r) => r.path !== path) } : x));
    docs.sources[c.id] = (docs.sources[c.id] ?? []).filter((s) => s.path !== path);
    return { removedFiles: 1 };
  });
  client.handle('documents.remove', ({ collectionId }) => {
    find(collectionId);
    docs.collections = docs.collections.filter((c) => c.id !== collectionId);
    return { removed: true as const };
  });
  client.handle('documents.sync', ({ collectionId }) => [summary(collectionId ?? 'all')]);
  client.handle('documents.cancel', () => ({ cancelled: true }));
  client.handle('documents.search', () => docs.hits);
  client.handle('documents.searchMode', () => ({ ...docs.mode }));
  client.handle('documents.open', ({ path }) => {
    if (!Object.values(docs.sources).some((list) => list.some((s) => s.path === path))) throw new HearthError('NOT_FOUND', `${path} is not a file of any collection.`);
    docs.opened.push(path);
    return { opened: true as const };
  });
  return docs;
}
