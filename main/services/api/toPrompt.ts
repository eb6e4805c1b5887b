import type { Sampling } from '../../contract/index.js';
import type { ApiFunction, ApiFunctionCall, ApiGrammar, ApiMessage, ApiSampling } from '../engine/completeOps.js';
import { invalidRequest } from './ApiError.js';
import type { ChatCompletionRequest, ChatMessage, CompletionRequest } from './apiSchemas.js';

function textOf(m: ChatMessage, index: number): string {
  if (m.content === null || m.content === undefined) return '';
  if (typeof m.content === 'string') return m.content;
  return m.content
    .map((part, j) => {
      if (part.type === 'text' && typeof part.text === 'string') return part.text;
      throw invalidRequest(`'messages[${index}].content[${j}]' is a ${part.type} part: Hearth's models read text only.`, `messages[${index}].content[${j}].type`, 'unsupported_content');
    })
    .join('\n');
}

const ToolCallIn = (value: unknown, where: string): { id: string; name: string; arguments: string } => {
  const v = value as { id?: unknown; type?: unknown; function?: { name?: unknown; arguments?: unknown } } | null;
  if (!v || typeof v.id !== 'string' || (v.type !== undefined && v.type !== 'function') || typeof v.function?.name !== 'string' || typeof v.function.arguments !== 'string') {
    throw invalidRequest(`'${where}' must be {id, type: "function", function: {name, arguments}}.`, where);
  }
  return { id: v.id, name: v.function.name, arguments: v.function.arguments };
};

/** A chat request's messages as the engine's complete op takes them (developer counts as system). */
export function toApiMessages(body: Pick<ChatCompletionRequest, 'messages'>): ApiMessage[] {
  const messages = body.messages.map((m, i): ApiMessage => {
    const content = textOf(m, i);
    switch (m.role) {
      case 'system':
      case 'developer':
        return { role: 'system', content };
      case 'user':
        return { role: 'user', content };
      case 'assistant':
        return { role: 'assistant', content: m.content === null || m.content === undefined ? null : content, ...(m.tool_calls?.length ? { toolCalls: m.tool_calls.map((c, j) => ToolCallIn(c, `messages[${i}].tool_calls[${j}]`)) } : {}) };
      case 'tool':
        if (!m.tool_call_id) throw invalidRequest(`'messages[${i}]' is a tool result without 'tool_call_id'.`, `messages[${i}].tool_call_id`, 'missing_required_parameter');
        return { role: 'tool', toolCallId: m.tool_call_id, content };
    }
  });
  if (!messages.some((m) => m.role !== 'system')) throw invalidRequest("'messages' has only system messages: add the user's message to answer.", 'messages');
  if (messages.at(-1)!.role === 'assistant') {
    throw invalidRequest("The last message is the assistant's: Hearth answers a user or tool message, and does not continue an assistant message (prefill).", `messages[${messages.length - 1}].role`, 'unsupported_parameter');
  }
  return messages;
}

/** A text completion's prompt: sent as one user message through the model's chat template (the engine has no raw-text mode). */
export function completionMessages(body: Pick<CompletionRequest, 'prompt'>): ApiMessage[] {
  const prompts = typeof body.prompt === 'string' ? [body.prompt] : body.prompt;
  if (prompts.length !== 1) throw invalidRequest('Only one prompt per request is supported: send several requests instead.', 'prompt', 'unsupported_parameter');
  return [{ role: 'user', content: prompts[0]! }];
}

/** The text the router reads for "auto": the last user message. */
export function lastUserText(messages: readonly ApiMessage[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.role === 'user') return m.content;
  }
  return '';
}

/** OpenAI's `tools` and `tool_choice` as the engine's functions. */
export function toFunctions(body: Pick<ChatCompletionRequest, 'tools' | 'tool_choice'>): { functions?: ApiFunction[]; functionCall?: ApiFunctionCall } {
  const out: { functions?: ApiFunction[]; functionCall?: ApiFunctionCall } = {};
  if (body.tools?.length) {
    out.functions = body.tools.map((t, i) => {
      const tool = t as { type?: unknown; function?: { name?: unknown; description?: unknown; parameters?: unknown } } | null;
      if (!tool || tool.type !== 'function' || typeof tool.function?.name !== 'string') {
        throw invalidRequest(`'tools[${i}]' must be {type: "function", function: {name, description?, parameters?}}: only function tools are supported.`, `tools[${i}]`);
      }
      const f = tool.function;
      if (!/^[a-zA-Z0-9_-]{1,64}$/.test(f.name as string)) throw invalidRequest(`'tools[${i}].function.name' uses letters, digits, _ and -, 64 at most.`, `tools[${i}].function.name`);
      if (f.parameters !== undefined && (typeof f.parameters !== 'object' || f.parameters === null || Array.isArray(f.parameters))) {
        throw invalidRequest(`'tools[${i}].function.parameters' must be a JSON schema object.`, `tools[${i}].function.parameters`);
      }
      return { name: f.name as string, ...(typeof f.description === 'string' ? { description: f.description } : {}), ...(f.parameters ? { parameters: f.parameters as Record<string, unknown> } : {}) };
    });
  }
  const choice = body.tool_choice;
  if (choice === 'auto' || choice === 'none' || choice === 'required') out.functionCall = choice;
  else if (choice !== undefined && choice !== null) {
    const named = choice as { type?: unknown; function?: { name?: unknown } };
    if (named.type !== 'function' || typeof named.function?.name !== 'string') throw invalidRequest(`'tool_choice' must be "auto", "none", "required" or {type: "function", function: {name}}.`, 'tool_choice');
    out.functionCall = { name: named.function.name };
  }
  return out;
}

/** `response_format` as the engine's grammar: json_schema to its schema, json_object to any object, text to none. */
export function toGrammar(format: ChatCompletionRequest['response_format']): ApiGrammar | undefined {
  if (!format || format.type === 'text') return undefined;
  if (format.type === 'json_object') return { type: 'json_object' };
  if (format.type === 'json_schema') {
    const schema = (format as { json_schema?: { schema?: unknown } }).json_schema?.schema;
    if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) throw invalidRequest("'response_format.json_schema.schema' must be a JSON schema object.", 'response_format.json_schema.schema');
    return { type: 'json_schema', schema: schema as Record<string, unknown> };
  }
  throw invalidRequest(`'response_format.type' must be "text", "json_object" or "json_schema", got "${format.type}".`, 'response_format.type');
}

type SamplingArgs = Pick<ChatCompletionRequest, 'temperature' | 'top_p' | 'top_k' | 'min_p' | 'repeat_penalty' | 'seed' | 'max_tokens' | 'stop' | 'presence_penalty' | 'frequency_penalty'> & {
  max_completion_tokens?: number | null;
};

/** OpenAI's sampling arguments in the engine's, over the routed profile's (the request's own values win). */
export function toSampling(body: SamplingArgs, base: Sampling = {}): ApiSampling {
  const out: ApiSampling = { ...base };
  const set = <K extends keyof ApiSampling>(key: K, value: ApiSampling[K] | null | undefined) => {
    if (value !== null && value !== undefined) out[key] = value;
  };
  set('temperature', body.temperature);
  set('topP', body.top_p);
  set('topK', body.top_k);
  set('minP', body.min_p);
  set('repeatPenalty', body.repeat_penalty);
  // OpenAI takes any integer seed; the engine's is 32 bits: the same seed still means the same sampling.
  set('seed', body.seed === null || body.seed === undefined ? undefined : Number(BigInt.asUintN(32, BigInt(body.seed))));
  set('maxTokens', body.max_completion_tokens ?? body.max_tokens);
  set('stop', body.stop === null || body.stop === undefined ? undefined : typeof body.stop === 'string' ? [body.stop] : body.stop);
  if (body.presence_penalty) out.presencePenalty = body.presence_penalty;
  if (body.frequency_penalty) out.frequencyPenalty = body.frequency_penalty;
  return out;
}
