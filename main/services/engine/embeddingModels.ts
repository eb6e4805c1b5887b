import type { Llama, LlamaEmbeddingContext, LlamaModel } from 'node-llama-cpp';
import { HearthError } from '../../contract/index.js';
import type { ModelRef } from './engineOps.js';

interface Embedder {
  modelPath: string;
  model: LlamaModel;
  context: LlamaEmbeddingContext;
  idleTimer: NodeJS.Timeout | null;
}

export interface EmbeddingModels {
  /** One vector per text, in order. Loads the model on first use. */
  embed(ref: ModelRef, texts: readonly string[], signal?: AbortSignal): Promise<number[][]>;
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
}

/** Texts past this many characters are cut: routing compares the opening of a message with short example phrases. */
const MAX_EMBED_CHARS = 2000;

/**
 * Embedding models (for the router's similarity to example phrases), kept
 * apart from the chat models: a small encoder with its own embedding
 * context, a few tens of megabytes, unloaded when idle like the others.
 */
export function createEmbeddingModels(deps: EmbeddingModelsDeps): EmbeddingModels {
  const loaded = new Map<string, Embedder>();

  async function unloadNow(modelId: string): Promise<boolean> {
    const e = loaded.get(modelId);
    if (!e) return false;
    loaded.delete(modelId);
    if (e.idleTimer) clearTimeout(e.idleTimer);
    await e.context.dispose();
    await e.model.dispose();
    deps.log('info', `unloaded embedding model ${modelId}`);
    return true;
  }

  function touch(modelId: string, e: Embedder): void {
    if (e.idleTimer) clearTimeout(e.idleTimer);
    e.idleTimer = null;
    const minutes = deps.idleMinutes();
    if (minutes > 0) {
      e.idleTimer = setTimeout(() => void deps.serial(() => unloadNow(modelId)).catch(() => {}), minutes * 60_000);
      e.idleTimer.unref();
    }
  }

  async function load(ref: ModelRef): Promise<Embedder> {
    const existing = loaded.get(ref.modelId);
    if (existing && existing.modelPath === ref.modelPath) return existing;
    if (existing) await unloadNow(ref.modelId);
    const llama = await deps.getLlama();
    let model: LlamaModel;
    try {
      model = await llama.loadModel({ modelPath: ref.modelPath });
    } catch (error) {
      throw new HearthError('MODEL_LOAD_FAILED', `llama.cpp could not load ${ref.modelId} for embeddings: ${(error as Error).message}`);
    }
    try {
      const context = await model.createEmbeddingContext({ contextSize: { max: 512 } });
      const e: Embedder = { modelPath: ref.modelPath, model, context, idleTimer: null };
      loaded.set(ref.modelId, e);
      deps.log('info', `loaded embedding model ${ref.modelId}`);
      return e;
    } catch (error) {
      await model.dispose();
      throw new HearthError('MODEL_LOAD_FAILED', `${ref.modelId} cannot compute embeddings: ${(error as Error).message}`);
    }
  }

  return {
    embed: (ref, texts, signal) =>
      deps.serial(async () => {
        const e = await load(ref);
        const vectors: number[][] = [];
        try {
          for (const text of texts) {
            if (signal?.aborted) throw new HearthError('ABORTED', 'Embedding was cancelled.');
            const embedding = await e.context.getEmbeddingFor(text.slice(0, MAX_EMBED_CHARS) || ' ');
            vectors.push([...embedding.vector]);
          }
        } finally {
          touch(ref.modelId, e);
        }
        return vectors;
      }),
    unload: (modelId) => deps.serial(() => unloadNow(modelId)),
    async dispose() {
      for (const id of [...loaded.keys()]) await unloadNow(id);
    },
  };
}
