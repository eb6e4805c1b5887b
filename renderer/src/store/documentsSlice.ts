import type { DocCollection, DocHit, DocProgress, DocSearchMode, DocSource } from '../../../main/contract/documents.js';
import type { RerankMode } from '../../../main/contract/entities.js';
import { isHearthError } from '../../../main/contract/errors.js';
import { attempt, type SliceCreator } from './types.js';

export interface DocumentsSlice {
  docCollections: DocCollection[];
  /** Files of the collections whose list was opened, by collection id. */
  docSources: Record<string, DocSource[]>;
  /** The latest progress of each collection being indexed; removed when it ends. */
  docProgress: Record<string, DocProgress>;
  docsError: string | null;
  /** The Documents page's trial search: the query asked and its hits (null: none asked yet). */
  docSearch: { query: string; hits: DocHit[] | null; searching: boolean };
  /** Which models documents search uses (null until asked). */
  docSearchMode: DocSearchMode | null;
  loadDocSearchMode(): Promise<void>;
  /** Sets reranking to automatic, on or off (Settings.documents.rerank) and reads the mode again. */
  setDocRerank(rerank: RerankMode): Promise<boolean>;
  loadDocCollections(): Promise<void>;
  /** Adds folders or files to a collection; resolves when they are indexed (progress meanwhile). */
  addDocPaths(collectionId: string, paths: string[]): Promise<boolean>;
  /** Stops indexing one root or file of a collection; what was indexed from it goes. */
  removeDocPath(collectionId: string, path: string): Promise<boolean>;
  searchDocs(query: string, collectionIds?: string[]): Promise<void>;
  /** Opens an indexed file in the system's app (Electron asks in main first; declining there is no error). */
  openDocFile(path: string): Promise<boolean>;
  /**
   * Attaches or detaches a collection on the open chat (or the draft). Shown at once, so a second
   * click before main answered builds on the first; a refused update puts the chat back.
   */
  toggleChatCollection(collectionId: string): Promise<boolean>;
  /** The desktop app's folder dialog: the folders chosen ([] when cancelled or refused). */
  pickDocFolders(): Promise<string[]>;
  /** Creates a collection from folder or file paths; indexing goes on in main and reports documents.progress. */
  createDocCollection(name: string, paths: string[]): Promise<DocCollection | null>;
  loadDocSources(collectionId: string): Promise<void>;
  removeDocCollection(collectionId: string): Promise<boolean>;
  syncDocCollection(collectionId: string): Promise<void>;
  cancelIndexing(collectionId: string): Promise<boolean>;
  applyDocProgress(progress: DocProgress): void;
  /** `removed`: the collection is gone, so chats (and the draft) stop listing it, as main already did. */
  applyDocsChanged(collectionId: string, reason?: 'created' | 'synced' | 'removed'): void;
}

/** Collections, their files with status and skip reasons, and indexing progress, as main reports them. */
export const createDocumentsSlice: SliceCreator<DocumentsSlice> = (set, get, client) => {
  /** The collection's counts, and its files when they are shown. */
  async function refresh(collectionId: string): Promise<void> {
    await get().loadDocCollections();
    if (get().docSources[collectionId]) await get().loadDocSources(collectionId);
  }
  return {
    docCollections: [],
    docSources: {},
    docProgress: {},
    docsError: null,
    docSearch: { query: '', hits: null, searching: false },
    docSearchMode: null,

    async loadDocSearchMode() {
      const mode = await attempt(get, () => client.call('documents.searchMode', {}));
      if (mode) set({ docSearchMode: mode });
    },

    async setDocRerank(rerank) {
      const saved = await attempt(get, () => client.call('settings.update', { documents: { rerank } }));
      await get().loadDocSearchMode();
      return saved !== null;
    },

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

    async addDocPaths(collectionId, paths) {
      const summary = await attempt(get, () => client.call('documents.addPaths', { collectionId, paths }));
      if (!summary) return false;
      await refresh(collectionId);
      return true;
    },

    async removeDocPath(collectionId, path) {
      const result = await attempt(get, () => client.call('documents.removePath', { collectionId, path }));
      if (!result) return false;
      await refresh(collectionId);
      return true;
    },

    async searchDocs(query, collectionIds) {
      const q = query.trim();
      if (!q) {
        set({ docSearch: { query: '', hits: null, searching: false } });
        return;
      }
      set((s) => ({ docSearch: { ...s.docSearch, query: q, searching: true } }));
      const hits = await attempt(get, () => client.call('documents.search', { query: q, ...(collectionIds && collectionIds.length > 0 ? { collectionIds } : {}), limit: 10 }));
      // A later query may have started meanwhile: only the latest one lands.
      if (get().docSearch.query === q) set({ docSearch: { query: q, hits: hits ?? [], searching: false } });
    },

    async openDocFile(path) {
      try {
        await client.call('documents.open', { path });
        return true;
      } catch (error) {
        // The user said no in the desktop app's own dialog: nothing to report.
        if (!(isHearthError(error) && error.code === 'ABORTED')) get().reportError(error);
        return false;
      }
    },

    async toggleChatCollection(collectionId) {
      const s = get();
      const chat = s.activeChatId ? s.chatsById[s.activeChatId] : undefined;
      const before = chat ? (chat.collectionIds ?? []) : s.draft.collectionIds;
      const next = before.includes(collectionId) ? before.filter((c) => c !== collectionId) : [...before, collectionId];
      if (chat) set((st) => ({ chatsById: { ...st.chatsById, [chat.id]: { ...chat, collectionIds: next } } }));
      const ok = await get().updateChatSettings({ collectionIds: next });
      if (!ok && chat) {
        set((st) => {
          const now = st.chatsById[chat.id];
          return now && now.collectionIds === next ? { chatsById: { ...st.chatsById, [chat.id]: { ...now, collectionIds: before } } } : {};
        });
      }
      return ok;
    },

    async pickDocFolders() {
      const picked = await attempt(get, () => client.call('documents.pickPaths', {}));
      return picked?.paths ?? [];
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

    applyDocsChanged(collectionId, reason) {
      if (reason === 'removed') {
        set((s) => {
          const chatsById = { ...s.chatsById };
          for (const [id, chat] of Object.entries(s.chatsById)) {
            if (chat.collectionIds?.includes(collectionId)) chatsById[id] = { ...chat, collectionIds: chat.collectionIds.filter((c) => c !== collectionId) };
          }
          return { chatsById, draft: { ...s.draft, collectionIds: s.draft.collectionIds.filter((c) => c !== collectionId) } };
        });
      }
      void get().loadDocCollections();
      if (get().docSources[collectionId]) void get().loadDocSources(collectionId);
    },
  };
};
