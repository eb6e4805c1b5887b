import crypto from 'node:crypto';
import type { ApiSettings, FinishReason, ReplyStats, Sampling } from '../../contract/index.js';
import type { EngineClient } from '../engine/createEngineClient.js';
import type { GenerateResult } from '../engine/engineOps.js';
import { toApiError } from './ApiError.js';
import { sendEvent, sendJson, startEvents, type ApiCall } from './ApiCall.js';
import type { ApiQueue } from './createApiQueue.js';
import { ChatCompletionRequest, CompletionRequest, parseBody, unsupportedArguments } from './apiSchemas.js';
import { resolveChatModel, routeHeader, type ApiRoute, type ModelDeps } from './resolveApiModel.js';
import { chatPrompt, completionPrompt, toSampling, type ApiPrompt } from './toPrompt.js';

/** A finished API conversation, for the "store API calls as chats" setting. */
export interface ApiConversation {
  keyName: string | null;
  modelId: string;
  system: string | null;
  prompt: ApiPrompt;
  reply: string;
  stats: ReplyStats;
  finishReason: FinishReason;
  route: ApiRoute | null;
}

export interface CompletionDeps extends ModelDeps {
  engine: Pick<EngineClient, 'generate'>;
  queue: ApiQueue;
  settings: () => ApiSettings;
  /** What the engine can do beyond text (api-engine's grammar and tool calls). */
  features: { tools: boolean; responseFormat: boolean };
  storeConversation?: (conversation: ApiConversation) => void;
}

type Kind = 'chat' | 'text';

const finishReasonOf = (r: FinishReason) => (r === 'length' ? 'length' : 'stop');

function usageOf(stats: ReplyStats) {
  return { prompt_tokens: stats.promptTokens, completion_tokens: stats.completionTokens, total_tokens: stats.promptTokens + stats.completionTokens };
}

/** POST /v1/chat/completions */
export function chatCompletions(deps: CompletionDeps, call: ApiCall): Promise<void> {
  const body = parseBody(ChatCompletionRequest, call.body);
  call.log.model = body.model;
  const refused = unsupportedArguments(body, deps.features);
  if (refused) throw refused;
  const prompt = chatPrompt(body);
  return complete(deps, call, 'chat', { model: body.model, prompt, stream: body.stream === true, includeUsage: body.stream_options?.include_usage === true, sampling: (base) => toSampling(body, base) });
}

/** POST /v1/completions: the prompt goes through the model's chat template as one user message. */
export function textCompletions(deps: CompletionDeps, call: ApiCall): Promise<void> {
  const body = parseBody(CompletionRequest, call.body);
  call.log.model = body.model;
  const refused = unsupportedArguments(body, deps.features);
  if (refused) throw refused;
  const prompt = completionPrompt(body);
  return complete(deps, call, 'text', { model: body.model, prompt, stream: body.stream === true, includeUsage: body.stream_options?.include_usage === true, sampling: (base) => toSampling(body, base) });
}

interface Request {
  model: string;
  prompt: ApiPrompt;
  stream: boolean;
  includeUsage: boolean;
  sampling: (base: Sampling) => Sampling;
}

/** Resolves the model (404s and routing before anything is queued), waits its turn, then answers streamed or whole. */
async function complete(deps: CompletionDeps, call: ApiCall, kind: Kind, request: Request): Promise<void> {
  const resolved = await resolveChatModel(deps, request.model, request.prompt.message.content, call.signal);
  const { record, route } = resolved;
  call.log.model = record.id;
  const system = request.prompt.system ?? resolved.systemPrompt;
  const sampling = request.sampling(resolved.sampling);
  const id = `${kind === 'chat' ? 'chatcmpl' : 'cmpl'}-${crypto.randomBytes(12).toString('base64url')}`;
  const created = Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = route ? { 'x-hearth-route': routeHeader(route) } : {};
  const hearth = route ? { hearth: route } : {};
  const object = kind === 'chat' ? 'chat.completion' : 'text_completion';
  const chunkObject = kind === 'chat' ? 'chat.completion.chunk' : 'text_completion';
  let first = true;
  const chunk = (choice: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
    const out = { id, object: chunkObject, created, model: record.id, system_fingerprint: null, choices: [{ index: 0, ...choice }], ...(first ? hearth : {}), ...extra };
    first = false;
    return out;
  };
  // Headers wait for the prompt to be in: a model that fails to load, or a prompt too long, still gets a real HTTP error.
  const open = () => {
    if (call.res.headersSent) return;
    startEvents(call, headers);
    if (kind === 'chat') sendEvent(call, chunk({ delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }));
  };
  let result: GenerateResult;
  try {
    result = await deps.queue.run(call.owner, call.signal, () =>
      deps.engine.generate(
        { modelId: record.id, modelPath: record.path, system, history: request.prompt.history, olderOmitted: 0, message: request.prompt.message, sampling },
        {
          signal: call.signal,
          onEvent: (event) => {
            if (!request.stream || event.type === 'loading') return;
            open();
            if (event.type !== 'delta' || event.text === '') return;
            if (kind === 'text') sendEvent(call, chunk({ text: event.text, logprobs: null, finish_reason: null }));
            else sendEvent(call, chunk({ delta: event.segment === 'thought' ? { reasoning_content: event.text } : { content: event.text }, logprobs: null, finish_reason: null }));
          },
        },
      ),
    );
  } catch (error) {
    if (!request.stream || !call.res.headersSent) throw error;
    // The stream is open: the failure goes as an error event, as OpenAI's clients expect.
    const failure = toApiError(error);
    call.log.note = failure.code;
    sendEvent(call, failure.body());
    call.res.end();
    return;
  }
  const { stats } = result;
  call.log.promptTokens = stats.promptTokens;
  call.log.completionTokens = stats.completionTokens;
  call.log.note = result.finishReason;
  if (deps.settings().logContent) call.log.content = JSON.stringify({ system, history: request.prompt.history.map(({ role, content }) => ({ role, content })), message: request.prompt.message.content, reply: result.text });
  const finish = finishReasonOf(result.finishReason);
  if (result.finishReason !== 'aborted') {
    try {
      deps.storeConversation?.({ keyName: call.keyName, modelId: record.id, system, prompt: request.prompt, reply: result.text, stats, finishReason: result.finishReason, route });
    } catch (error) {
      // The answer is still the client's: a chat that could not be stored is the log's business.
      call.log.note = `not stored as a chat: ${(error as Error).message}`;
    }
  }
  if (request.stream) {
    open();
    sendEvent(call, kind === 'chat' ? chunk({ delta: {}, logprobs: null, finish_reason: finish }) : chunk({ text: '', logprobs: null, finish_reason: finish }));
    if (request.includeUsage) sendEvent(call, { id, object: chunkObject, created, model: record.id, system_fingerprint: null, choices: [], usage: usageOf(stats) });
    sendEvent(call, '[DONE]');
    call.res.end();
    return;
  }
  const thought = result.thought?.text ? { reasoning_content: result.thought.text } : {};
  const choice =
    kind === 'chat'
      ? { index: 0, message: { role: 'assistant', content: result.text, refusal: null, ...thought }, logprobs: null, finish_reason: finish }
      : { index: 0, text: result.text, logprobs: null, finish_reason: finish };
  sendJson(call, 200, { id, object, created, model: record.id, system_fingerprint: null, choices: [choice], usage: usageOf(stats), ...hearth }, headers);
}
