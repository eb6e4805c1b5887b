import type { ChatHistoryItem, ChatWrapper, LlamaModel, LlamaText, Token } from 'node-llama-cpp';
import { HearthError, type ContextUse } from '../../contract/index.js';
import type { GenerateArgs, PromptTurn } from './engineOps.js';
import { shapePromptEnd } from './shapePromptEnd.js';
import { thinkingWrapper } from './thinkingWrapper.js';
import { thoughtProfile } from './thoughtMarkers.js';

export interface FitTarget {
  modelId: string;
  model: LlamaModel;
  chatWrapper: ChatWrapper;
  contextSize: number;
  /** Token counts of message texts, by message id and length; kept with the loaded model. */
  tokenCounts: TokenCounts;
}

export interface FittedPrompt {
  tokens: Token[];
  stopTriggers: { text: string[]; tokens: Token[][] };
  context: ContextUse;
  /** The prompt ends inside a thought (R1's templates, thinking switched on): the reply starts thinking. */
  thoughtOpen: boolean;
}

/** A bounded cache of message token counts: a long chat's history is tokenized once per model, not once per turn. */
export class TokenCounts {
  private readonly counts = new Map<string, number>();
  /** Template tokens one message adds around its text, measured once per model. */
  overheadPerMessage: number | null = null;

  constructor(private readonly limit = 50_000) {}

  of(model: LlamaModel, turn: PromptTurn): number {
    const key = `${turn.id}:${turn.content.length}`;
    let count = this.counts.get(key);
    if (count === undefined) {
      count = model.tokenize(turn.content).length;
      if (this.counts.size >= this.limit) this.counts.delete(this.counts.keys().next().value!);
      this.counts.set(key, count);
    }
    return count;
  }
}

/**
 * Renders the prompt with as many of the newest earlier messages as fit in
 * `budget` tokens, never dropping the system prompt or the message answered.
 * Linear in what it looks at: each earlier message costs its cached token
 * count plus the template's per-message overhead, so the window is chosen in
 * one walk from the newest message back, then rendered and tokenized once
 * (again only if the estimate was short, dropping the oldest exchange).
 */
export function fitPrompt(target: FitTarget, args: Pick<GenerateArgs, 'system' | 'history' | 'olderOmitted' | 'message' | 'thinking'>, budget: number, reserved: number): FittedPrompt {
  const { model } = target;
  const counts = target.tokenCounts;
  const overhead = (counts.overheadPerMessage ??= measureOverhead(target));
  const mode = args.thinking?.mode ?? 'auto';
  const base = render(target, args.system, [], args.message, mode);
  if (base.tokens.length > budget) {
    throw new HearthError(
      'PROMPT_TOO_LONG',
      `The message is too long for ${target.modelId}: it needs ${base.tokens.length} tokens and the context holds ${target.contextSize} (with ${reserved} kept for the reply). Shorten it, or raise the context size in Settings.`,
    );
  }
  let room = budget - base.tokens.length;
  let start = args.history.length;
  while (start > 0) {
    const cost = counts.of(model, args.history[start - 1]!) + overhead;
    if (cost > room) break;
    room -= cost;
    start--;
  }
  start = alignToUser(args.history, start);
  let rendered = start < args.history.length ? render(target, args.system, args.history.slice(start), args.message, mode) : base;
  // The estimate can be short by a few tokens (templates differ per message): drop the oldest exchange until it fits.
  while (rendered.tokens.length > budget && start < args.history.length) {
    start = alignToUser(args.history, start + 1);
    rendered = render(target, args.system, args.history.slice(start), args.message, mode);
  }
  const systemTokens = args.system ? model.tokenize(args.system).length + overhead : 0;
  const newMessageTokens = counts.of(model, args.message) + overhead;
  const included = args.history.length - start;
  return {
    tokens: rendered.tokens,
    stopTriggers: rendered.stopTriggers,
    thoughtOpen: rendered.thoughtOpen,
    context: {
      windowTokens: target.contextSize,
      systemTokens,
      newMessageTokens,
      historyTokens: Math.max(0, rendered.tokens.length - systemTokens - newMessageTokens),
      reservedTokens: reserved,
      includedMessages: included,
      leftOutMessages: args.olderOmitted + start,
      oldestIncludedId: args.olderOmitted + start > 0 ? (args.history[start]?.id ?? args.message.id) : null,
    },
  };
}

/** The window starts at a user message, so the history still alternates user / assistant. */
function alignToUser(history: readonly PromptTurn[], start: number): number {
  let i = start;
  while (i < history.length && history[i]!.role !== 'user') i++;
  return i;
}

function render(
  target: FitTarget,
  system: string | null,
  history: readonly PromptTurn[],
  message: PromptTurn,
  mode: 'auto' | 'on' | 'off' | null = null,
): Pick<FittedPrompt, 'tokens' | 'stopTriggers' | 'thoughtOpen'> {
  const items: ChatHistoryItem[] = [];
  if (system) items.push({ type: 'system', text: system });
  for (const turn of history) items.push(toHistoryItem(turn));
  items.push(toHistoryItem(message));
  items.push({ type: 'model', response: [] });
  const wrapper = mode === null ? target.chatWrapper : thinkingWrapper(target.model, target.chatWrapper, mode);
  const state = wrapper.generateContextState({ chatHistory: items });
  const tokens = state.contextText.tokenize(target.model.tokenizer);
  const stopTriggers = splitTriggers(state.stopGenerationTriggers, target.model);
  // Measuring overhead (no mode) needs no thinking: both of its renders would end alike.
  if (mode === null) return { tokens, stopTriggers, thoughtOpen: false };
  return { ...shapePromptEnd(target.model, thoughtProfile(target.model, target.chatWrapper), mode, tokens), stopTriggers };
}

/** What one more exchange adds beyond its text: rendered with and without it, once per model. */
function measureOverhead(target: FitTarget): number {
  const message: PromptTurn = { id: 'm', role: 'user', content: 'hi' };
  const without = render(target, null, [], message).tokens.length;
  const exchange: PromptTurn[] = [
    { id: 'a', role: 'user', content: 'hi' },
    { id: 'b', role: 'assistant', content: 'hi' },
  ];
  const withExchange = render(target, null, exchange, message).tokens.length;
  const text = 2 * target.model.tokenize('hi').length;
  return Math.max(1, Math.ceil((withExchange - without - text) / 2));
}

function toHistoryItem(turn: PromptTurn): ChatHistoryItem {
  if (turn.role === 'assistant') return { type: 'model', response: [turn.content] };
  return { type: 'user', text: turn.content };
}

/** Plain-text triggers are matched on the text; triggers with special tokens on the token stream. */
function splitTriggers(triggers: readonly LlamaText[], model: LlamaModel): FittedPrompt['stopTriggers'] {
  const text: string[] = [];
  const tokens: Token[][] = [];
  for (const trigger of triggers) {
    if (trigger.values.every((v) => typeof v === 'string')) {
      const s = trigger.values.join('');
      if (s) text.push(s);
    } else {
      const t = trigger.tokenize(model.tokenizer);
      // A single end-of-generation token already ends the evaluate loop.
      if (t.length > 1 || (t.length === 1 && !model.isEogToken(t[0]))) tokens.push(t);
    }
  }
  return { text, tokens };
}
