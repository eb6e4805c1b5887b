import crypto from 'node:crypto';
import type { Sampling } from '../../contract/index.js';
import type { PromptTurn } from '../engine/engineOps.js';
import { invalidRequest } from './ApiError.js';
import type { ChatCompletionRequest, ChatMessage, CompletionRequest } from './apiSchemas.js';

export interface ApiPrompt {
  /** The request's system and developer messages, joined; null when it has none. */
  system: string | null;
  history: PromptTurn[];
  message: PromptTurn;
}

/**
 * Ids key the engine's token-count cache, so they come from the content: the
 * same message in the next request of a conversation is not tokenized again,
 * and two different messages never share a count.
 */
function turn(role: 'user' | 'assistant', content: string): PromptTurn {
  const id = `api-${crypto.createHash('sha256').update(role).update('\0').update(content).digest('hex').slice(0, 24)}`;
  return { id, role, content };
}

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

/** A chat request's messages as the engine takes them: one system text, earlier turns, and the user message to answer. */
export function chatPrompt(body: Pick<ChatCompletionRequest, 'messages'>): ApiPrompt {
  const system: string[] = [];
  const turns: PromptTurn[] = [];
  body.messages.forEach((m, i) => {
    if (m.role === 'tool' || m.tool_calls?.length) {
      throw invalidRequest(`'messages[${i}]' carries a tool call or result, and tool calls are not available in this build.`, `messages[${i}]`, 'unsupported_parameter');
    }
    const text = textOf(m, i);
    if (m.role === 'system' || m.role === 'developer') system.push(text);
    else turns.push(turn(m.role, text));
  });
  const message = turns.pop();
  if (!message || message.role !== 'user') {
    throw invalidRequest("The last message must be the user's (role 'user'): Hearth answers it. Continuing an assistant message is not supported.", `messages[${body.messages.length - 1}].role`);
  }
  return { system: system.length ? system.join('\n\n') : null, history: turns, message };
}

/** A text completion's prompt: sent as one user message through the model's chat template (the engine has no raw-text mode). */
export function completionPrompt(body: Pick<CompletionRequest, 'prompt'>): ApiPrompt {
  const prompts = typeof body.prompt === 'string' ? [body.prompt] : body.prompt;
  if (prompts.length !== 1) throw invalidRequest('Only one prompt per request is supported: send several requests instead.', 'prompt', 'unsupported_parameter');
  return { system: null, history: [], message: turn('user', prompts[0]!) };
}

type SamplingArgs = Pick<ChatCompletionRequest, 'temperature' | 'top_p' | 'top_k' | 'min_p' | 'repeat_penalty' | 'seed' | 'max_tokens' | 'stop' | 'presence_penalty' | 'frequency_penalty'> & {
  max_completion_tokens?: number | null;
};

/** OpenAI's sampling arguments in Hearth's Sampling, over the routed profile's (the request's own values win). */
export function toSampling(body: SamplingArgs, base: Sampling = {}): Sampling {
  const out: Sampling = { ...base };
  const set = <K extends keyof Sampling>(key: K, value: Sampling[K] | null | undefined) => {
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
