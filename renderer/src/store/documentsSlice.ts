import type { DocCollection, DocProgress, DocSource } from '../../../main/contract/documents.js';
import { attempt, type SliceCreator } from './types.js';

export interface DocumentsSlice {
  docCollections: DocCollection[];
  /** Files of the collections whose list was opened, by collection id. */
  docSources: Record<string, DocSource[]>;
  /** The latest progress of each collection being indexed; removed when it ends. */
  docProgress: Record<string, DocProgress>;
  docsError: string | null;
  loadDocCollections(): Promise<void>;
  /** Creates a collection from folder or file paths; indexing goes on in main and reports documents.progress. */
  createDocCollection(name: string, paths: string[]): Promise<DocCollection | null>;
  loadDocSources(collectionId: string): Promise<void>;
  removeDocCollection(collectionId: string): Promise<boolean>;
  syncDocCollection(collectionId: string): Promise<void>;
  cancelIndexing(collectionId: string): Promise<boolean>;
  applyDocProgress(progress: DocProgress): void;
  applyDocsChanged(collectionId: string): void;
}

/** Collections, their files with status and skip reasons, and indexing progress, as main reports them. */
export const createDocumentsSlice: SliceCreator<DocumentsSlice> = (set, get, client) => ({
  docCollections: [],
  docSources: {},
  docProgress: {},
  docsError: null,

  async loadDocCollections() {
    try {
      set({ docCollections: await client.call('documents.list', {}), docsError: null });
    } catch (error) {
      set({ docsError: error instanceof Error ? error.message : String(error) });
    }
  },

  async createDocCollection(name, paths) {
    const created = await attempt(get, () => client.call('documents.create', { name, paths }));
    if (created) set((s) => ({ docCollections: [...s.docCollections.filter((c) => c.id !== created.id), created].sort((a, b) => a.name.localeCompare(b.name)) }));
    return created;
  },

  async loadDocSources(collectionId) {
    const sources = await attempt(get, () => client.call('documents.sources', { collectionId }));
    if (sources) set((s) => ({ docSources: { ...s.docSources, [collectionId]: sources } }));
  },

  async removeDocCollection(collectionId) {
    const done = await attempt(get, () => client.call('documents.remove', { collectionId }));
    if (!done) return false;
    set((s) => {
      const { [collectionId]: _gone, ...docSources } = s.docSources;
      const { [collectionId]: _progress, ...docProgress } = s.docProgress;
      return { docCollections: s.docCollections.filter((c) => c.id !== collectionId), docSources, docProgress };
    });
    return true;
  },

  async syncDocCollection(collectionId) {
    await attempt(get, () => client.call('documents.sync', { collectionId }));
  },

  async cancelIndexing(collectionId) {
    const result = await attempt(get, () => client.call('documents.cancel', { collectionId }));
    return result?.cancelled ?? false;
  },

  applyDocProgress(progress) {
    set((s) => {
      if (progress.phase === 'done' || progress.phase === 'cancelled') {
        const { [progress.collectionId]: _ended, ...rest } = s.docProgress;
        return { docProgress: rest };
      }
      return { docProgress: { ...s.docProgress, [progress.collectionId]: progress } };
    });
  },

  applyDocsChanged(collectionId) {
    void get().loadDocCollections();
    if (get().docSources[collectionId]) void get().loadDocSources(collectionId);
  },
});
