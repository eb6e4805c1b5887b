import type { LlamaContextSequence, Token } from 'node-llama-cpp';
import type { Backend, ContextUse } from '../../contract/index.js';
import type { GenerateArgs, GenerateResult } from './engineOps.js';
import { fitPrompt, type FitTarget } from './fitPrompt.js';
import { replyStats, round } from './replyStats.js';
import { SegmentStream, type SegmentMarkers } from './segmentStream.js';
import { TextStream, type Detokenizer } from './textStream.js';
import { thoughtProfile } from './thoughtMarkers.js';

export interface GenerationTarget extends FitTarget {
  sequence: LlamaContextSequence;
  /** Run each token's text work while the next token decodes (see overlapsTextWork). Default true. */
  overlapTextWork?: boolean;
}

export interface GenerateOptions {
  signal: AbortSignal;
  /** segment 'thought': the model's thinking, not its answer. */
  onText(text: string, segment?: 'thought'): void;
  /** The last text has been passed to onText: callers that buffer text flush now, before the cleanup that follows. */
  onSettled?(): void;
  /** The prompt is rendered: what it used of the context, before the first token. */
  onContext?(context: ContextUse): void;
  backend: Backend;
  threads: number;
  /** When the request reached the engine; time to first token counts from here. */
  startedAt: number;
}

/** Defaults close to llama.cpp's and LM Studio's, so a model behaves as people expect. */
export const DEFAULT_SAMPLING = {
  temperature: 0.8,
  topK: 40,
  topP: 0.95,
  minP: 0.05,
  repeatPenalty: 1.1,
} as const;

const REPEAT_WINDOW = 64;
const NO_MARKERS: SegmentMarkers = { open: [], close: [] };

/**
 * Generates one reply on a loaded model with a plain evaluate loop: the chat
 * is rendered by the model's chat wrapper, the part of the prompt already in
 * the sequence's KV cache is reused, and tokens are sampled, detokenized and
 * checked for stop strings with no per-token work beyond that. A family that
 * thinks (thoughtMarkers.ts) has its text split into thought and answer as it
 * streams (segmentStream.ts); a thinking budget closes the thought by
 * evaluating the family's own closing text, and the answer follows.
 */
export async function generateReply(
  target: GenerationTarget,
  args: Pick<GenerateArgs, 'system' | 'history' | 'olderOmitted' | 'message' | 'sampling' | 'thinking'>,
  options: GenerateOptions,
): Promise<GenerateResult> {
  const { model, sequence } = target;
  const { sampling } = args;
  // Unset: up to one context's worth (the context shifts past that); a runaway reply still ends.
  const maxTokens = sampling.maxTokens ?? target.contextSize;
  const reserve = Math.min(maxTokens, Math.floor(target.contextSize / 2));
  const { tokens, stopTriggers, context, thoughtOpen } = fitPrompt(target, args, target.contextSize - reserve, reserve);
  options.onContext?.(context);

  const { firstDifferentIndex } = sequence.compareContextTokens(tokens);
  // At least one prompt token must be evaluated to get logits for the first reply token.
  const keep = Math.min(firstDifferentIndex, tokens.length - 1);
  if (keep < sequence.nextTokenIndex) await sequence.eraseContextTokenRanges([{ start: keep, end: sequence.nextTokenIndex }]);
  const toEvaluate = tokens.slice(keep);

  const tokenTriggers = stopTriggers.tokens;
  const profile = thoughtProfile(model, target.chatWrapper);
  const userStops = sampling.stop ?? [];
  const special = profile?.specialText;
  const detokenize: Detokenizer =
    special && special.size > 0
      ? (t, last) => (t.length === 1 ? special.get(t[0] as Token) : undefined) ?? model.detokenize(t as Token[], false, last as Token[])
      : (t, last) => model.detokenize(t as Token[], false, last as Token[]);
  // The template's end-of-turn strings end a reply anywhere; the user's stop strings only in the answer (see SegmentStream).
  const stream = new TextStream(detokenize, stopTriggers.text);
  const generated: Token[] = [];
  const penalty = sampling.repeatPenalty ?? DEFAULT_SAMPLING.repeatPenalty;
  let text = '';
  let thought = '';
  // Every reply goes through the segment stream; a family that does not think has no markers, and all of it is answer.
  const segments = new SegmentStream(
    profile?.markers ?? NO_MARKERS,
    (piece, segment) => {
      if (segment === 'thought') {
        thought += piece;
        options.onText(piece, 'thought');
      } else {
        text += piece;
        options.onText(piece);
      }
    },
    { startInThought: thoughtOpen, answerStops: userStops },
  );
  const budget = profile ? (args.thinking?.budget ?? null) : null;
  let closeTokens: Token[] | null = null;
  // Harmony's <|end|> closes a thought, yet llama.cpp may count it as the end of generation: the loop reads past it.
  const readPastEog = profile !== null && profile.eogMarkers.size > 0;
  let finishReason: GenerateResult['finishReason'] = 'eos';
  let firstTokenAt = 0;
  let lastTokenAt = 0;
  let thoughtTokens = 0;
  let firstThoughtAt = 0;
  let lastThoughtAt = 0;

  let settled = false;
  const settle = () => {
    if (settled) return;
    settled = true;
    if (finishReason !== 'stop') {
      const tail = stream.flush();
      if (tail) segments.push(tail);
    }
    segments.flush();
    options.onSettled?.();
  };

  if (options.signal.aborted) finishReason = 'aborted';
  else {
    const iterator = sequence.evaluate(toEvaluate, {
      temperature: sampling.temperature ?? DEFAULT_SAMPLING.temperature,
      topK: sampling.topK ?? DEFAULT_SAMPLING.topK,
      topP: sampling.topP ?? DEFAULT_SAMPLING.topP,
      minP: sampling.minP ?? DEFAULT_SAMPLING.minP,
      seed: sampling.seed ?? (Math.random() * 2 ** 31) >>> 0,
      repeatPenalty: penalty === 1 ? undefined : { punishTokens: () => generated.slice(-REPEAT_WINDOW), penalty, maxPunishTokens: REPEAT_WINDOW },
      ...(readPastEog ? { yieldEogToken: true } : {}),
    })[Symbol.asyncIterator]();
    // With a core to spare, the decode of token n+1 runs on a native thread
    // while this thread detokenizes token n and checks stop strings: the
    // per-token text work is taken off the critical path. The cheap decisions
    // (token triggers, abort, length, thinking budget) are taken before the
    // next decode starts, the budget on the segment the text before this token
    // left open; a stop string found in the text costs one decode too many,
    // whose token is dropped. When the decode holds every core, the text work
    // runs first.
    const overlap = target.overlapTextWork ?? true;
    let pending: Promise<IteratorResult<Token>> | null = iterator.next();
    try {
      while (pending) {
        const step: IteratorResult<Token> = await pending;
        pending = null;
        if (step.done) break;
        const token = step.value;
        if (readPastEog && !profile.eogMarkers.has(token) && model.isEogToken(token)) break;
        lastTokenAt = performance.now();
        if (generated.length === 0) firstTokenAt = lastTokenAt;
        generated.push(token);
        if (tokenTriggers.length > 0 && endsWithAny(generated, tokenTriggers)) {
          finishReason = 'stop';
          break;
        }
        let closeThought = false;
        if (segments.inThought) {
          thoughtTokens++;
          if (firstThoughtAt === 0) firstThoughtAt = lastTokenAt;
          lastThoughtAt = lastTokenAt;
          closeThought = budget !== null && thoughtTokens >= budget && !profile!.closeTokens.has(token);
        } else if (readPastEog && profile.eogMarkers.has(token) && text) {
          // A message of the answer ended: that is the end of the reply.
          break;
        }
        // A closed thought's text is evaluated right after this token, in place of sampling from it.
        const next = closeThought ? [token, ...(closeTokens ??= model.tokenize(profile!.closeText, true))] : undefined;
        const aborted = options.signal.aborted;
        const full = generated.length >= maxTokens;
        if (!aborted && !full && overlap) {
          pending = iterator.next(next);
          // Let node-llama-cpp's microtasks hand the decode to its native thread first.
          await afterMicrotasks();
        }
        const piece = stream.push(token);
        if (piece.text) segments.push(piece.text);
        if (piece.stopped || segments.hasStopped) {
          finishReason = 'stop';
          break;
        }
        if (closeThought) segments.closeThought();
        if (!aborted && !full && !overlap) pending = iterator.next(next);
        if (aborted) finishReason = 'aborted';
        else if (full) finishReason = 'length';
      }
      // The reply is complete: its last text goes out now, not after the generator's cleanup below.
      settle();
    } finally {
      // A decode still in flight (a stop string was found) finishes before the generator is closed.
      if (pending) await (pending as Promise<unknown>).catch(() => undefined);
      await iterator.return?.();
    }
  }
  settle();
  const completionTokens = generated.length;
  return {
    text,
    thought: thought ? { text: thought, durationMs: round(lastThoughtAt - firstThoughtAt), tokens: thoughtTokens } : null,
    finishReason,
    context,
    stats: replyStats({ promptTokens: tokens.length, completionTokens, thoughtTokens, firstTokenAt, lastTokenAt, startedAt: options.startedAt, backend: options.backend, modelId: target.modelId, threads: options.threads }),
  };
}

function endsWithAny(generated: readonly Token[], triggers: readonly Token[][]): boolean {
  outer: for (const trigger of triggers) {
    if (trigger.length > generated.length) continue;
    const offset = generated.length - trigger.length;
    for (let i = 0; i < trigger.length; i++) if (generated[offset + i] !== trigger[i]) continue outer;
    return true;
  }
  return false;
}

/** Resolves once every queued microtask has run (setImmediate runs after the microtask queue drains). */
function afterMicrotasks(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
