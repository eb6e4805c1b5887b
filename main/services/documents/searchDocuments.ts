import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { DocHit } from '../../contract/documents.js';
import type { Chunk } from './chunkBlocks.js';
import type { VectorIndex } from './createVectorIndex.js';
import { docsQuery } from './docsQuery.js';
import { fuseRankings } from './fuseRankings.js';
import type { EmbedFn } from './syncCollection.js';

/** Reorders candidates by relevance to the query; scores in the texts' order, higher better. */
export type RerankFn = (query: string, texts: string[]) => Promise<number[]>;

export interface SearchDeps {
  db: Database;
  vectors: VectorIndex;
  embed: EmbedFn | null;
  rerank?: RerankFn | null;
}

export interface SearchOptions {
  collectionIds?: string[];
  limit?: number;
}

/**
 * BM25 column weights for (title, heading, text): a word in the file's title
 * or the section heading says more about what a chunk is about than the same
 * word in its body. On the dev set (scripts/bench/documentsBench.ts) these
 * weights and equal weights are within one question of each other; the
 * heading weight is kept for short documents whose body never repeats it.
 */
export const BM25_WEIGHTS = [4, 2, 1] as const;
/** Candidates each ranking contributes before fusion and reranking. */
const POOL = 50;

/** A stored chunk with the source it came from, as CHUNK_COLUMNS reads it. */
interface ChunkRow extends Chunk {
  chunkId: number;
  sourceId: number;
  collectionId: string;
  path: string;
  title: string | null;
}

const CHUNK_COLUMNS = `c.id AS chunkId, c.source_id AS sourceId, s.collection_id AS collectionId, s.path, s.title, c.text, c.heading,
  c.page, c.line_from AS lineFrom, c.line_to AS lineTo, c.tokens`;
const IN_COLLECTIONS = `(@collections IS NULL OR s.collection_id IN (SELECT value FROM json_each(@collections)))`;

function toHit(row: ChunkRow, score: number): DocHit {
  return {
    path: row.path,
    score,
    ...(row.heading ? { heading: row.heading } : {}),
    ...(row.page !== null ? { page: row.page } : {}),
    ...(row.lineFrom !== null && row.lineTo !== null ? { lines: [row.lineFrom, row.lineTo] as [number, number] } : {}),
    text: row.text,
    ...(row.title ? { title: row.title } : {}),
    tokens: row.tokens,
    chunkId: row.chunkId,
    sourceId: row.sourceId,
    collectionId: row.collectionId,
  };
}

export function createSearch(deps: SearchDeps) {
  const { db } = deps;
  // Rank inside the index first (no row is joined or loaded before the LIMIT),
  // then fetch the few winners: the join per match was most of a query's time.
  const lexicalStatement = db.prepare(`
    SELECT ${CHUNK_COLUMNS}, f.rank
    FROM (SELECT rowid, bm25(doc_chunks_fts, ${BM25_WEIGHTS.join(', ')}, 0) AS rank FROM doc_chunks_fts
          WHERE doc_chunks_fts MATCH @match ORDER BY rank LIMIT @limit) f
    JOIN doc_chunks c ON c.id = f.rowid JOIN doc_sources s ON s.id = c.source_id
    ORDER BY f.rank`);
  const byIds = db.prepare(`SELECT ${CHUNK_COLUMNS} FROM doc_chunks c JOIN doc_sources s ON s.id = c.source_id
    WHERE c.id IN (SELECT value FROM json_each(@ids)) AND ${IN_COLLECTIONS}`);

  function lexical(query: string, collectionIds: string[] | undefined, limit: number): (ChunkRow & { rank: number })[] {
    const terms = docsQuery(query);
    if (!terms || collectionIds?.length === 0) return [];
    // The collection filter is part of the MATCH: the index narrows before ranking.
    const inCollections = collectionIds ? ` AND (${collectionIds.map((id) => `collection : "${id.replaceAll('"', '""')}"`).join(' OR ')})` : '';
    return lexicalStatement.all({ match: `(${terms})${inCollections}`, limit }) as (ChunkRow & { rank: number })[];
  }

  /** Lexical always; fused with vector neighbours when an embedding model answers; reranked when a reranker is given. */
  async function search(query: string, options: SearchOptions = {}): Promise<DocHit[]> {
    const limit = options.limit ?? 10;
    const collections = options.collectionIds ? JSON.stringify(options.collectionIds) : null;
    const lexicalRows = lexical(query, options.collectionIds, Math.max(limit, POOL));
    const pending = deps.embed?.([query], 'query') ?? null;
    let hits: DocHit[];
    if (!pending) {
      hits = lexicalRows.map((r) => toHit(r, -r.rank));
    } else {
      const [vector] = await pending;
      // sqlite-vec filters after the k nearest are found, so ask for more than the pool when filtering by collection.
      const near = vector ? deps.vectors.nearest(vector, collections ? POOL * 4 : POOL) : [];
      const fused = fuseRankings([lexicalRows.map((r) => r.chunkId), near.map((n) => n.chunkId)]);
      const rows = new Map(lexicalRows.map((r) => [r.chunkId, r as ChunkRow]));
      const unknown = fused.map((f) => f.id).filter((id) => !rows.has(id));
      if (unknown.length) for (const r of byIds.all({ collections, ids: JSON.stringify(unknown) }) as ChunkRow[]) rows.set(r.chunkId, r);
      hits = fused.flatMap((f) => {
        const row = rows.get(f.id);
        return row ? [toHit(row, f.score)] : [];
      });
    }
    if (deps.rerank && hits.length > 1) {
      const head = hits.slice(0, POOL);
      const scores = await deps.rerank(query, head.map((h) => (h.heading ? `${h.heading}\n${h.text}` : h.text)));
      hits = head.map((h, i) => ({ ...h, score: scores[i] ?? -Infinity })).sort((a, b) => b.score - a.score);
    }
    return hits.slice(0, limit);
  }

  return { search };
}
