import type { Backend, ReplyStats } from '../../contract/index.js';

export interface ReplyTiming {
  promptTokens: number;
  completionTokens: number;
  /** Of completionTokens, the thought's (omitted from the stats when 0). */
  thoughtTokens?: number;
  /** performance.now() of the first and last sampled token; 0 when none was. */
  firstTokenAt: number;
  lastTokenAt: number;
  /** When the request reached the engine; time to first token counts from here. */
  startedAt: number;
  backend: Backend;
  modelId: string;
  threads: number;
}

/** A reply's stats, the same for a chat reply and an API completion, so the two can be compared. */
export function replyStats(t: ReplyTiming): ReplyStats {
  const decodeMs = t.lastTokenAt - t.firstTokenAt;
  return {
    promptTokens: t.promptTokens,
    completionTokens: t.completionTokens,
    ...(t.thoughtTokens ? { thoughtTokens: t.thoughtTokens } : {}),
    timeToFirstTokenMs: t.completionTokens > 0 && t.firstTokenAt > 0 ? round(t.firstTokenAt - t.startedAt) : 0,
    // Rate over the decode phase: (n - 1) intervals between n tokens.
    tokensPerSecond: t.completionTokens > 1 && decodeMs > 0 ? round(((t.completionTokens - 1) * 1000) / decodeMs) : 0,
    totalMs: round(performance.now() - t.startedAt),
    backend: t.backend,
    modelId: t.modelId,
    threads: t.threads,
  };
}

export function round(value: number): number {
  return Math.round(value * 100) / 100;
}
