import { z } from 'zod';
import { invalidRequest, type ApiError } from './ApiError.js';

/**
 * The request bodies the API accepts, close to OpenAI's. Objects are strict:
 * an argument Hearth does not know is a 400 that names it, and one it knows
 * but cannot honour (n > 1, logprobs, audio...) is a 400 that says so
 * (unsupportedArguments): nothing a client asks for is silently ignored.
 */

const TextPart = z.strictObject({ type: z.literal('text'), text: z.string() });
/** Image, audio and file parts are refused by name (see unsupportedArguments); text parts are joined. */
const ContentPart = z.union([TextPart, z.looseObject({ type: z.string() })]);
const Content = z.union([z.string(), z.array(ContentPart)]);

export const ChatMessage = z.strictObject({
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool']),
  content: Content.nullable().optional(),
  /** A participant's name: accepted and not used (it changes nothing in Hearth's prompts). */
  name: z.string().max(256).optional(),
  tool_calls: z.array(z.unknown()).optional(),
  tool_call_id: z.string().optional(),
  refusal: z.string().nullable().optional(),
});
export type ChatMessage = z.infer<typeof ChatMessage>;

const Stop = z.union([z.string().min(1).max(200), z.array(z.string().min(1).max(200)).max(16)]).nullable().optional();

/** Sampling arguments shared by chat and text completions. */
const sampling = {
  model: z.string().min(1).max(200),
  stream: z.boolean().nullable().optional(),
  stream_options: z.strictObject({ include_usage: z.boolean().optional(), include_obfuscation: z.boolean().optional() }).nullable().optional(),
  temperature: z.number().min(0).max(2).nullable().optional(),
  top_p: z.number().min(0).max(1).nullable().optional(),
  /** Not OpenAI's, but llama.cpp-style servers take them and clients send them. */
  top_k: z.number().int().min(0).max(10_000).nullable().optional(),
  min_p: z.number().min(0).max(1).nullable().optional(),
  repeat_penalty: z.number().min(0.5).max(3).nullable().optional(),
  seed: z.number().int().nullable().optional(),
  max_tokens: z.number().int().min(1).max(1_000_000).nullable().optional(),
  stop: Stop,
  presence_penalty: z.number().min(-2).max(2).nullable().optional(),
  frequency_penalty: z.number().min(-2).max(2).nullable().optional(),
  n: z.number().int().min(1).nullable().optional(),
  logprobs: z.unknown().optional(),
  top_logprobs: z.unknown().optional(),
  logit_bias: z.record(z.string(), z.number()).nullable().optional(),
  /** An end-user id for the caller's own bookkeeping: accepted, not used. */
  user: z.string().max(256).optional(),
};

export const ChatCompletionRequest = z.strictObject({
  ...sampling,
  messages: z.array(ChatMessage).min(1).max(10_000),
  max_completion_tokens: z.number().int().min(1).max(1_000_000).nullable().optional(),
  response_format: z.looseObject({ type: z.string() }).nullable().optional(),
  tools: z.array(z.unknown()).nullable().optional(),
  tool_choice: z.unknown().optional(),
  parallel_tool_calls: z.boolean().nullable().optional(),
  functions: z.unknown().optional(),
  function_call: z.unknown().optional(),
  audio: z.unknown().optional(),
  modalities: z.array(z.string()).nullable().optional(),
  prediction: z.unknown().optional(),
  reasoning_effort: z.unknown().optional(),
  service_tier: z.unknown().optional(),
  store: z.boolean().nullable().optional(),
  metadata: z.unknown().optional(),
  web_search_options: z.unknown().optional(),
  verbosity: z.unknown().optional(),
});
export type ChatCompletionRequest = z.infer<typeof ChatCompletionRequest>;

export const CompletionRequest = z.strictObject({
  ...sampling,
  prompt: z.union([z.string(), z.array(z.string()).min(1)]),
  suffix: z.string().nullable().optional(),
  echo: z.boolean().nullable().optional(),
  best_of: z.number().int().min(1).nullable().optional(),
});
export type CompletionRequest = z.infer<typeof CompletionRequest>;

export const EmbeddingRequest = z.strictObject({
  model: z.string().min(1).max(200),
  input: z.union([z.string(), z.array(z.string()).min(1).max(2048), z.array(z.unknown())]),
  encoding_format: z.enum(['float', 'base64']).optional(),
  dimensions: z.number().int().optional(),
  user: z.string().max(256).optional(),
});
export type EmbeddingRequest = z.infer<typeof EmbeddingRequest>;

/** Parses a body, turning the first problem into OpenAI's 400 naming the argument. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalidRequest('The request body must be a JSON object.');
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    const where = issue.path.length ? `${pathOf(issue.path)}.` : '';
    const key = `${where}${issue.keys[0]}`;
    throw invalidRequest(`Unrecognized request argument supplied: ${key}. Hearth's API does not support it.`, key, 'unsupported_parameter');
  }
  const param = pathOf(issue.path);
  if (issue.code === 'invalid_type' && issue.input === undefined) throw invalidRequest(`Missing required parameter: '${param}'.`, param, 'missing_required_parameter');
  throw invalidRequest(`Invalid value for '${param}': ${issue.message}.`, param, 'invalid_value');
}

function pathOf(path: ReadonlyArray<PropertyKey>): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
}

const isSet = (v: unknown) => v !== undefined && v !== null && v !== false;

/** The first argument Hearth knows but cannot honour, as a 400; null when there is none. */
export function unsupportedArguments(body: Partial<ChatCompletionRequest & CompletionRequest>, features: { tools: boolean; responseFormat: boolean }): ApiError | null {
  const refuse = (param: string, why: string) => invalidRequest(`'${param}' is not supported by Hearth's API: ${why}`, param, 'unsupported_parameter');
  if (isSet(body.n) && body.n !== 1) return refuse('n', 'only one choice per request (n = 1). Send several requests instead.');
  if (isSet(body.best_of) && body.best_of !== 1) return refuse('best_of', 'only best_of = 1.');
  if (isSet(body.logprobs) && body.logprobs !== 0) return refuse('logprobs', 'log probabilities are not returned.');
  if (isSet(body.top_logprobs)) return refuse('top_logprobs', 'log probabilities are not returned.');
  if (body.logit_bias && Object.keys(body.logit_bias).length > 0) return refuse('logit_bias', 'token biases are not applied.');
  if (isSet(body.echo)) return refuse('echo', 'the prompt is not echoed back.');
  if (isSet(body.suffix)) return refuse('suffix', 'fill-in-the-middle is not available.');
  if (isSet(body.audio)) return refuse('audio', 'Hearth generates text only.');
  if (body.modalities && body.modalities.some((m) => m !== 'text')) return refuse('modalities', 'Hearth generates text only.');
  if (isSet(body.prediction)) return refuse('prediction', 'predicted outputs are not used.');
  if (isSet(body.reasoning_effort)) return refuse('reasoning_effort', 'thinking is switched per chat in Hearth, not per request.');
  if (isSet(body.service_tier)) return refuse('service_tier', 'there is one tier: this computer.');
  if (body.store === true) return refuse('store', 'requests are stored as chats only through the "store API calls as chats" setting.');
  if (isSet(body.metadata)) return refuse('metadata', 'stored completions are not kept.');
  if (isSet(body.web_search_options)) return refuse('web_search_options', 'Hearth does not search the web.');
  if (isSet(body.verbosity)) return refuse('verbosity', 'not available for local models.');
  if (isSet(body.functions) || isSet(body.function_call)) return refuse(isSet(body.functions) ? 'functions' : 'function_call', "the deprecated functions API is not supported; use 'tools'.");
  if (!features.tools) {
    if (body.tools && body.tools.length > 0) return refuse('tools', 'tool calls are not available in this build.');
    if (isSet(body.tool_choice) && body.tool_choice !== 'none' && body.tool_choice !== 'auto') return refuse('tool_choice', 'tool calls are not available in this build.');
  }
  if (!features.responseFormat && body.response_format && body.response_format.type !== 'text') {
    return refuse('response_format', 'structured output is not available in this build.');
  }
  return null;
}
