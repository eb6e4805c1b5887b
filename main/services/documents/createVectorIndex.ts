import type { Database } from 'better-sqlite3-multiple-ciphers';
import * as sqliteVec from 'sqlite-vec';

export interface VectorIndex {
  /** Stores one vector per chunk (replacing any), in the table for its dimensions. */
  put(items: { chunkId: number; vector: number[] }[]): void;
  /** Nearest chunks by cosine distance, closest first. */
  nearest(vector: number[], k: number): { chunkId: number; distance: number }[];
  remove(chunks: { id: number; vec_dims: number | null }[]): void;
  /** Chunks with no vector yet, for embedding after an embedding model is installed. */
  missing(limit: number): { id: number; text: string; heading: string | null }[];
}

/** Loads sqlite-vec into this connection unless a driver or an earlier call already did. */
export function ensureSqliteVec(db: Database): void {
  try {
    db.prepare('SELECT vec_version()').get();
  } catch {
    sqliteVec.load(db);
  }
}

/**
 * Vectors in sqlite-vec `vec0` tables, one per dimension count (doc_vec_384,
 * doc_vec_768...), created on first use: the migration cannot know the
 * embedding model, and switching models must not need a schema step.
 * Rowids are chunk ids; doc_chunks.vec_dims says which table holds a chunk.
 */
export function createVectorIndex(db: Database): VectorIndex {
  ensureSqliteVec(db);
  const ready = new Set<number>();
  const table = (dims: number): string => {
    if (!Number.isInteger(dims) || dims < 1 || dims > 8192) throw new Error(`embedding has ${dims} dimensions; expected 1-8192`);
    if (!ready.has(dims)) {
      db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS doc_vec_${dims} USING vec0 (embedding float[${dims}] distance_metric=cosine)`);
      ready.add(dims);
    }
    return `doc_vec_${dims}`;
  };
  const mark = db.prepare('UPDATE doc_chunks SET vec_dims = ? WHERE id = ?');
  const missing = db.prepare('SELECT id, text, heading FROM doc_chunks WHERE vec_dims IS NULL LIMIT ?');
  return {
    put: (items) => {
      db.transaction(() => {
        for (const { chunkId, vector } of items) {
          const t = table(vector.length);
          db.prepare(`DELETE FROM ${t} WHERE rowid = ?`).run(BigInt(chunkId));
          db.prepare(`INSERT INTO ${t} (rowid, embedding) VALUES (?, ?)`).run(BigInt(chunkId), new Float32Array(vector));
          mark.run(vector.length, chunkId);
        }
      })();
    },
    nearest(vector, k) {
      const t = table(vector.length);
      return (db.prepare(`SELECT rowid AS chunkId, distance FROM ${t} WHERE embedding MATCH ? AND k = ? ORDER BY distance`).all(new Float32Array(vector), k) as { chunkId: number; distance: number }[]).map(
        (r) => ({ chunkId: Number(r.chunkId), distance: r.distance }),
      );
    },
    remove(chunks) {
      for (const c of chunks) if (c.vec_dims !== null) db.prepare(`DELETE FROM ${table(c.vec_dims)} WHERE rowid = ?`).run(BigInt(c.id));
    },
    missing: (limit) => missing.all(limit) as { id: number; text: string; heading: string | null }[],
  };
}
