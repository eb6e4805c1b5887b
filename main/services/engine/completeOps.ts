import { z } from 'zod';
import { ReplyStats, Sampling } from '../../contract/index.js';

/**
 * The engine's `complete` operation: one OpenAI-style chat completion for the
 * local API. Stateless: the whole conversation comes with each call, nothing
 * is stored. Structured output (a JSON schema or any JSON object) goes through
 * node-llama-cpp's grammars, so the text always parses; tools go through the
 * model's chat wrapper's function calling, and a call the model makes is
 * returned to the caller, never executed. Names follow this codebase
 * (camelCase); the API layer maps OpenAI's snake_case fields onto them.
 */

/** A tool call as the model made it; `arguments` is a JSON text (OpenAI's shape). */
export const ApiToolCall = z.object({
  id: z.string().min(1).max(128),
  name: z.string().min(1).max(128),
  arguments: z.string(),
});
export type ApiToolCall = z.infer<typeof ApiToolCall>;

/** One message of the conversation, oldest first. A `tool` message answers an earlier assistant tool call by its id. */
export const ApiMessage = z.discriminatedUnion('role', [
  z.object({ role: z.literal('system'), content: z.string() }),
  z.object({ role: z.literal('user'), content: z.string() }),
  z.object({ role: z.literal('assistant'), content: z.string().nullable(), toolCalls: z.array(ApiToolCall).optional() }),
  z.object({ role: z.literal('tool'), toolCallId: z.string().min(1), content: z.string() }),
]);
export type ApiMessage = z.infer<typeof ApiMessage>;

/** A JSON schema, as sent by the client; node-llama-cpp's grammar compiler says what it cannot express (INVALID_PARAMS). */
export const JsonSchema = z.record(z.string(), z.unknown());

/** A function the model may call. Names as OpenAI allows them. */
export const ApiFunction = z.object({
  name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, 'function names use letters, digits, _ and -, 64 at most'),
  description: z.string().max(4000).optional(),
  /** JSON schema of the arguments object; absent: the function takes none. */
  parameters: JsonSchema.optional(),
});
export type ApiFunction = z.infer<typeof ApiFunction>;

export const ApiSampling = Sampling.extend({
  /** OpenAI's presence penalty, -2..2: subtracted once from every token already generated. */
  presencePenalty: z.number().min(-2).max(2).optional(),
  /** OpenAI's frequency penalty, -2..2: subtracted per occurrence of a token already generated. */
  frequencyPenalty: z.number().min(-2).max(2).optional(),
});
export type ApiSampling = z.infer<typeof ApiSampling>;

/** Constrains the text: json_schema to a schema, json_object to any JSON object. Not with `functions`. */
export const ApiGrammar = z.discriminatedUnion('type', [
  z.object({ type: z.literal('json_schema'), schema: JsonSchema }),
  z.object({ type: z.literal('json_object') }),
]);
export type ApiGrammar = z.infer<typeof ApiGrammar>;

/** 'auto': the model chooses; 'none': text only; 'required': some function; {name}: that function. Default 'auto'. */
export const ApiFunctionCall = z.union([z.enum(['auto', 'none', 'required']), z.object({ name: z.string().min(1) })]);
export type ApiFunctionCall = z.infer<typeof ApiFunctionCall>;

export const CompleteArgs = z.object({
  modelId: z.string().min(1),
  modelPath: z.string().min(1),
  messages: z.array(ApiMessage).min(1),
  sampling: ApiSampling,
  grammar: ApiGrammar.optional(),
  functions: z.array(ApiFunction).max(128).optional(),
  functionCall: ApiFunctionCall.optional(),
});
export type CompleteArgs = z.infer<typeof CompleteArgs>;

export const CompleteResult = z.object({
  /** The reply's text; empty when the model only called a function. */
  text: z.string(),
  /** A reasoning model's thinking, apart from the text (OpenAI-style servers call it reasoning_content); '' when it did not think. */
  thought: z.string(),
  /** At most one call: generation stops at the first call the model makes. */
  toolCalls: z.array(ApiToolCall),
  /** 'stop': end of turn or a stop string; 'length': maxTokens; 'tool_calls': the model called a function; 'aborted': the signal fired. */
  finishReason: z.enum(['stop', 'length', 'tool_calls', 'aborted']),
  stats: ReplyStats,
  /** The model's context window and what the prompt used of it, in tokens. */
  context: z.object({ windowTokens: z.number().int().nonnegative(), promptTokens: z.number().int().nonnegative() }),
});
export type CompleteResult = z.infer<typeof CompleteResult>;

/** What a complete call streams before its result. */
export type CompleteEvent =
  | { type: 'loading'; progress: number }
  | { type: 'delta'; text: string }
  /** A piece of the model's thinking (the chat wrapper's thought segment), never part of the text. */
  | { type: 'thought'; text: string }
  /** A piece of a tool call: the first piece of each call carries its id and name, then argument text arrives in order. */
  | { type: 'toolCall'; index: number; id: string; name: string; argumentsDelta: string };
