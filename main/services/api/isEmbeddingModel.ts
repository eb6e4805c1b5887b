import type { ModelRecord } from '../../contract/index.js';
import { canChat, installedFor } from '../routing/selectModel.js';

/**
 * Whether an installed model is for embeddings: an encoder architecture
 * (bert, nomic-bert...), or a file of one of the catalog's embedding entries
 * (decoder-based ones such as Qwen3-Embedding are known only by their entry).
 */
export function createIsEmbeddingModel(deps: {
  models: { list(): ModelRecord[] };
  embeddingCatalogIds: () => readonly string[];
  catalogInstalled?: (catalogId: string) => readonly string[];
}): (record: ModelRecord) => boolean {
  return (record) => {
    if (!canChat(record)) return true;
    const installed = deps.models.list();
    return deps.embeddingCatalogIds().some((id) => installedFor(id, installed, deps.catalogInstalled).includes(record.id));
  };
}
