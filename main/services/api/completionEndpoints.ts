import crypto from 'node:crypto';
import type { ApiSettings, ReplyStats, Sampling } from '../../contract/index.js';
import type { EngineClient } from '../engine/createEngineClient.js';
import type { ApiFunction, ApiFunctionCall, ApiGrammar, ApiMessage, ApiSampling, ApiToolCall, CompleteResult } from '../engine/completeOps.js';
import { toApiError } from './ApiError.js';
import { sendEvent, sendJson, startEvents, type ApiCall } from './ApiCall.js';
import type { ApiQueue } from './createApiQueue.js';
import { ChatCompletionRequest, CompletionRequest, parseBody, unsupportedArguments } from './apiSchemas.js';
import { resolveChatModel, routeHeader, type ApiRoute, type ModelDeps } from './resolveApiModel.js';
import { completionMessages, lastUserText, toApiMessages, toFunctions, toGrammar, toSampling } from './toPrompt.js';

/** A finished API conversation, for the "store API calls as chats" setting. */
export interface ApiConversation {
  keyName: string | null;
  modelId: string;
  messages: ApiMessage[];
  reply: string;
  toolCalls: ApiToolCall[];
  stats: ReplyStats;
  finishReason: CompleteResult['finishReason'];
  route: ApiRoute | null;
}

export interface CompletionDeps extends ModelDeps {
  engine: Pick<EngineClient, 'complete'>;
  queue: ApiQueue;
  settings: () => ApiSettings;
  /** What the engine can do beyond text: structured output and tool calls. */
  features: { tools: boolean; responseFormat: boolean };
  storeConversation?: (conversation: ApiConversation) => void;
}

type Kind = 'chat' | 'text';

interface Request {
  model: string;
  messages: ApiMessage[];
  stream: boolean;
  includeUsage: boolean;
  sampling: (base: Sampling) => ApiSampling;
  grammar?: ApiGrammar;
  functions?: ApiFunction[];
  functionCall?: ApiFunctionCall;
}

function usageOf(stats: ReplyStats) {
  return { prompt_tokens: stats.promptTokens, completion_tokens: stats.completionTokens, total_tokens: stats.promptTokens + stats.completionTokens };
}

const toolCallsOut = (calls: readonly ApiToolCall[]) => calls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } }));

/** POST /v1/chat/completions */
export function chatCompletions(deps: CompletionDeps, call: ApiCall): Promise<void> {
  const body = parseBody(ChatCompletionRequest, call.body);
  call.log.model = body.model;
  const refused = unsupportedArguments(body, deps.features);
  if (refused) throw refused;
  return complete(deps, call, 'chat', {
    model: body.model,
    messages: toApiMessages(body),
    stream: body.stream === true,
    includeUsage: body.stream_options?.include_usage === true,
    sampling: (base) => toSampling(body, base),
    grammar: toGrammar(body.response_format),
    ...toFunctions(body),
  });
}

/** POST /v1/completions: the prompt goes through the model's chat template as one user message. */
export function textCompletions(deps: CompletionDeps, call: ApiCall): Promise<void> {
  const body = parseBody(CompletionRequest, call.body);
  call.log.model = body.model;
  const refused = unsupportedArguments(body, deps.features);
  if (refused) throw refused;
  return complete(deps, call, 'text', { model: body.model, messages: completionMessages(body), stream: body.stream === true, includeUsage: body.stream_options?.include_usage === true, sampling: (base) => toSampling(body, base) });
}

/** Resolves the model (404s and routing before anything is queued), waits its turn, then answers streamed or whole. */
async function complete(deps: CompletionDeps, call: ApiCall, kind: Kind, request: Request): Promise<void> {
  const resolved = await resolveChatModel(deps, request.model, lastUserText(request.messages), call.signal);
  const { record, route } = resolved;
  call.log.model = record.id;
  // "auto" brings the profile's instructions, unless the request has its own.
  const messages: ApiMessage[] = resolved.systemPrompt && !request.messages.some((m) => m.role === 'system') ? [{ role: 'system', content: resolved.systemPrompt }, ...request.messages] : request.messages;
  const id = `${kind === 'chat' ? 'chatcmpl' : 'cmpl'}-${crypto.randomBytes(12).toString('base64url')}`;
  const created = Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = route ? { 'x-hearth-route': routeHeader(route) } : {};
  const hearth = route ? { hearth: route } : {};
  const object = kind === 'chat' ? 'chat.completion' : 'text_completion';
  let first = true;
  const chunk = (choice: Record<string, unknown>) => {
    const out = { id, object: kind === 'chat' ? 'chat.completion.chunk' : 'text_completion', created, model: record.id, system_fingerprint: null, choices: [{ index: 0, logprobs: null, finish_reason: null, ...choice }], ...(first ? hearth : {}) };
    first = false;
    return out;
  };
  // Headers wait for the first token: a model that fails to load, or a prompt too long, still gets a real HTTP error.
  const open = () => {
    if (call.res.headersSent) return;
    startEvents(call, headers);
    if (kind === 'chat') sendEvent(call, chunk({ delta: { role: 'assistant', content: '' } }));
  };
  const seenCalls = new Set<number>();
  let result: CompleteResult;
  try {
    result = await deps.queue.run(call.owner, call.signal, () =>
      deps.engine.complete(
        { modelId: record.id, modelPath: record.path, messages, sampling: request.sampling(resolved.sampling), grammar: request.grammar, functions: request.functions, functionCall: request.functionCall },
        {
          signal: call.signal,
          onEvent: (event) => {
            if (!request.stream || event.type === 'loading') return;
            open();
            if (event.type === 'delta') {
              if (event.text !== '') sendEvent(call, chunk(kind === 'text' ? { text: event.text } : { delta: { content: event.text } }));
              return;
            }
            // Thinking goes as reasoning_content (as DeepSeek's, vLLM's and LM Studio's servers send it); a text completion has no place for it.
            if (event.type === 'thought') {
              if (kind === 'chat' && event.text !== '') sendEvent(call, chunk({ delta: { reasoning_content: event.text } }));
              return;
            }
            // A tool call streams as OpenAI's: id, type and name once, then the arguments' text in pieces.
            const head = seenCalls.has(event.index) ? {} : { id: event.id, type: 'function' };
            const fn = seenCalls.has(event.index) ? { arguments: event.argumentsDelta } : { name: event.name, arguments: event.argumentsDelta };
            seenCalls.add(event.index);
            sendEvent(call, chunk({ delta: { tool_calls: [{ index: event.index, ...head, function: fn }] } }));
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
  if (deps.settings().logContent) call.log.content = JSON.stringify({ messages, reply: result.text, toolCalls: result.toolCalls });
  if (result.finishReason === 'aborted') return;
  try {
    deps.storeConversation?.({ keyName: call.keyName, modelId: record.id, messages, reply: result.text, toolCalls: result.toolCalls, stats, finishReason: result.finishReason, route });
  } catch (error) {
    // The answer is still the client's: a chat that could not be stored is the log's business.
    call.log.note = `not stored as a chat: ${(error as Error).message}`;
  }
  const finish = result.finishReason;
  if (request.stream) {
    open();
    sendEvent(call, chunk(kind === 'chat' ? { delta: {}, finish_reason: finish } : { text: '', finish_reason: finish }));
    if (request.includeUsage) sendEvent(call, { id, object: kind === 'chat' ? 'chat.completion.chunk' : 'text_completion', created, model: record.id, system_fingerprint: null, choices: [], usage: usageOf(stats) });
    sendEvent(call, '[DONE]');
    call.res.end();
    return;
  }
  const choice =
    kind === 'chat'
      ? {
          index: 0,
          message: {
            role: 'assistant',
            content: result.toolCalls.length && !result.text ? null : result.text,
            ...(result.thought ? { reasoning_content: result.thought } : {}),
            refusal: null,
            ...(result.toolCalls.length ? { tool_calls: toolCallsOut(result.toolCalls) } : {}),
          },
          logprobs: null,
          finish_reason: finish,
        }
      : { index: 0, text: result.text, logprobs: null, finish_reason: finish };
  sendJson(call, 200, { id, object, created, model: record.id, system_fingerprint: null, choices: [choice], usage: usageOf(stats), ...hearth }, headers);
}
