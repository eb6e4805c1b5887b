import { z } from 'zod';
import { Backend, ContextUse, EngineSettings, EngineStatus, FinishReason, ModelFit, ReplyStats, Sampling, Thought } from '../../contract/index.js';
import { CompleteArgs, CompleteResult } from './completeOps.js';

/**
 * The engine process's operations, declared once like the app's contract:
 * the engine validates every request's params with these schemas before a
 * handler sees them, and the app's engine client validates every result. A
 * call's streamed events (deltas, load progress) are typed here too; they are
 * the hot path, so they are not parsed per token.
 */

export const ModelRef = z.object({ modelId: z.string().min(1), modelPath: z.string().min(1) });
export type ModelRef = z.infer<typeof ModelRef>;

/** One message of the conversation as the engine sees it; ids key the token-count cache. */
export const PromptTurn = z.object({ id: z.string(), role: z.enum(['user', 'assistant']), content: z.string() });
export type PromptTurn = z.infer<typeof PromptTurn>;

export const GenerateArgs = ModelRef.extend({
  system: z.string().nullable(),
  /** Earlier messages, oldest first: the newest of the chat, as many as could fit. */
  history: z.array(PromptTurn),
  /** Earlier messages not sent at all (older than `history`): they count as left out. */
  olderOmitted: z.number().int().nonnegative(),
  /** The message being answered. */
  message: PromptTurn,
  sampling: Sampling,
  /**
   * Reasoning models: 'auto' keeps the family's default, 'on'/'off' switch a hybrid model's thinking;
   * budget caps thought tokens, after which the thought is closed and the answer still produced. Absent: auto, no cap.
   */
  thinking: z.object({ mode: z.enum(['auto', 'on', 'off']), budget: z.number().int().positive().nullable() }).optional(),
});
export type GenerateArgs = z.infer<typeof GenerateArgs>;

export const GenerateResult = z.object({
  /** The answer, without the thinking. */
  text: z.string(),
  /** The model's thinking, apart; null when it did not think. */
  thought: Thought.nullable().optional(),
  finishReason: FinishReason.exclude(['error', 'crashed']),
  stats: ReplyStats,
  context: ContextUse,
});
export type GenerateResult = z.infer<typeof GenerateResult>;

export const LoadResult = z.object({ modelId: z.string(), contextSize: z.number().int(), gpuLayers: z.number().int() });
export type LoadResult = z.infer<typeof LoadResult>;

export const CoreStatus = EngineStatus.omit({ started: true });
export type CoreStatus = z.infer<typeof CoreStatus>;

/** What a generate call streams before its result. */
export type GenerateEvent =
  | { type: 'loading'; progress: number }
  | { type: 'generating'; context: ContextUse }
  /** segment 'thought': thinking, not answer. */
  | { type: 'delta'; text: string; segment?: 'thought' };

const none = z.object({});

/** The app's engine settings, checked as the engine needs them (fractions allowed: tests shorten idle times and budgets). */
const EngineTuning = z.object({
  threads: EngineSettings.shape.threads,
  gpuLayers: EngineSettings.shape.gpuLayers,
  contextSize: EngineSettings.shape.contextSize,
  idleUnloadMinutes: z.number().min(0),
  memoryBudgetMb: z.number().positive().nullable(),
  /**
   * Sequences of each model's context kept for API completions, which then run
   * that many at once beside the chat's own sequence (the app passes
   * Settings.api.parallel). 1 or absent: none apart, completions take turns on
   * the chat's sequence. Each costs one more context's KV cache.
   */
  parallelSequences: z.number().int().min(1).max(16).optional(),
});
export type EngineTuning = z.infer<typeof EngineTuning>;

export const engineOps = {
  status: { params: none, result: CoreStatus },
  load: { params: ModelRef, result: LoadResult },
  unload: { params: z.object({ modelId: z.string() }), result: z.boolean() },
  generate: { params: GenerateArgs, result: GenerateResult },
  /** An OpenAI-style chat completion for the local API (see completeOps.ts); streams CompleteEvent. */
  complete: { params: CompleteArgs, result: CompleteResult },
  estimate: { params: z.object({ modelPath: z.string() }), result: ModelFit },
  configure: { params: EngineTuning, result: z.literal(true) },
  /** One embedding vector per text, from an embedding model (loaded apart from the chat models). */
  embed: { params: ModelRef.extend({ texts: z.array(z.string()) }), result: z.array(z.array(z.number())) },
  /** One relevance score in [0, 1] per text for the query, from a reranker (loaded apart like embedding models). */
  rank: { params: ModelRef.extend({ query: z.string(), texts: z.array(z.string()).max(200) }), result: z.array(z.number()) },
  /** Unloads everything and exits the engine process. */
  shutdown: { params: none, result: z.literal(true) },
} as const satisfies Record<string, { params: z.ZodType; result: z.ZodType }>;

export type EngineOps = typeof engineOps;
export type EngineOp = keyof EngineOps;
export type OpParams<O extends EngineOp> = z.infer<EngineOps[O]['params']>;
export type OpResult<O extends EngineOp> = z.infer<EngineOps[O]['result']>;

/** Messages the engine sends on its own, besides replies and streams to calls. */
export type EngineNotice =
  | { notice: 'ready'; pid: number }
  | { notice: 'log'; level: 'debug' | 'info' | 'warn' | 'error'; message: string }
  /** Pushed after every load and unload (idle unloads too): the app never polls for it. */
  | { notice: 'status'; status: CoreStatus };

export function isEngineNotice(value: unknown): value is EngineNotice {
  return typeof value === 'object' && value !== null && typeof (value as { notice?: unknown }).notice === 'string';
}

export const BACKEND_BY_GPU: Record<string, Backend> = { metal: 'metal', cuda: 'cuda', vulkan: 'vulkan' };
