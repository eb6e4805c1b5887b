import { HearthError, type ModelRecord, type Sampling } from '../../contract/index.js';
import { assertNotBroken } from '../library/registry/createModelRegistry.js';
import type { RoutingService } from '../routing/createRoutingService.js';
import { invalidRequest, modelNotFound } from './ApiError.js';

/** What `model: "auto"` chose, as the response reports it (x-hearth-route header and `hearth` field). */
export interface ApiRoute {
  domain: string;
  confidence: number;
  model: string;
}

export interface ResolvedModel {
  record: ModelRecord;
  route: ApiRoute | null;
  /** The routed profile's system prompt, used when the request has none; null for a named model. */
  systemPrompt: string | null;
  /** The routed profile's sampling, under what the request sets. */
  sampling: Sampling;
}

export interface ModelDeps {
  models: { list(): ModelRecord[]; get(modelId: string): ModelRecord };
  routing?: Pick<RoutingService, 'routeAsync'>;
  isEmbeddingModel(record: ModelRecord): boolean;
}

export const AUTO_MODEL = 'auto';

/** The installed chat model a request names, or the one the router picks for "auto" from the last user message. */
export async function resolveChatModel(deps: ModelDeps, model: string, text: string, signal: AbortSignal): Promise<ResolvedModel> {
  if (model !== AUTO_MODEL) {
    const record = findModel(deps, model);
    if (deps.isEmbeddingModel(record)) throw invalidRequest(`${record.id} is an embedding model: it cannot write text. Use it with /v1/embeddings, or pick a chat model (GET /v1/models).`, 'model', 'model_not_supported');
    return { record: assertNotBroken(record), route: null, systemPrompt: null, sampling: {} };
  }
  if (!deps.routing) throw modelNotFound('"auto" needs Hearth\'s router, which is not available in this process. Name an installed model instead (GET /v1/models).');
  const routed = await deps.routing.routeAsync({ chat: null, text }, signal);
  const first = routed.candidates.find((c) => {
    const record = deps.models.list().find((m) => m.id === c.modelId);
    return record && !record.broken && !deps.isEmbeddingModel(record);
  });
  if (!first) throw modelNotFound('No chat model is installed, so "auto" has nothing to route to. Add one in Hearth\'s library (or `hearth models download <id>`).');
  const record = findModel(deps, first.modelId);
  return {
    record,
    route: { domain: routed.decision.domain, confidence: routed.decision.confidence, model: record.id },
    systemPrompt: routed.systemPrompt || null,
    sampling: routed.sampling,
  };
}

export function findModel(deps: Pick<ModelDeps, 'models'>, model: string): ModelRecord {
  try {
    return deps.models.get(model);
  } catch (error) {
    if (error instanceof HearthError && error.code === 'MODEL_NOT_FOUND') {
      throw modelNotFound(`The model '${model}' does not exist in Hearth: use an installed model's id or "auto" (GET /v1/models lists them).`);
    }
    throw error;
  }
}

/** The x-hearth-route header's value. */
export function routeHeader(route: ApiRoute): string {
  return `domain=${route.domain}; confidence=${route.confidence.toFixed(2)}; model=${route.model}`;
}
