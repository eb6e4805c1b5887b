import type { EngineClient } from '../engine/createEngineClient.js';
import { invalidRequest, modelNotFound } from './ApiError.js';
import { sendJson, type ApiCall } from './ApiCall.js';
import type { ApiQueue } from './createApiQueue.js';
import { EmbeddingRequest, parseBody } from './apiSchemas.js';
import { AUTO_MODEL, findModel, type ModelDeps } from './resolveApiModel.js';

export interface EmbeddingDeps extends ModelDeps {
  engine: Pick<EngineClient, 'embed'>;
  queue: ApiQueue;
}

/** GET /v1/models: every usable installed model, and "auto" (Hearth's router picks). */
export function listModels(deps: ModelDeps, call: ApiCall): void {
  const models = deps.models.list().filter((m) => !m.broken);
  const data = [
    { id: AUTO_MODEL, object: 'model', created: 0, owned_by: 'hearth' },
    ...models.map((m) => ({ id: m.id, object: 'model', created: Math.floor(m.addedAt / 1000), owned_by: 'hearth', hearth: { kind: deps.isEmbeddingModel(m) ? 'embedding' : 'chat', contextLength: m.contextLength } })),
  ];
  sendJson(call, 200, { object: 'list', data });
}

/** GET /v1/models/{id} */
export function getModel(deps: ModelDeps, call: ApiCall, id: string): void {
  if (id === AUTO_MODEL) return sendJson(call, 200, { id, object: 'model', created: 0, owned_by: 'hearth' });
  const m = findModel(deps, id);
  sendJson(call, 200, { id: m.id, object: 'model', created: Math.floor(m.addedAt / 1000), owned_by: 'hearth' });
}

/** POST /v1/embeddings, with an installed embedding model. */
export async function embeddings(deps: EmbeddingDeps, call: ApiCall): Promise<void> {
  const body = parseBody(EmbeddingRequest, call.body);
  call.log.model = body.model;
  if (body.dimensions !== undefined) throw invalidRequest("'dimensions' is not supported: the model's own size is returned.", 'dimensions', 'unsupported_parameter');
  const inputs = typeof body.input === 'string' ? [body.input] : body.input;
  if (!inputs.every((t): t is string => typeof t === 'string')) throw invalidRequest('Token arrays are not supported as input: send text.', 'input', 'unsupported_parameter');
  const installed = deps.models.list().filter((m) => !m.broken && deps.isEmbeddingModel(m));
  const how = installed.length
    ? `Installed embedding models: ${installed.map((m) => m.id).join(', ')}.`
    : 'No embedding model is installed: add one in Hearth\'s library (for example `hearth models download bge-small-en-v1.5`).';
  if (body.model === AUTO_MODEL) {
    if (!installed[0]) throw modelNotFound(how);
    body.model = installed[0].id;
  }
  const record = installed.find((m) => m.id === body.model);
  if (!record) {
    findModel(deps, body.model);
    throw modelNotFound(`The model '${body.model}' is not an embedding model. ${how}`);
  }
  call.log.model = record.id;
  const vectors = await deps.queue.run(call.owner, call.signal, () => deps.engine.embed({ modelId: record.id, modelPath: record.path }, inputs, { signal: call.signal }));
  const base64 = body.encoding_format === 'base64';
  const data = vectors.map((v, index) => ({ object: 'embedding', index, embedding: base64 ? Buffer.from(Float32Array.from(v).buffer).toString('base64') : v }));
  // The engine's embed op reports no token counts: usage says 0 rather than a guess.
  sendJson(call, 200, { object: 'list', data, model: record.id, usage: { prompt_tokens: 0, total_tokens: 0 } });
}
