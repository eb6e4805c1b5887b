import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { watch, type FSWatcher } from 'chokidar';
import type { z } from 'zod';
import type { DocCollection, DocHit, DocSearchMode, DocSource, SyncSummary, documentsEvents } from '../../contract/documents.js';
import { HearthError } from '../../contract/errors.js';
import { createDocumentsDb, toDocSource } from './createDocumentsDb.js';
import { createReaderPool, type ReaderPoolOptions } from './createReaderPool.js';
import { createVectorIndex } from './createVectorIndex.js';
import { createSearch, type RerankFn, type SearchOptions } from './searchDocuments.js';
import { syncCollection, type EmbedFn } from './syncCollection.js';

type DocumentsEvents = typeof documentsEvents;
export type DocumentsEmit = <E extends keyof DocumentsEvents>(event: E, payload: z.infer<DocumentsEvents[E]>) => void;

export interface DocumentsDeps {
  db: Database;
  emit: DocumentsEmit;
  /** Vectors for texts through the engine's embedding model; returns null while none is installed. Omitted: lexical only. */
  embed?: EmbedFn | null;
  /** Scores from a reranker (node-llama-cpp ranking context); returns null while none is installed. Omitted: off. */
  rerank?: RerankFn | null;
  /** Which models search uses right now, for documents.searchMode. Omitted: none (keyword search alone). */
  searchMode?: () => Promise<DocSearchMode>;
  /** Watch folders while running (default true; the one-shot CLI turns it off). */
  watch?: boolean;
  /** Quiet time after the last file event before a collection is re-synced. Default 500 ms. */
  debounceMs?: number;
  /** Larger files are listed as skipped, never read. Default 64 MB. */
  maxFileBytes?: number;
  reader?: ReaderPoolOptions;
  now?: () => number;
  newId?: () => string;
  log?: (message: string) => void;
}

export interface RetrieveOptions {
  collectionIds: string[];
  /** Tokens the excerpts may take in the prompt, estimated as chunks were (~4 chars per token). */
  budgetTokens: number;
  /** The reply's: stopping it stops a reranker mid-way. */
  signal?: AbortSignal;
}

export interface Documents {
  /** Re-checks every collection against its files (what changed while Hearth was closed) and starts watching. */
  start(signal?: AbortSignal): Promise<SyncSummary[]>;
  create(name: string, paths?: string[]): Promise<DocCollection>;
  list(): DocCollection[];
  /** A collection by id or by name (case-insensitive), or a NOT_FOUND error naming what exists. */
  find(idOrName: string): DocCollection;
  addPaths(collectionId: string, paths: string[], signal?: AbortSignal): Promise<SyncSummary>;
  remove(collectionId: string): void;
  removePath(target: string, collectionId?: string): number;
  sync(collectionId?: string, signal?: AbortSignal): Promise<SyncSummary[]>;
  cancel(collectionId?: string): boolean;
  sources(collectionId: string): DocSource[];
  search(query: string, options?: SearchOptions): Promise<DocHit[]>;
  /** Keyword search alone, or with vectors, and whether a reranker reorders the results. */
  searchMode(): Promise<DocSearchMode>;
  /** The best excerpts that fit the token budget together, best first: what a chat turn puts in the prompt. */
  retrieve(query: string, options: RetrieveOptions): Promise<DocHit[]>;
  dispose(): Promise<void>;
}

const DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024;

/** Paths as the user gave them, made absolute and checked, each as a file or folder root. */
function toRoots(paths: string[]): { path: string; kind: 'file' | 'folder' }[] {
  return paths.map((p) => {
    const absolute = path.resolve(p);
    const stat = fs.statSync(absolute, { throwIfNoEntry: false });
    if (!stat) throw new HearthError('FILE_NOT_FOUND', `${absolute} does not exist. Check the path, or mount the drive it is on.`);
    return { path: absolute, kind: stat.isDirectory() ? 'folder' : 'file' };
  });
}

/**
 * The documents service: collections of the user's files, kept in sync with
 * the disk, searched lexically (FTS5 BM25) and, with an embedding model, by
 * vectors fused with reciprocal rank fusion. Reading happens in a worker
 * thread; syncs run one at a time, each cancellable.
 */
export function createDocuments(deps: DocumentsDeps): Documents {
  const dbx = createDocumentsDb(deps.db);
  const vectors = createVectorIndex(deps.db);
  const pool = createReaderPool(deps.reader);
  const now = deps.now ?? Date.now;
  const newId = deps.newId ?? randomUUID;
  const { search } = createSearch({
    db: deps.db,
    vectors,
    embed: deps.embed ?? null,
    rerank: deps.rerank ?? null,
    onRerankError: (error) => deps.log?.(`reranking failed, results keep their search order: ${error.message}`),
  });
  const running = new Map<string, AbortController>();
  const watchers = new Map<string, FSWatcher>();
  const timers = new Map<string, NodeJS.Timeout>();
  let queue: Promise<unknown> = Promise.resolve();
  let watching = false;
  let disposed = false;

  function find(idOrName: string): DocCollection {
    const all = dbx.collections();
    const hit = all.find((c) => c.id === idOrName) ?? all.find((c) => c.name.toLowerCase() === idOrName.toLowerCase());
    if (!hit) {
      const names = all.map((c) => `"${c.name}"`).join(', ') || 'none yet';
      throw new HearthError('NOT_FOUND', `There is no document collection "${idOrName}" (collections: ${names}). Create one with \`hearth docs add <path> --collection NAME\`.`);
    }
    return hit;
  }

  /** Runs one collection's sync after any running one; a newer request for it cancels nothing, it simply follows. */
  function queueSync(collectionId: string, signal?: AbortSignal): Promise<SyncSummary> {
    const controller = new AbortController();
    const combined = signal ? AbortSignal.any([signal, controller.signal]) : controller.signal;
    const result = queue.then(async () => {
      if (disposed) throw new HearthError('ABORTED', 'Hearth is shutting down; the documents were not indexed.');
      running.set(collectionId, controller);
      try {
        const summary = await syncCollection(
          { dbx, vectors, pool, embed: deps.embed ?? null, maxFileBytes: deps.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, now, signal: combined, progress: (p) => deps.emit('documents.progress', p) },
          collectionId,
        );
        deps.emit('documents.changed', { collectionId, reason: 'synced' });
        return summary;
      } finally {
        if (running.get(collectionId) === controller) running.delete(collectionId);
      }
    });
    queue = result.catch(() => undefined);
    return result;
  }

  function scheduleSync(collectionId: string): void {
    clearTimeout(timers.get(collectionId));
    const timer = setTimeout(() => {
      timers.delete(collectionId);
      queueSync(collectionId).catch((error: unknown) => deps.log?.(`documents: sync of ${collectionId} after a file change failed: ${(error as Error).message}`));
    }, deps.debounceMs ?? 500);
    timers.set(collectionId, timer);
  }

  function watchCollection(collectionId: string): void {
    if (!watching || disposed) return;
    void watchers.get(collectionId)?.close();
    const roots = dbx.roots(collectionId).map((r) => r.path);
    if (roots.length === 0) return;
    // Events only trigger a sync: the sync decides what changed, so a missed or doubled event costs nothing.
    const watcher = watch(roots, {
      ignoreInitial: true,
      // The same folders the sync never descends into: hidden ones and installed dependencies.
      ignored: (p: string) => !roots.includes(p) && /^(\..+|node_modules)$/.test(path.basename(p)),
    });
    watcher.on('all', () => scheduleSync(collectionId));
    watcher.on('error', (error: unknown) => deps.log?.(`documents: watching ${roots.join(', ')} failed: ${(error as Error).message}`));
    watchers.set(collectionId, watcher);
  }

  const self: Documents = {
    async start(signal) {
      watching = deps.watch ?? true;
      const summaries: SyncSummary[] = [];
      for (const c of dbx.collections()) {
        watchCollection(c.id);
        summaries.push(await queueSync(c.id, signal));
      }
      return summaries;
    },
    async create(name, paths = []) {
      const trimmed = name.trim();
      if (dbx.collections().some((c) => c.name.toLowerCase() === trimmed.toLowerCase())) {
        throw new HearthError('INVALID_PARAMS', `A document collection named "${trimmed}" exists already. Pick another name, or add files to it.`);
      }
      const roots = toRoots(paths);
      const id = newId();
      deps.db.transaction(() => {
        dbx.createCollection(id, trimmed, now());
        for (const root of roots) dbx.addRoot(id, root);
      })();
      deps.emit('documents.changed', { collectionId: id, reason: 'created' });
      if (roots.length) {
        watchCollection(id);
        // Indexing continues in the background; progress arrives as documents.progress.
        queueSync(id).catch((error: unknown) => deps.log?.(`documents: indexing "${trimmed}" failed: ${(error as Error).message}`));
      }
      return find(id);
    },
    list: () => dbx.collections(),
    find,
    async addPaths(collectionId, paths, signal) {
      const { id } = find(collectionId);
      for (const root of toRoots(paths)) dbx.addRoot(id, root);
      watchCollection(id);
      return queueSync(id, signal);
    },
    remove(collectionId) {
      const { id } = find(collectionId);
      running.get(id)?.abort();
      void watchers.get(id)?.close();
      watchers.delete(id);
      deps.db.transaction(() => {
        vectors.remove(dbx.chunkIdsOfCollection(id));
        dbx.deleteCollection(id);
        dbx.purgeIndex();
      })();
      // The WAL holds the pages as they were until it is checkpointed and cut to zero.
      deps.db.pragma('wal_checkpoint(TRUNCATE)');
      deps.emit('documents.changed', { collectionId: id, reason: 'removed' });
    },
    removePath(target, collectionId) {
      const absolute = path.resolve(target);
      const collections = collectionId ? [find(collectionId)] : dbx.collections();
      let removed = 0;
      for (const c of collections) {
        const inside = (p: string): boolean => p === absolute || p.startsWith(absolute + path.sep);
        const matching = dbx.sources(c.id).filter((s) => inside(s.path));
        const roots = c.roots.filter((r) => inside(r.path));
        if (!matching.length && !roots.length) continue;
        deps.db.transaction(() => {
          for (const s of matching) {
            vectors.remove(dbx.chunkIdsOfSource(s.id));
            dbx.deleteSource(s.id);
          }
          for (const r of roots) dbx.deleteRoot(c.id, r.path);
          dbx.purgeIndex();
        })();
        removed += matching.length;
        watchCollection(c.id);
        deps.emit('documents.changed', { collectionId: c.id, reason: 'synced' });
      }
      if (removed === 0 && !collections.some((c) => c.roots.some((r) => r.path === absolute))) {
        throw new HearthError('NOT_FOUND', `No document collection holds ${absolute}. See \`hearth docs list\` for what is indexed.`);
      }
      return removed;
    },
    async sync(collectionId, signal) {
      const ids = collectionId ? [find(collectionId).id] : dbx.collections().map((c) => c.id);
      const out: SyncSummary[] = [];
      for (const id of ids) out.push(await queueSync(id, signal));
      return out;
    },
    cancel(collectionId) {
      const targets = collectionId ? [running.get(find(collectionId).id)] : [...running.values()];
      let any = false;
      for (const t of targets) {
        if (t && !t.signal.aborted) {
          t.abort();
          any = true;
        }
      }
      return any;
    },
    sources: (collectionId) => dbx.sources(find(collectionId).id).map(toDocSource),
    search: (query, options) => search(query, options),
    searchMode: async () => (await deps.searchMode?.()) ?? { embeddingModelId: null, rerankerModelId: null, rerank: 'off', reranking: false },
    async retrieve(query, { collectionIds, budgetTokens, signal }) {
      const hits = await search(query, { collectionIds, limit: 50, signal });
      const chosen: DocHit[] = [];
      let used = 0;
      for (const hit of hits) {
        if (used + hit.tokens > budgetTokens) continue;
        chosen.push(hit);
        used += hit.tokens;
      }
      return chosen;
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      for (const t of timers.values()) clearTimeout(t);
      for (const c of running.values()) c.abort();
      await Promise.all([...watchers.values()].map((w) => w.close()));
      await queue;
      await pool.dispose();
    },
  };
  return self;
}
