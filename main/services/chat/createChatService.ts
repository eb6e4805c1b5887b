import { HearthError, toErrorPayload, type FinishReason, type Message, type ModelRecord, type ReplyStats, type Sampling } from '../../contract/index.js';
import type { Engine } from '../engine/createEngine.js';
import type { ChatTurn } from '../engine/protocol.js';
import type { EventBus } from '../events/eventBus.js';
import type { Logger } from '../log/createLogger.js';
import type { ModelRegistry } from '../models/createModelRegistry.js';
import type { Store } from '../store/createStore.js';
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
}

export interface ChatServiceDeps {
  store: Store;
  engine: Pick<Engine, 'generate'>;
  models: Pick<ModelRegistry, 'get' | 'list'>;
  bus: EventBus;
  logger: Logger;
  /**
   * How often a streaming reply is written to the database. A crash loses at
   * most this much of a reply; writing per token would cost a transaction each.
   */
  persistIntervalMs?: number;
}

export interface ChatService {
  send(input: SendInput): SendResult;
  stop(messageId: string): boolean;
  regenerate(chatId: string, options?: { modelId?: string }): SendResult;
  edit(messageId: string, text: string): SendResult;
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

  function chooseModel(requested: string | undefined, chatModel: string | null): ModelRecord {
    const id = requested ?? chatModel ?? store.getSettings().defaultModelId;
    if (id) return deps.models.get(id);
    const installed = deps.models.list();
    if (installed.length === 1) return installed[0]!;
    throw new HearthError(
      'MODEL_NOT_FOUND',
      installed.length === 0
        ? 'No model is installed yet. Add a GGUF model first (Models → Import, or `hearth models add <file.gguf>`).'
        : 'No model is selected for this chat. Pick one of the installed models.',
    );
  }

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

  function startReply(chatId: string, userMessage: Message, model: ModelRecord, input: { systemPrompt?: string; sampling?: Sampling }): SendResult {
    const chat = store.getChat(chatId);
    const systemPrompt = input.systemPrompt ?? chat.systemPrompt ?? store.getSettings().defaultSystemPrompt;
    const sampling: Sampling = { ...chat.sampling, ...input.sampling };
    const reply = store.addMessage({ chatId, role: 'assistant', content: '', status: 'streaming', modelId: model.id });
    const messages = turnsFor(chatId, systemPrompt, userMessage.id);
    const controller = new AbortController();
    const done = run(chatId, reply.id, model, messages, sampling, controller.signal);
    active.set(reply.id, { chatId, controller, done });
    void done.finally(() => active.delete(reply.id));
    return { chatId, userMessageId: userMessage.id, messageId: reply.id };
  }

  async function run(chatId: string, messageId: string, model: ModelRecord, messages: ChatTurn[], sampling: Sampling, signal: AbortSignal): Promise<Message> {
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
      store.updateMessage(messageId, { content });
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
    const message = store.updateMessage(messageId, {
      content,
      status: error ? 'error' : 'complete',
      stats,
      finishReason,
      error: error?.message ?? null,
    });
    bus.emit('chat.done', { chatId, messageId, content: message.content, finishReason, stats, error });
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

  return {
    send(input) {
      const existing = input.chatId ? store.getChat(input.chatId) : null;
      if (existing) assertIdle(existing.id);
      // Resolve the model before writing anything, so a bad choice saves nothing.
      const model = chooseModel(input.modelId, existing?.modelId ?? null);
      return store.transaction(() => {
        const chat =
          existing ??
          store.createChat({ title: titleFromText(input.text), modelId: model.id, systemPrompt: input.systemPrompt ?? null, sampling: input.sampling ?? {} });
        if (existing && input.modelId && input.modelId !== existing.modelId) store.updateChat(chat.id, { modelId: input.modelId });
        const user = addUserMessage(chat.id, input.text);
        return startReply(chat.id, user, model, input);
      });
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
      const messages = store.listMessages(chatId);
      const lastUserIndex = messages.findLastIndex((m) => m.role === 'user');
      const lastUser = messages[lastUserIndex];
      if (!lastUser) throw new HearthError('INVALID_PARAMS', `Chat ${chatId} has no message to reply to yet.`);
      const model = chooseModel(options.modelId, chat.modelId);
      return store.transaction(() => {
        const after = messages[lastUserIndex + 1];
        if (after) store.deleteMessagesFrom(after.id);
        if (options.modelId && options.modelId !== chat.modelId) store.updateChat(chatId, { modelId: options.modelId });
        return startReply(chatId, lastUser, model, {});
      });
    },

    edit(messageId, text) {
      const original = store.getMessage(messageId);
      if (original.role !== 'user') throw new HearthError('INVALID_PARAMS', 'Only your own messages can be edited; regenerate a reply instead.');
      assertIdle(original.chatId);
      const chat = store.getChat(original.chatId);
      const model = chooseModel(undefined, chat.modelId);
      return store.transaction(() => {
        store.deleteMessagesFrom(messageId);
        const user = store.addMessage({ chatId: chat.id, role: 'user', content: text, status: 'complete' });
        bus.emit('chats.changed', { chatId: chat.id, reason: 'messages' });
        return startReply(chat.id, user, model, {});
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
