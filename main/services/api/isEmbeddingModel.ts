import type { ModelRecord } from '../../contract/index.js';
import { canChat, installedFor } from '../routing/selectModel.js';

/**
 * Whether an installed model is for embeddings: its file says so (an encoder
 * architecture or a pooling type, see modelRole), or it is a file of one of
 * the catalog's embedding entries.
 */
export function createIsEmbeddingModel(deps: {
  models: { list(): ModelRecord[] };
  embeddingCatalogIds: () => readonly string[];
  catalogInstalled?: (catalogId: string) => readonly string[];
}): (record: ModelRecord) => boolean {
  return (record) => {
    if (record.role === 'embedding') return true;
    if (!canChat(record)) return false;
    const installed = deps.models.list();
    return deps.embeddingCatalogIds().some((id) => installedFor(id, installed, deps.catalogInstalled).includes(record.id));
  };
}
