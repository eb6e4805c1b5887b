import { HearthError, type Chat, type Message, type TurnParams, type TurnResult } from '../../contract/index.js';
import type { ProfileService } from '../routing/createProfileService.js';
import type { RoutedReply } from '../routing/createRoutingService.js';
import type { ChatInput } from '../store/createStore.js';
import { checkDroppedFiles, droppedFilesCollection } from './documentSources.js';
import { planReply, type ReplyPlan } from './planReply.js';
import { draftChat, resolveTurn, type TurnTarget } from './resolveTurn.js';
import { runReply, type ReplyDeps, type ReplyJob } from './runReply.js';
import { titleFromText } from './titleFromText.js';

/** What a reply needs (runReply's deps), plus what only the chat front uses. */
export interface ChatServiceDeps extends Omit<ReplyDeps, 'persistIntervalMs'> {
  /** Checks a pinned profile exists when a chat's routing mode is set. */
  profiles?: Pick<ProfileService, 'get'>;
  /**
   * How often a streaming reply is written to the database. A crash loses at
   * most this much of a reply; writing per token would cost a transaction each.
   */
  persistIntervalMs?: number;
}

export type ChatPatch = Omit<ChatInput, 'title'> & { title?: string };

/** Chats and their turns: the one front the app's handlers, browser mode and the CLI all call. */
export interface ChatService {
  /** Sends, regenerates, edits or re-routes: one path, routed once. Resolves once the turn is placed; the reply streams as events. */
  turn(params: TurnParams): Promise<TurnResult>;
  stop(messageId: string): boolean;
  /** Resolves with the stored reply once it has finished, however it finished. */
  whenDone(messageId: string): Promise<Message>;
  isStreaming(chatId: string): boolean;
  createChat(input: ChatInput): Chat;
  updateChat(chatId: string, patch: ChatPatch): Chat;
  /** Stops the chat's reply (waiting until it is stored), then deletes the chat. */
  deleteChat(chatId: string): Promise<boolean>;
  /** Stops the chat's reply, if any, and waits until it is stored. */
  stopChat(chatId: string): Promise<void>;
  /** Stops every reply and waits until each is stored. */
  stopAll(): Promise<void>;
  dispose(): Promise<void>;
}

interface Active {
  chatId: string;
  controller: AbortController;
  done: Promise<Message>;
}

const NEW_CHAT_TITLE = 'New chat';

/** The title the chat has after this turn (a new or untitled chat is named after its first message). */
function chatTitle(target: TurnTarget): string {
  const current = target.chat?.title ?? target.newChat?.title;
  return current && current !== NEW_CHAT_TITLE ? current : titleFromText(target.text);
}

export function createChatService(deps: ChatServiceDeps): ChatService {
  const { store, bus } = deps;
  const persistIntervalMs = deps.persistIntervalMs ?? 250;
  const active = new Map<string, Active>(); // by reply message id
  let disposed = false;

  function assertIdle(chatId: string | undefined): void {
    if (disposed) throw new HearthError('ENGINE_UNAVAILABLE', 'Hearth is shutting down.');
    if (!chatId) return;
    for (const a of active.values()) {
      if (a.chatId === chatId) throw new HearthError('BUSY', 'A reply is still being written in this chat. Stop it first, or wait for it to finish.');
    }
  }

  function checkSettings(patch: Pick<ChatPatch, 'modelId' | 'routingMode'>): void {
    if (patch.modelId) deps.models.get(patch.modelId);
    if (patch.routingMode && patch.routingMode !== 'auto') deps.profiles?.get(patch.routingMode);
  }

  /** Routes once, with embeddings when an embedding model is installed, before anything is written. */
  async function route(target: TurnTarget, chat: Chat, modelId: string | undefined): Promise<RoutedReply | null> {
    if (!deps.routing) {
      if (target.overrideProfileId) throw new HearthError('INTERNAL', 'Domain routing is not available in this process.');
      return null;
    }
    return deps.routing.routeAsync({
      chat: target.chat ? chat : { ...chat, id: '' },
      text: target.text,
      requestedModelId: modelId,
      overrideProfileId: target.overrideProfileId,
      beforeMessageId: target.keptUser?.id ?? target.deleteFrom,
    });
  }

  /** One transaction: the chat (created or updated), the user message (added or kept), the empty reply. */
  function place(target: TurnTarget, params: TurnParams, plan: ReplyPlan, droppedCollectionId: string | null): TurnResult {
    return store.transaction(() => {
      let chat = target.chat;
      if (!chat) {
        const n = target.newChat ?? {};
        chat = store.createChat({ title: n.title ?? titleFromText(target.text), modelId: plan.model.id, systemPrompt: n.systemPrompt ?? null, sampling: n.sampling ?? {}, routingMode: n.routingMode, thinking: n.thinking, thinkingBudget: n.thinkingBudget, collectionIds: n.collectionIds });
      } else if (params.modelId && params.modelId !== chat.modelId) {
        store.updateChat(chat.id, { modelId: params.modelId });
      }
      if (droppedCollectionId) store.attachCollection(chat.id, droppedCollectionId, { dropped: true });
      if (target.deleteFrom) store.deleteMessagesFrom(target.deleteFrom);
      const user = target.keptUser ?? store.addMessage({ chatId: chat.id, role: 'user', content: target.text, status: 'complete' });
      if (target.chat && !target.keptUser && target.chat.messageCount === 0 && (target.chat.title === '' || target.chat.title === NEW_CHAT_TITLE)) {
        store.updateChat(chat.id, { title: titleFromText(target.text) });
      }
      const routing = plan.routed?.decision ?? null;
      const reply = store.addMessage({ chatId: chat.id, role: 'assistant', content: '', status: 'streaming', modelId: plan.model.id, domain: routing?.domain ?? null, routing });
      return { chat: store.getChat(chat.id), userMessage: user, reply, replacedFrom: target.deleteFrom };
    });
  }

  function start(result: TurnResult, plan: ReplyPlan, index: ReplyJob['index']): void {
    const { chat, reply, userMessage } = result;
    const controller = new AbortController();
    bus.emit('chat.reply', { chatId: chat.id, messageId: reply.id, phase: 'queued', modelId: plan.model.id, progress: null, context: null, routing: reply.routing });
    const done = runReply(
      { ...deps, persistIntervalMs },
      { chatId: chat.id, messageId: reply.id, answeredId: userMessage.id, plan, signal: controller.signal, index },
    );
    active.set(reply.id, { chatId: chat.id, controller, done });
    void done.finally(() => active.delete(reply.id));
  }

  async function stopWhere(select: (a: Active) => boolean): Promise<void> {
    const chosen = [...active.values()].filter(select);
    for (const a of chosen) a.controller.abort();
    await Promise.allSettled(chosen.map((a) => a.done));
  }

  return {
    async turn(params) {
      const target = resolveTurn(store, params);
      assertIdle(target.chat?.id);
      if (target.newChat) checkSettings(target.newChat);
      if (params.modelId) deps.models.get(params.modelId);
      const files = params.action.type === 'send' && params.action.files?.length ? checkDroppedFiles(params.action.files) : [];
      if (files.length && !deps.documents) throw new HearthError('INVALID_PARAMS', 'Documents are not available in this process, so files cannot be attached to a message.');
      const chat = target.chat ?? draftChat(target.newChat ?? {});
      const routed = await route(target, chat, params.modelId);
      const plan = planReply({ store, models: deps.models }, { chat, text: target.text, modelId: params.modelId, routed });
      // Dropped files go to the chat's own collection, attached with the turn; the reply indexes them and waits before retrieving.
      const own = files.length ? await droppedFilesCollection(store, deps.documents!, target.chat?.id ?? null, chatTitle(target)) : null;
      let result: TurnResult;
      try {
        // Routing awaited: another turn may have started in this chat meanwhile.
        assertIdle(target.chat?.id);
        result = place(target, params, plan, own?.id ?? null);
      } catch (error) {
        if (own?.created) deps.documents!.remove(own.id);
        throw error;
      }
      start(result, plan, own ? { collectionId: own.id, files } : null);
      if (target.chat) bus.emit('chats.changed', { chatId: result.chat.id, reason: 'messages' });
      return result;
    },

    stop(messageId) {
      const entry = active.get(messageId);
      if (!entry) return false;
      entry.controller.abort();
      return true;
    },

    async whenDone(messageId) {
      const entry = active.get(messageId);
      return entry ? entry.done : store.getMessage(messageId);
    },

    isStreaming(chatId) {
      for (const a of active.values()) if (a.chatId === chatId) return true;
      return false;
    },

    createChat(input) {
      checkSettings(input);
      const chat = store.createChat({ ...input, title: input.title?.trim() || NEW_CHAT_TITLE });
      bus.emit('chats.changed', { chatId: chat.id, reason: 'settings' });
      return chat;
    },

    updateChat(chatId, patch) {
      checkSettings(patch);
      const updated = store.updateChat(chatId, patch);
      bus.emit('chats.changed', { chatId, reason: patch.title ? 'title' : 'settings' });
      return updated;
    },

    async deleteChat(chatId) {
      await stopWhere((a) => a.chatId === chatId);
      const own = store.findChat(chatId) ? store.droppedCollectionId(chatId) : null;
      const deleted = store.deleteChat(chatId);
      if (deleted) bus.emit('chats.changed', { chatId, reason: 'deleted' });
      // The files dropped in the chat were indexed for it: their index goes with it, unless another chat attached it since.
      if (own && deps.documents && !store.isCollectionAttached(own)) deps.documents.remove(own);
      return deleted;
    },

    stopChat: (chatId) => stopWhere((a) => a.chatId === chatId),
    stopAll: () => stopWhere(() => true),

    async dispose() {
      disposed = true;
      await stopWhere(() => true);
    },
  };
}
