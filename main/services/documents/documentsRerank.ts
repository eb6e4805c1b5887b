import type { DocSearchMode } from '../../contract/documents.js';
import type { ModelRecord, RerankMode } from '../../contract/index.js';
import { installedFor } from '../routing/selectModel.js';
import type { RerankFn } from './searchDocuments.js';

/** The catalog's rerankers, best first: Qwen's is the newer and was trained for instructions like the one its template carries. */
export const RERANKER_CATALOG_IDS = ['qwen3-reranker-0.6b', 'bge-reranker-v2-m3'];

/**
 * The installed reranker documents search uses: the catalog's best first,
 * else any installed model whose file is a reranker (a classifier head, see
 * modelRole). A model marked broken is not offered.
 */
export function findRerankerModel(models: readonly ModelRecord[], catalogInstalled?: (catalogId: string) => readonly string[]): ModelRecord | null {
  const rerankers = models.filter((m) => !m.broken && m.role === 'reranker');
  for (const catalogId of RERANKER_CATALOG_IDS) {
    const [id] = installedFor(catalogId, rerankers, catalogInstalled);
    if (id) return rerankers.find((m) => m.id === id)!;
  }
  return rerankers[0] ?? null;
}

export interface DocumentsRerankDeps {
  models: { list(): ModelRecord[] };
  engine: {
    rank(ref: { modelId: string; modelPath: string }, query: string, texts: string[], options?: { signal?: AbortSignal }): Promise<number[]>;
    /** Starts the engine when needed: 'auto' depends on the backend it found. */
    status(options: { start: true }): Promise<{ backend: string | null }>;
  };
  /** Settings.documents.rerank, read per call: a change takes effect on the next question. */
  setting: () => RerankMode;
  catalogInstalled?: (catalogId: string) => readonly string[];
  /** Which embedding model search uses, for searchMode. */
  embeddingModelId?: () => string | null;
}

export interface DocumentsRerank {
  rerank: RerankFn;
  searchMode(): Promise<DocSearchMode>;
}

/**
 * Relevance scores through the engine's reranker, looked up per call like
 * the embedding model: installing one, or changing the setting, takes effect
 * on the next search. 'auto' reranks only while the engine runs on a GPU:
 * a reranker reads every excerpt with the question, and on a CPU that costs
 * tens of seconds a question (`npm run bench -- --only rerank`).
 */
export function documentsRerank(deps: DocumentsRerankDeps): DocumentsRerank {
  async function active(setting: RerankMode): Promise<boolean> {
    if (setting !== 'auto') return setting === 'on';
    const { backend } = await deps.engine.status({ start: true });
    return backend !== null && backend !== 'cpu';
  }
  const reranker = () => findRerankerModel(deps.models.list(), deps.catalogInstalled);

  return {
    rerank(query, texts, signal) {
      const setting = deps.setting();
      const model = setting === 'off' ? null : reranker();
      if (!model) return null;
      return active(setting).then((on) => (on ? deps.engine.rank({ modelId: model.id, modelPath: model.path }, query, texts, { signal }) : null));
    },
    async searchMode() {
      const setting = deps.setting();
      const model = reranker();
      return {
        embeddingModelId: deps.embeddingModelId?.() ?? null,
        rerankerModelId: model?.id ?? null,
        rerank: setting,
        reranking: model !== null && (await active(setting)),
      };
    },
  };
}
