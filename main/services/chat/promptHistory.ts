import type { Chat, Message, ModelRecord } from '../../contract/index.js';
import type { PromptTurn } from '../engine/engineOps.js';
import type { Store } from '../store/createStore.js';

/**
 * No tokenizer produces more text per token on average than this: a window of
 * this many characters per context token surely holds every message that can
 * fit, so the engine gets enough history to choose from and no more.
 */
const MAX_CHARS_PER_TOKEN = 8;
/** Messages cost at least this many tokens each with their template. */
const MIN_TOKENS_PER_MESSAGE = 2;
/** When the model's context size is not known yet (not loaded in this engine's life). */
const FALLBACK_WINDOW = 32_768;

/** The model's context window: as the engine loaded it, else as it will load it (the model's own, capped by the settings). */
export function contextWindow(store: Store, model: ModelRecord, knownWindow: number | null): number {
  return knownWindow ?? Math.min(model.contextLength || FALLBACK_WINDOW, store.getSettings().engine.contextSize ?? FALLBACK_WINDOW);
}

export interface PromptHistory {
  /** Oldest first. */
  history: PromptTurn[];
  /** Earlier messages not read at all. */
  olderOmitted: number;
}

/**
 * The newest earlier messages of a chat that could fit the model's context,
 * read newest first and lazily from the store: the cost of a turn does not
 * grow with the length of the chat. Failed and empty replies carry nothing the
 * model should build on and are skipped.
 */
export function promptHistory(store: Store, chat: Chat, answered: Message, model: ModelRecord, knownWindow: number | null): PromptHistory {
  const window = contextWindow(store, model, knownWindow);
  const maxChars = window * MAX_CHARS_PER_TOKEN;
  const maxMessages = Math.ceil(window / MIN_TOKENS_PER_MESSAGE);
  const newestFirst: PromptTurn[] = [];
  let chars = 0;
  let read = 0;
  for (const m of store.messagesBefore(chat.id, answered.id)) {
    read++;
    if (m.role === 'system' || (m.role === 'assistant' && (m.status === 'error' || m.content.length === 0))) continue;
    newestFirst.push({ id: m.id, role: m.role, content: m.content });
    chars += m.content.length;
    if (chars >= maxChars || newestFirst.length >= maxMessages) break;
  }
  // Everything before the answered message, less what was read (the chat's count includes the answered message and its reply).
  const earlier = Math.max(0, chat.messageCount - 2);
  return { history: newestFirst.reverse(), olderOmitted: Math.max(0, earlier - read) };
}
