import type { ModelRecord } from '../../contract/index.js';

/** The catalog's embedding models, best first. */
export const EMBEDDING_CATALOG_IDS = ['nomic-embed-text-v1.5', 'bge-small-en-v1.5'];

/**
 * The installed embedding model that routing and documents use: the catalog's
 * best first, else any installed model whose file is an embedding model (a
 * reranker is not one). A model marked broken (its load crashed the engine) is not offered.
 */
export function findEmbeddingModel(models: readonly ModelRecord[], catalogInstalled?: (catalogId: string) => readonly string[]): ModelRecord | null {
  const installed = models.filter((m) => !m.broken);
  for (const catalogId of EMBEDDING_CATALOG_IDS) {
    const ids = [...(catalogInstalled?.(catalogId) ?? []), ...installed.filter((m) => m.id.startsWith(catalogId.toLowerCase())).map((m) => m.id)];
    const found = installed.find((m) => ids.includes(m.id));
    if (found) return found;
  }
  return installed.find((m) => m.role === 'embedding') ?? null;
}
