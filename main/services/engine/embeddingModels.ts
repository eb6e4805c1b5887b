import type { Llama, LlamaEmbeddingContext, LlamaModel, LlamaRankingContext } from 'node-llama-cpp';
import { HearthError } from '../../contract/index.js';
import type { ModelRef } from './engineOps.js';

/** What a loaded encoder is used for: vectors (embedding context) or relevance scores (ranking context). */
type Use = 'embed' | 'rank';

interface Encoder {
  modelPath: string;
  use: Use;
  model: LlamaModel;
  context: LlamaEmbeddingContext | LlamaRankingContext;
  idleTimer: NodeJS.Timeout | null;
}

export interface EmbeddingModels {
  /** One vector per text, in order. Loads the model on first use. */
  embed(ref: ModelRef, texts: readonly string[], signal?: AbortSignal): Promise<number[][]>;
  /** One relevance score in [0, 1] per text for the query, in order, from a reranker. Loads it on first use. */
  rank(ref: ModelRef, query: string, texts: readonly string[], signal?: AbortSignal): Promise<number[]>;
  unload(modelId: string): Promise<boolean>;
  dispose(): Promise<void>;
}

export interface EmbeddingModelsDeps {
  getLlama: () => Promise<Llama>;
  /** Minutes of disuse before the model is unloaded; 0 keeps it. */
  idleMinutes: () => number;
  /** Runs a task in the engine's queue (loads and evaluations never overlap). */
  serial: <T>(task: () => Promise<T>) => Promise<T>;
  log: (level: 'info' | 'warn', message: string) => void;
  /** Threads for a model of this size, as for chat models (chooseThreads): a small encoder runs fastest on one. */
  threads: (modelBytes: number, mathCores: number) => number;
}

/** Texts past this many characters are cut: routing compares the opening of a message with short example phrases. */
const MAX_EMBED_CHARS = 2000;
/** A reranker reads the question, the excerpt and its own instructions at once; excerpts are a few hundred tokens. */
const RANK_CONTEXT_TOKENS = 2048;

/**
 * Embedding models (for the router's similarity to example phrases and for
 * document vectors) and rerankers (for document search), kept apart from the
 * chat models: each a small model with its own embedding or ranking context,
 * unloaded when idle like the others.
 */
export function createEmbeddingModels(deps: EmbeddingModelsDeps): EmbeddingModels {
  const loaded = new Map<string, Encoder>();

  async function unloadNow(modelId: string): Promise<boolean> {
    const e = loaded.get(modelId);
    if (!e) return false;
    loaded.delete(modelId);
    if (e.idleTimer) clearTimeout(e.idleTimer);
    await e.context.dispose();
    await e.model.dispose();
    deps.log('info', `unloaded ${e.use === 'rank' ? 'reranker' : 'embedding model'} ${modelId}`);
    return true;
  }

  function touch(modelId: string, e: Encoder): void {
    if (e.idleTimer) clearTimeout(e.idleTimer);
    e.idleTimer = null;
    const minutes = deps.idleMinutes();
    if (minutes > 0) {
      e.idleTimer = setTimeout(() => void deps.serial(() => unloadNow(modelId)).catch(() => {}), minutes * 60_000);
      e.idleTimer.unref();
    }
  }

  async function load(ref: ModelRef, use: Use): Promise<Encoder> {
    const existing = loaded.get(ref.modelId);
    if (existing && existing.modelPath === ref.modelPath && existing.use === use) return existing;
    if (existing) await unloadNow(ref.modelId);
    const llama = await deps.getLlama();
    const purpose = use === 'rank' ? 'reranking' : 'embeddings';
    let model: LlamaModel;
    try {
      model = await llama.loadModel({ modelPath: ref.modelPath });
    } catch (error) {
      throw new HearthError('MODEL_LOAD_FAILED', `llama.cpp could not load ${ref.modelId} for ${purpose}: ${(error as Error).message}`);
    }
    try {
      const threads = deps.threads(model.size, llama.cpuMathCores);
      const context =
        use === 'rank'
          ? await model.createRankingContext({ contextSize: { max: RANK_CONTEXT_TOKENS }, threads })
          : await model.createEmbeddingContext({ contextSize: { max: 512 }, threads });
      const e: Encoder = { modelPath: ref.modelPath, use, model, context, idleTimer: null };
      loaded.set(ref.modelId, e);
      deps.log('info', `loaded ${use === 'rank' ? 'reranker' : 'embedding model'} ${ref.modelId}`);
      return e;
    } catch (error) {
      await model.dispose();
      // node-llama-cpp refuses a model without a classifier head (or a vector output) with this message.
      throw new HearthError('MODEL_LOAD_FAILED', `${ref.modelId} cannot compute ${purpose}: ${(error as Error).message}`);
    }
  }

  /** Runs work on the loaded encoder in the engine's queue, a text at a time so a cancel lands between texts. */
  function withEncoder<T>(ref: ModelRef, use: Use, work: (e: Encoder) => Promise<T>): Promise<T> {
    return deps.serial(async () => {
      const e = await load(ref, use);
      try {
        return await work(e);
      } finally {
        touch(ref.modelId, e);
      }
    });
  }

  function checkAborted(signal: AbortSignal | undefined, what: string): void {
    if (signal?.aborted) throw new HearthError('ABORTED', `${what} was cancelled.`);
  }

  return {
    embed: (ref, texts, signal) =>
      withEncoder(ref, 'embed', async (e) => {
        const context = e.context as LlamaEmbeddingContext;
        const vectors: number[][] = [];
        for (const text of texts) {
          checkAborted(signal, 'Embedding');
          const embedding = await context.getEmbeddingFor(text.slice(0, MAX_EMBED_CHARS) || ' ');
          vectors.push([...embedding.vector]);
        }
        return vectors;
      }),
    rank: (ref, query, texts, signal) =>
      withEncoder(ref, 'rank', async (e) => {
        const context = e.context as LlamaRankingContext;
        const scores: number[] = [];
        for (const text of texts) {
          checkAborted(signal, 'Reranking');
          // An excerpt longer than the context is scored by its best-scoring window rather than refused.
          scores.push(await context.rank(query, text || ' ', { onOverflow: 'maxChunk' }));
        }
        return scores;
      }),
    unload: (modelId) => deps.serial(() => unloadNow(modelId)),
    async dispose() {
      for (const id of [...loaded.keys()]) await unloadNow(id);
    },
  };
}
