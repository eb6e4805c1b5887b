import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { DocCollection, DocRoot, DocSource } from '../../contract/documents.js';
import type { Chunk } from './chunkBlocks.js';

export interface SourceRow {
  id: number;
  collection_id: string;
  path: string;
  size: number;
  mtime_ms: number;
  sha256: string | null;
  status: 'indexed' | 'skipped';
  skip_reason: string | null;
  title: string | null;
  chunk_count: number;
  text_bytes: number;
  indexed_at: number;
}

export interface NewSource {
  collectionId: string;
  path: string;
  size: number;
  mtimeMs: number;
  sha256: string | null;
  title: string | null;
  skipReason: string | null;
  chunks: Chunk[];
  textBytes: number;
  at: number;
}

export type DocumentsDb = ReturnType<typeof createDocumentsDb>;

export function toDocSource(row: SourceRow): DocSource {
  return {
    id: row.id,
    collectionId: row.collection_id,
    path: row.path,
    sizeBytes: row.size,
    mtimeMs: row.mtime_ms,
    status: row.status,
    skipReason: row.skip_reason,
    title: row.title,
    chunkCount: row.chunk_count,
    indexedAt: row.indexed_at,
  };
}

/** The driver's database type under a name declarations can use. */
export type DocumentsDatabase = Database;

/** Every statement the documents service runs, prepared once. */
export function createDocumentsDb(db: Database) {
  const q = {
    insertCollection: db.prepare('INSERT INTO doc_collections (id, name, created_at) VALUES (?, ?, ?)'),
    collections: db.prepare(`
      SELECT c.id, c.name, c.created_at AS createdAt,
        (SELECT count(*) FROM doc_sources s WHERE s.collection_id = c.id AND s.status = 'indexed') AS indexedFiles,
        (SELECT count(*) FROM doc_sources s WHERE s.collection_id = c.id AND s.status = 'skipped') AS skippedFiles,
        (SELECT coalesce(sum(chunk_count), 0) FROM doc_sources s WHERE s.collection_id = c.id) AS chunks,
        (SELECT coalesce(sum(text_bytes), 0) FROM doc_sources s WHERE s.collection_id = c.id) AS textBytes
      FROM doc_collections c ORDER BY c.name`),
    roots: db.prepare('SELECT path, kind FROM doc_roots WHERE collection_id = ? ORDER BY path'),
    allRoots: db.prepare('SELECT collection_id AS collectionId, path, kind FROM doc_roots'),
    insertRoot: db.prepare('INSERT OR IGNORE INTO doc_roots (collection_id, path, kind) VALUES (?, ?, ?)'),
    deleteRoot: db.prepare('DELETE FROM doc_roots WHERE collection_id = ? AND path = ?'),
    deleteCollection: db.prepare('DELETE FROM doc_collections WHERE id = ?'),
    // The full-text index keeps a deleted chunk's terms until its segments merge: merged at once after a removal.
    purgeIndex: db.prepare("INSERT INTO doc_chunks_fts (doc_chunks_fts) VALUES ('optimize')"),
    sources: db.prepare('SELECT * FROM doc_sources WHERE collection_id = ? ORDER BY path'),
    insertSource: db.prepare(`INSERT INTO doc_sources (collection_id, path, size, mtime_ms, sha256, status, skip_reason, title, chunk_count, text_bytes, indexed_at)
      VALUES (@collectionId, @path, @size, @mtimeMs, @sha256, @status, @skipReason, @title, @chunkCount, @textBytes, @at)`),
    deleteSource: db.prepare('DELETE FROM doc_sources WHERE id = ?'),
    moveSource: db.prepare('UPDATE doc_sources SET path = ?, mtime_ms = ?, size = ? WHERE id = ?'),
    touchSource: db.prepare('UPDATE doc_sources SET mtime_ms = ?, size = ? WHERE id = ?'),
    insertChunk: db.prepare('INSERT INTO doc_chunks (source_id, ord, text, heading, page, line_from, line_to, tokens) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    insertFts: db.prepare('INSERT INTO doc_chunks_fts (rowid, title, heading, text, collection) VALUES (?, ?, ?, ?, ?)'),
    chunkIdsOfSource: db.prepare('SELECT id, vec_dims FROM doc_chunks WHERE source_id = ?'),
    chunkIdsOfCollection: db.prepare('SELECT c.id, c.vec_dims FROM doc_chunks c JOIN doc_sources s ON s.id = c.source_id WHERE s.collection_id = ?'),
  };

  function insertSource(source: NewSource): number {
    const status = source.skipReason === null ? 'indexed' : 'skipped';
    const { lastInsertRowid } = q.insertSource.run({ ...source, status, chunkCount: source.chunks.length });
    const id = Number(lastInsertRowid);
    const title = [source.title, source.path.split(/[\\/]/).pop()].filter(Boolean).join(' ');
    source.chunks.forEach((chunk, ord) => {
      const chunkId = Number(q.insertChunk.run(id, ord, chunk.text, chunk.heading, chunk.page, chunk.lineFrom, chunk.lineTo, chunk.tokens).lastInsertRowid);
      q.insertFts.run(chunkId, title, chunk.heading ?? '', chunk.text, source.collectionId);
    });
    return id;
  }

  // A plain function around the transaction: its type names the driver's namespace, which declarations cannot.
  const replaceTx = db.transaction((oldId: number | null, source: NewSource) => {
    if (oldId !== null) q.deleteSource.run(oldId);
    return insertSource(source);
  });
  return {
    db: db as DocumentsDatabase,
    createCollection: (id: string, name: string, at: number) => q.insertCollection.run(id, name, at),
    collections(): DocCollection[] {
      return (q.collections.all() as Omit<DocCollection, 'roots'>[]).map((c) => ({ ...c, roots: q.roots.all(c.id) as DocRoot[] }));
    },
    roots: (collectionId: string) => q.roots.all(collectionId) as DocRoot[],
    allRoots: () => q.allRoots.all() as (DocRoot & { collectionId: string })[],
    addRoot: (collectionId: string, root: DocRoot) => q.insertRoot.run(collectionId, root.path, root.kind),
    deleteRoot: (collectionId: string, path: string) => q.deleteRoot.run(collectionId, path).changes,
    deleteCollection: (id: string) => q.deleteCollection.run(id).changes,
    /** Drops removed files' words from the index's pages (freed pages are zeroed by secure_delete). */
    purgeIndex: () => q.purgeIndex.run(),
    sources: (collectionId: string) => q.sources.all(collectionId) as SourceRow[],
    insertSource,
    /** Replaces a source's row (and so its chunks, by cascade) in one step. */
    replaceSource: (oldId: number | null, source: NewSource): ReturnType<typeof insertSource> => replaceTx(oldId, source),
    deleteSource: (id: number) => q.deleteSource.run(id),
    moveSource: (id: number, path: string, mtimeMs: number, size: number) => q.moveSource.run(path, mtimeMs, size, id),
    touchSource: (id: number, mtimeMs: number, size: number) => q.touchSource.run(mtimeMs, size, id),
    chunkIdsOfSource: (id: number) => q.chunkIdsOfSource.all(id) as { id: number; vec_dims: number | null }[],
    chunkIdsOfCollection: (id: string) => q.chunkIdsOfCollection.all(id) as { id: number; vec_dims: number | null }[],
  };
}
