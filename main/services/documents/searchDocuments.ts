import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { DocHit } from '../../contract/documents.js';
import type { Chunk } from './chunkBlocks.js';
import type { VectorIndex } from './createVectorIndex.js';
import { createTermShares } from './createTermShares.js';
import { docsTerms, matchAny } from './docsQuery.js';
import { fuseRankings } from './fuseRankings.js';
import type { EmbedFn } from './syncCollection.js';

/**
 * Relevance of each text to the query, in the texts' order, higher better;
 * null (or a promise of null) while no reranker is installed or reranking is off.
 */
export type RerankFn = (query: string, texts: string[], signal?: AbortSignal) => Promise<number[] | null> | null;

export interface SearchDeps {
  db: Database;
  vectors: VectorIndex;
  embed: EmbedFn | null;
  rerank?: RerankFn | null;
  /** Told when the reranker fails; search then keeps the order it had, so a broken reranker never fails a question. */
  onRerankError?: (error: Error) => void;
  /** Words held by more than this share of the chunks are left out of the lexical query (see keepRareTerms). Default COMMON_TERM_SHARE; 1 keeps every word. */
  commonTermShare?: number;
  /** Common words are dropped only from an index of at least this many chunks. Default COMMON_TERMS_FROM_CHUNKS. */
  commonTermsFromChunks?: number;
}

export interface SearchOptions {
  collectionIds?: string[];
  limit?: number;
  /** Stops the reranker between excerpts (a stopped reply, a closed request): search then fails with ABORTED. */
  signal?: AbortSignal;
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
/**
 * Hits a reranker reorders. Its cost grows with every excerpt it reads (a
 * prompt of a few hundred tokens each), and a chat turn's budget holds
 * about this many excerpts; on the dev set most answers the reranker could
 * promote are already in this head (the "in first 20 excerpts" column of
 * `npm run bench -- --only documents`).
 */
export const RERANK_HEAD = 20;

/** What a reranker reads of a hit: where it is (file title, heading) and what it says. */
export function rerankText(hit: Pick<DocHit, 'title' | 'heading' | 'text'>): string {
  const place = [hit.title, hit.heading].filter(Boolean).join(' › ');
  return place ? `${place}\n${hit.text}` : hit.text;
}
/** See keepRareTerms; chosen on the dev set and the latency corpus (scripts/bench/documentsBench.ts). */
export const COMMON_TERM_SHARE = 0.2;
/** A smaller index is ranked on every word: it is fast whatever the words, and there a word's share says little. */
export const COMMON_TERMS_FROM_CHUNKS = 1000;

/**
 * The question's words without those most chunks hold. A question's words are
 * ORed, so one word that a tenth of the index holds ("string", "file" in code
 * documentation) makes BM25 score thousands of chunks that its rarer words
 * would rank far above anyway: most of a slow query's time. Such a word also
 * weighs little in BM25 (its IDF is small). When every word is that common,
 * all are kept: the question has nothing rarer to search for.
 */
export function keepRareTerms(terms: readonly string[], shares: readonly number[], maxShare: number): string[] {
  // A word no chunk holds matches nothing: it neither counts as rarer nor needs searching.
  const rare = terms.filter((_, i) => shares[i]! > 0 && shares[i]! <= maxShare);
  return rare.length ? rare : [...terms];
}

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

  const shares = createTermShares(db);
  const commonTermShare = deps.commonTermShare ?? COMMON_TERM_SHARE;
  const commonTermsFromChunks = deps.commonTermsFromChunks ?? COMMON_TERMS_FROM_CHUNKS;
  const rareWords = (words: string[]): string[] =>
    commonTermShare >= 1 || shares.total() < commonTermsFromChunks ? words : keepRareTerms(words, shares.of(words), commonTermShare);

  function lexical(query: string, collectionIds: string[] | undefined, limit: number): (ChunkRow & { rank: number })[] {
    const words = docsTerms(query);
    if (words.length === 0 || collectionIds?.length === 0) return [];
    const terms = matchAny(rareWords(words));
    // The collection filter is part of the MATCH: the index narrows before ranking.
    const inCollections = collectionIds ? ` AND (${collectionIds.map((id) => `collection : "${id.replaceAll('"', '""')}"`).join(' OR ')})` : '';
    return lexicalStatement.all({ match: `(${terms})${inCollections}`, limit }) as (ChunkRow & { rank: number })[];
  }

  /** Lexical always; fused with vector neighbours when an embedding model answers; the head reranked when a reranker answers. */
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
    const head = hits.slice(0, RERANK_HEAD);
    const scoring = hits.length > 1 ? (deps.rerank?.(query, head.map(rerankText), options.signal) ?? null) : null;
    const scores = scoring
      ? await scoring.catch((error: Error) => {
          if (options.signal?.aborted) throw error;
          deps.onRerankError?.(error);
          return null;
        })
      : null;
    if (scores) {
      // The reranked head first, by the reranker's relevance; the rest keep their order after it, with score 0.
      const reranked = head.map((h, i) => ({ ...h, score: scores[i] ?? 0 })).sort((a, b) => b.score - a.score);
      hits = [...reranked, ...hits.slice(RERANK_HEAD).map((h) => ({ ...h, score: 0 }))];
    }
    return hits.slice(0, limit);
  }

  return { search };
}
