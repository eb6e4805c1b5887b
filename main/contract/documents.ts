import { z } from 'zod';
import { Id, RerankMode } from './entities.js';

/**
 * Documents: collections of the user's own files, indexed in Hearth's
 * database (originals are never copied or changed) and searched for answers
 * with sources. Spread into `methods` and `events` (methods.ts, events.ts).
 */

const filePath = z.string().min(1).max(4096);

export const DocRoot = z.object({ path: z.string(), kind: z.enum(['file', 'folder']) });
export type DocRoot = z.infer<typeof DocRoot>;

export const DocCollection = z.object({
  id: Id,
  name: z.string(),
  createdAt: z.number(),
  roots: z.array(DocRoot),
  indexedFiles: z.number().int().nonnegative(),
  skippedFiles: z.number().int().nonnegative(),
  chunks: z.number().int().nonnegative(),
  /** Bytes of text read from the files (not the files' sizes). */
  textBytes: z.number().int().nonnegative(),
});
export type DocCollection = z.infer<typeof DocCollection>;

export const DocSource = z.object({
  id: z.number().int(),
  collectionId: Id,
  /** Absolute path of the original file. */
  path: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  mtimeMs: z.number(),
  status: z.enum(['indexed', 'skipped']),
  /** Why a skipped file was not indexed: "encrypted: the PDF needs a password", "too large (…)". */
  skipReason: z.string().nullable(),
  title: z.string().nullable(),
  chunkCount: z.number().int().nonnegative(),
  indexedAt: z.number(),
});
export type DocSource = z.infer<typeof DocSource>;

export const DocHit = z.object({
  /** Absolute path of the file the excerpt is from. */
  path: z.string(),
  /** Higher is better; lexical: negated BM25, hybrid: fused reciprocal-rank score. */
  score: z.number(),
  heading: z.string().optional(),
  /** 1-based PDF page. */
  page: z.number().int().optional(),
  /** 1-based line range in the original file, inclusive. */
  lines: z.tuple([z.number().int(), z.number().int()]).optional(),
  text: z.string(),
  title: z.string().optional(),
  tokens: z.number().int(),
  chunkId: z.number().int(),
  sourceId: z.number().int(),
  collectionId: Id,
});
export type DocHit = z.infer<typeof DocHit>;

export const SyncSummary = z.object({
  collectionId: Id,
  /** New files read and indexed. */
  added: z.number().int().nonnegative(),
  /** Files whose content changed, re-read. */
  updated: z.number().int().nonnegative(),
  /** Same content at a new path: moved in the index, not re-read. */
  renamed: z.number().int().nonnegative(),
  removed: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
  skipped: z.array(z.object({ path: z.string(), reason: z.string() })),
  cancelled: z.boolean(),
});
export type SyncSummary = z.infer<typeof SyncSummary>;

export const DocProgress = z.object({
  collectionId: Id,
  phase: z.enum(['scanning', 'indexing', 'embedding', 'done', 'cancelled']),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  indexed: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  currentFile: z.string().nullable(),
});
export type DocProgress = z.infer<typeof DocProgress>;

/** How documents are searched right now: which models take part (null: none installed) and whether reranking is on. */
export const DocSearchMode = z.object({
  /** Vectors fused with keywords when set; keyword search alone when null. */
  embeddingModelId: z.string().nullable(),
  /** The installed reranker, whether or not reranking is on. */
  rerankerModelId: z.string().nullable(),
  /** Settings.documents.rerank. */
  rerank: RerankMode,
  /** Whether search reranks now: a reranker is installed and the setting is 'on', or 'auto' with the engine on a GPU. */
  reranking: z.boolean(),
});
export type DocSearchMode = z.infer<typeof DocSearchMode>;

export const documentsMethods = {
  'documents.create': {
    params: z.strictObject({ name: z.string().trim().min(1).max(200), paths: z.array(filePath).max(1000).optional() }),
    result: DocCollection,
  },
  'documents.list': { params: z.strictObject({}), result: z.array(DocCollection) },
  /** Adds files or folders (absolute paths) and indexes them; progress arrives as documents.progress. */
  'documents.addPaths': { params: z.strictObject({ collectionId: Id, paths: z.array(filePath).min(1).max(1000) }), result: SyncSummary },
  /** Removes the collection with everything indexed from it; the files stay where they are. */
  'documents.remove': { params: z.strictObject({ collectionId: Id }), result: z.object({ removed: z.literal(true) }) },
  /** Stops indexing a file or folder; returns how many indexed files went with it. */
  'documents.removePath': { params: z.strictObject({ path: filePath, collectionId: Id.optional() }), result: z.object({ removedFiles: z.number().int().nonnegative() }) },
  /** Re-checks files by size and mtime, then content hash; omitted collectionId: every collection. */
  'documents.sync': { params: z.strictObject({ collectionId: Id.optional() }), result: z.array(SyncSummary) },
  /** Stops the indexing in progress (files done so far stay indexed). */
  'documents.cancel': { params: z.strictObject({ collectionId: Id.optional() }), result: z.object({ cancelled: z.boolean() }) },
  'documents.search': {
    params: z.strictObject({ query: z.string().min(1).max(2000), collectionIds: z.array(Id).max(100).optional(), limit: z.number().int().min(1).max(200).optional() }),
    result: z.array(DocHit),
  },
  'documents.sources': { params: z.strictObject({ collectionId: Id }), result: z.array(DocSource) },
  'documents.searchMode': { params: z.strictObject({}), result: DocSearchMode },
  /**
   * Opens an indexed file in the system's app for its type (a reply's source, say). Only a file some
   * collection indexed is opened (else NOT_FOUND); the desktop app asks the user first in a native dialog.
   */
  /** The desktop app's folder dialog (several folders at once); browser mode has none (INVALID_PARAMS: type the paths). Cancelled: []. */
  'documents.pickPaths': { params: z.strictObject({}), result: z.object({ paths: z.array(z.string()) }) },
  'documents.open': { params: z.strictObject({ path: filePath }), result: z.object({ opened: z.literal(true) }) },
} as const;

export const documentsEvents = {
  /** Indexing progress of one collection: counts and the file being read. */
  'documents.progress': DocProgress,
  /** A collection's files or settings changed (watcher, sync, removal). */
  'documents.changed': z.object({ collectionId: Id, reason: z.enum(['created', 'synced', 'removed']) }),
} as const;
