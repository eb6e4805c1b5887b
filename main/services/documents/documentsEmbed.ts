import type { ModelRecord } from '../../contract/index.js';
import { findEmbeddingModel } from '../routing/findEmbeddingModel.js';
import type { EmbedFn } from './syncCollection.js';

export interface DocumentsEmbedDeps {
  models: { list(): ModelRecord[] };
  engine: { embed(ref: { modelId: string; modelPath: string }, texts: string[]): Promise<number[][]> };
  catalogInstalled?: (catalogId: string) => readonly string[];
}

/** nomic-embed-text was trained with a task prefix on each side; the others take text as it is. */
function prefixFor(modelId: string, kind: 'query' | 'document'): string {
  if (!modelId.startsWith('nomic-embed')) return '';
  return kind === 'query' ? 'search_query: ' : 'search_document: ';
}

/**
 * Vectors for documents through the engine process, with the embedding model
 * that routing uses, looked up per call: installing or removing one switches
 * search between hybrid and lexical without a restart. Null while none is
 * installed (search is lexical; chunks are embedded on a later sync).
 */
export function documentsEmbed(deps: DocumentsEmbedDeps): EmbedFn {
  return (texts, kind = 'document') => {
    const model = findEmbeddingModel(deps.models.list(), deps.catalogInstalled);
    if (!model) return null;
    const prefix = prefixFor(model.id, kind);
    return deps.engine.embed({ modelId: model.id, modelPath: model.path }, prefix ? texts.map((t) => prefix + t) : texts);
  };
}
