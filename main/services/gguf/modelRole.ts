import type { ModelRole } from '../../contract/entities.js';
import type { GgufValue } from './ggufFormat.js';

/** Architectures of encoder-only models: they give vectors, not replies. */
export const EMBEDDING_ARCHITECTURES: ReadonlySet<string> = new Set(['bert', 'nomic-bert', 'nomic-bert-moe', 'jina-bert-v2', 'modern-bert', 't5encoder', 'gemma-embedding']);

/** llama.cpp's pooling types (include/llama.h): a file that names one was converted to pool, not to chat. */
const POOLING_RANK = 4;
const POOLINGS_FOR_VECTORS = new Set([1, 2, 3]); // mean, cls, last

/** The classifier heads llama.cpp's rank pooling reads (node-llama-cpp looks for the same two). */
const RANK_HEADS = new Set(['cls.weight', 'cls.output.weight']);

/** What a model is for, from its architecture alone: the guess for a record whose file was not read for it. */
export function roleFromArchitecture(architecture: string): ModelRole {
  return EMBEDDING_ARCHITECTURES.has(architecture.toLowerCase()) ? 'embedding' : 'chat';
}

/**
 * What a GGUF is for. A reranker has a classifier head or rank pooling; an
 * embedding model has an encoder architecture or a pooling type. Neither can
 * write a reply, although a Qwen3-Reranker or Qwen3-Embedding file has the
 * chat architecture (qwen3) and even a chat template: so the tensors and the
 * pooling key decide, not the architecture's name.
 */
export function modelRole(architecture: string, metadata: ReadonlyMap<string, GgufValue>, tensorNames: readonly string[]): ModelRole {
  const pooling = metadata.get(`${architecture}.pooling_type`);
  if (pooling === POOLING_RANK || tensorNames.some((name) => RANK_HEADS.has(name))) return 'reranker';
  if (typeof pooling === 'number' && POOLINGS_FOR_VECTORS.has(pooling)) return 'embedding';
  return roleFromArchitecture(architecture);
}
