import { HearthError, toErrorPayload, type FinishReason, type Message, type ModelRecord, type ReplyStats, type RoutingDecision, type Sampling } from '../../contract/index.js';
import type { Engine } from '../engine/createEngine.js';
import type { ChatTurn } from '../engine/protocol.js';
import type { EventBus } from '../events/eventBus.js';
import type { Logger } from '../log/createLogger.js';
import type { ModelRegistry } from '../library/registry/createModelRegistry.js';
import type { RoutingService } from '../routing/createRoutingService.js';
import type { Store } from '../store/createStore.js';
import { LOAD_FAILURES, planReply, type PlanInput, type ReplyPlan } from './planReply.js';
import { titleFromText } from './titleFromText.js';

export interface SendInput {
  chatId?: string;
  text: string;
  modelId?: string;
  systemPrompt?: string;
  sampling?: Sampling;
}

export interface SendResult {
  chatId: string;
  userMessageId: string;
  messageId: string;
  /** How the reply was routed; null without routing. */
  routing: RoutingDecision | null;
}

export interface ChatServiceDeps {
  store: Store;
  engine: Pick<Engine, 'generate'>;
  models: Pick<ModelRegistry, 'get' | 'list'>;
  bus: EventBus;
  logger: Logger;
  /** Domain routing: each reply gets a profile's prompt, sampling and model. Without it, replies use the chat's settings. */
  routing?: RoutingService;
  /**
   * How often a streaming reply is written to the database. A crash loses at
   * most this much of a reply; writing per token would cost a transaction each.
   */
  persistIntervalMs?: number;
}

export interface ChatService {
  /** Routes lexically (synchronous, under 2 ms). */
  send(input: SendInput): SendResult;
  /** The same, routed with embeddings too when an embedding model is installed. */
  sendAsync(input: SendInput): Promise<SendResult>;
  stop(messageId: string): boolean;
  regenerate(chatId: string, options?: { modelId?: string }): SendResult;
  edit(messageId: string, text: string): SendResult;
  /** Regenerates an assistant reply with another profile (dropping what followed it), as an override. */
  reroute(messageId: string, profileId: string): SendResult;
  /** Resolves with the stored reply once it has finished, however it finished. */
  whenDone(messageId: string): Promise<Message>;
  isStreaming(chatId: string): boolean;
  /** Stops the chat's reply, if any, and waits until it is stored (before deleting the chat, say). */
  stopChat(chatId: string): Promise<void>;
  /** Stops every reply and waits until each is stored. */
  dispose(): Promise<void>;
}

interface Active {
  chatId: string;
  controller: AbortController;
  done: Promise<Message>;
}

const NEW_CHAT_TITLE = 'New chat';

export function createChatService(deps: ChatServiceDeps): ChatService {
  const { store, engine, bus, logger } = deps;
  const persistIntervalMs = deps.persistIntervalMs ?? 250;
  const active = new Map<string, Active>(); // by assistant message id
  let disposed = false;

  const plan = (input: PlanInput): ReplyPlan => planReply({ store, models: deps.models, routing: deps.routing }, input);

  function assertIdle(chatId: string): void {
    if (disposed) throw new HearthError('ENGINE_UNAVAILABLE', 'Hearth is shutting down.');
    for (const a of active.values()) {
      if (a.chatId === chatId) throw new HearthError('BUSY', 'A reply is still being written in this chat. Stop it first, or wait for it to finish.');
    }
  }

  /** The conversation up to and including `untilMessageId`, as the engine sees it. */
  function turnsFor(chatId: string, systemPrompt: string | null, untilMessageId: string): ChatTurn[] {
    const turns: ChatTurn[] = [];
    if (systemPrompt) turns.push({ role: 'system', content: systemPrompt });
    for (const m of store.listMessages(chatId)) {
      // Failed or empty replies carry nothing the model should build on.
      if (m.role === 'assistant' && (m.status === 'error' || m.content.length === 0)) continue;
      turns.push({ role: m.role, content: m.content });
      if (m.id === untilMessageId) break;
    }
    return turns;
  }

  function startReply(chatId: string, userMessage: Message, p: ReplyPlan): SendResult {
    const routing = p.routed?.decision ?? null;
    const reply = store.addMessage({ chatId, role: 'assistant', content: '', status: 'streaming', modelId: p.model.id, domain: routing?.domain ?? null, routing });
    const messages = turnsFor(chatId, p.systemPrompt, userMessage.id);
    const controller = new AbortController();
    const done = run(chatId, reply.id, p, messages, controller.signal);
    active.set(reply.id, { chatId, controller, done });
    void done.finally(() => active.delete(reply.id));
    return { chatId, userMessageId: userMessage.id, messageId: reply.id, routing };
  }

  /** Generates with the plan's model; when it cannot be loaded and nothing was written yet, the next candidate answers. */
  async function run(chatId: string, messageId: string, p: ReplyPlan, initial: ChatTurn[], signal: AbortSignal): Promise<Message> {
    let model = p.model;
    let messages = initial;
    const queue = [...p.fallbacks];
    const failed: Array<{ modelId: string; reason: string }> = [];
    let routing = p.routed?.decision ?? null;
    let shortened = false;
    for (;;) {
      const outcome = await generateOnce(chatId, messageId, model, messages, p.sampling, signal);
      if (outcome.tooLong && p.routed && !shortened && messages[0]?.role === 'system' && p.plainSystemPrompt !== messages[0].content) {
        // The profile's instructions are what overflow a small model's context: answer with the chat's usual ones.
        shortened = true;
        messages = [...(p.plainSystemPrompt ? [{ role: 'system' as const, content: p.plainSystemPrompt }] : []), ...messages.slice(1)];
        routing = {
          ...routing!,
          systemPrompt: p.plainSystemPrompt,
          fallback: [routing!.fallback, `${p.routed.profile.name}'s instructions do not fit ${model.id}'s context, so it answered with the chat's usual instructions.`].filter(Boolean).join(' '),
        };
        store.updateMessage(messageId, { routing });
        continue;
      }
      const next = queue.shift();
      if (!outcome.loadFailure || !next || signal.aborted || !p.routed || !deps.routing) return finish(chatId, messageId, outcome, routing);
      failed.push({ modelId: model.id, reason: outcome.error!.message });
      logger.warn(`reply ${messageId}: ${model.id} failed to load (${outcome.error!.code}); trying ${next.modelId}`);
      try {
        model = deps.models.get(next.modelId);
      } catch {
        continue;
      }
      routing = { ...deps.routing.withFallback(p.routed, next, failed), systemPrompt: routing?.systemPrompt ?? null };
      store.updateMessage(messageId, { modelId: model.id, routing });
    }
  }

  interface Outcome {
    content: string;
    finishReason: FinishReason;
    stats: ReplyStats | null;
    error: { code: string; message: string } | null;
    /** The model could not be loaded and nothing was generated: another model may answer instead. */
    loadFailure: boolean;
    /** The prompt did not fit the model's context. */
    tooLong: boolean;
  }

  async function generateOnce(chatId: string, messageId: string, model: ModelRecord, messages: ChatTurn[], sampling: Sampling, signal: AbortSignal): Promise<Outcome> {
    let content = '';
    let seq = 0;
    let lastPersist = performance.now();
    let finishReason: FinishReason;
    let stats: ReplyStats | null = null;
    let error: { code: string; message: string } | null = null;
    // Text that arrived inside an interval is saved when the interval ends, even if no delta follows
    // (a stall, a slow token): a crash then loses at most persistIntervalMs of what the user saw.
    let trailing: NodeJS.Timeout | null = null;
    const persist = () => {
      trailing = null;
      lastPersist = performance.now();
      store.saveDraft(messageId, content);
    };
    try {
      const result = await engine.generate(
        { modelId: model.id, modelPath: model.path, messages, sampling },
        {
          signal,
          // A reply that has to load its model first says so: the UI shows the load (a domain switch can cost seconds).
          onLoadProgress: (progress) => bus.emit('models.loadProgress', { modelId: model.id, progress }),
          onDelta: (text) => {
            content += text;
            bus.emit('chat.delta', { chatId, messageId, seq: seq++, text });
            const elapsed = performance.now() - lastPersist;
            if (elapsed >= persistIntervalMs) {
              if (trailing) clearTimeout(trailing);
              persist();
            } else {
              trailing ??= setTimeout(persist, persistIntervalMs - elapsed);
            }
          },
        },
      );
      finishReason = result.finishReason;
      stats = result.stats;
      content = result.text.length >= content.length ? result.text : content;
    } catch (caught) {
      error = toErrorPayload(caught);
      finishReason = error.code === 'ENGINE_CRASHED' ? 'crashed' : 'error';
      if (error.code === 'INTERNAL') logger.error(`reply ${messageId} failed: ${(caught as Error)?.stack ?? String(caught)}`);
      else logger.warn(`reply ${messageId} failed: ${error.code} ${error.message}`);
    } finally {
      if (trailing) clearTimeout(trailing);
    }
    return { content, finishReason, stats, error, loadFailure: error !== null && content === '' && LOAD_FAILURES.has(error.code), tooLong: error?.code === 'PROMPT_TOO_LONG' };
  }

  function finish(chatId: string, messageId: string, o: Outcome, routing: RoutingDecision | null): Message {
    const message = store.updateMessage(messageId, {
      content: o.content,
      status: o.error ? 'error' : 'complete',
      stats: o.stats,
      finishReason: o.finishReason,
      error: o.error?.message ?? null,
    });
    bus.emit('chat.done', { chatId, messageId, content: message.content, finishReason: o.finishReason, stats: o.stats, error: o.error, routing });
    return message;
  }

  function addUserMessage(chatId: string, text: string): Message {
    const chat = store.getChat(chatId);
    const message = store.addMessage({ chatId, role: 'user', content: text, status: 'complete' });
    if (chat.messageCount === 0 && (chat.title === '' || chat.title === NEW_CHAT_TITLE)) {
      store.updateChat(chatId, { title: titleFromText(text) });
      bus.emit('chats.changed', { chatId, reason: 'title' });
    }
    return message;
  }

  function sendWith(input: SendInput, routed?: PlanInput['routed']): SendResult {
    const existing = input.chatId ? store.getChat(input.chatId) : null;
    if (existing) assertIdle(existing.id);
    // Resolve the model before writing anything, so a bad choice saves nothing.
    const p = plan({ chat: existing, text: input.text, modelId: input.modelId, systemPrompt: input.systemPrompt, sampling: input.sampling, routed });
    return store.transaction(() => {
      const chat =
        existing ??
        store.createChat({ title: titleFromText(input.text), modelId: p.model.id, systemPrompt: input.systemPrompt ?? null, sampling: input.sampling ?? {} });
      if (existing && input.modelId && input.modelId !== existing.modelId) store.updateChat(chat.id, { modelId: input.modelId });
      const user = addUserMessage(chat.id, input.text);
      return startReply(chat.id, user, p);
    });
  }

  /** The user message a reply answers, and the reply's index, for regenerate and re-route. */
  function lastUserBefore(chatId: string, index: number): { messages: Message[]; user: Message; userIndex: number } {
    const messages = store.listMessages(chatId);
    const end = index < 0 ? messages.length : index;
    const userIndex = messages.slice(0, end).findLastIndex((m) => m.role === 'user');
    const user = messages[userIndex];
    if (!user) throw new HearthError('INVALID_PARAMS', `Chat ${chatId} has no message to reply to yet.`);
    return { messages, user, userIndex };
  }

  return {
    send: (input) => sendWith(input),

    async sendAsync(input) {
      if (!deps.routing) return sendWith(input);
      const existing = input.chatId ? store.getChat(input.chatId) : null;
      if (existing) assertIdle(existing.id);
      if (input.modelId) deps.models.get(input.modelId);
      const routed = await deps.routing.routeAsync({ chat: existing, text: input.text, requestedModelId: input.modelId });
      return sendWith(input, routed);
    },

    stop(messageId) {
      const entry = active.get(messageId);
      if (!entry) return false;
      entry.controller.abort();
      return true;
    },

    regenerate(chatId, options = {}) {
      const chat = store.getChat(chatId);
      assertIdle(chatId);
      const { messages, user, userIndex } = lastUserBefore(chatId, -1);
      const after = messages[userIndex + 1];
      // A reply the user re-routed keeps its profile when regenerated.
      const override = after?.routing?.mode === 'override' ? after.routing.domain : undefined;
      const p = plan({ chat, text: user.content, modelId: options.modelId, overrideProfileId: override, userMessageId: user.id });
      return store.transaction(() => {
        if (after) store.deleteMessagesFrom(after.id);
        if (options.modelId && options.modelId !== chat.modelId) store.updateChat(chatId, { modelId: options.modelId });
        return startReply(chatId, user, p);
      });
    },

    edit(messageId, text) {
      const original = store.getMessage(messageId);
      if (original.role !== 'user') throw new HearthError('INVALID_PARAMS', 'Only your own messages can be edited; regenerate a reply instead.');
      assertIdle(original.chatId);
      const chat = store.getChat(original.chatId);
      const p = plan({ chat, text, userMessageId: messageId });
      return store.transaction(() => {
        store.deleteMessagesFrom(messageId);
        const user = store.addMessage({ chatId: chat.id, role: 'user', content: text, status: 'complete' });
        bus.emit('chats.changed', { chatId: chat.id, reason: 'messages' });
        return startReply(chat.id, user, p);
      });
    },

    reroute(messageId, profileId) {
      const reply = store.getMessage(messageId);
      if (reply.role !== 'assistant') throw new HearthError('INVALID_PARAMS', 'Only a reply can be re-routed; pick the answer, not your message.');
      if (!deps.routing) throw new HearthError('INTERNAL', 'Domain routing is not available in this process.');
      assertIdle(reply.chatId);
      const chat = store.getChat(reply.chatId);
      const { user } = lastUserBefore(chat.id, store.listMessages(chat.id).findIndex((m) => m.id === messageId));
      const p = plan({ chat, text: user.content, overrideProfileId: profileId, userMessageId: user.id });
      return store.transaction(() => {
        store.deleteMessagesFrom(messageId);
        bus.emit('chats.changed', { chatId: chat.id, reason: 'messages' });
        return startReply(chat.id, user, p);
      });
    },

    async whenDone(messageId) {
      const entry = active.get(messageId);
      return entry ? entry.done : store.getMessage(messageId);
    },

    isStreaming(chatId) {
      for (const a of active.values()) if (a.chatId === chatId) return true;
      return false;
    },

    async stopChat(chatId) {
      const inChat = [...active.values()].filter((a) => a.chatId === chatId);
      for (const a of inChat) a.controller.abort();
      await Promise.allSettled(inChat.map((a) => a.done));
    },

    async dispose() {
      disposed = true;
      const all = [...active.values()];
      for (const a of all) a.controller.abort();
      await Promise.allSettled(all.map((a) => a.done));
    },
  };
}
