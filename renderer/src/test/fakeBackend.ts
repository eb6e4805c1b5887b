import type { Chat, Message, ModelDetails, RoutingDecision, TurnResult } from '../../../main/contract/index.js';
import { HearthError } from '../../../main/contract/index.js';
import { createFakeClient, type FakeClient } from '../transport/fakeClient.js';
import { installFakeLibrary, type FakeLibrary } from './fakeLibrary.js';
import { makeChat, makeEngineStatus, makeMessage, SETTINGS, summaryOf } from './fixtures.js';

/**
 * A fake client backed by a tiny in-memory "main": chats and messages live in
 * maps, so reconciling with chats.get sees what send/regenerate/edit wrote.
 */
export interface FakeBackend {
  client: FakeClient;
  chats: Map<string, Chat>;
  messages: Map<string, Message[]>;
  models: ModelDetails[];
  /** The model library's methods (catalog, downloads, scan, verify, network log) and settings. */
  library: FakeLibrary;
  addChat(chat: Chat, messages: Message[]): void;
  /** Set by installFakeRouting: how a reply to this text in this chat is routed (null: not routed). */
  route: ((chatId: string, text: string) => RoutingDecision | null) | null;
  /** Set by installFakeRouting: the decision for a reply re-routed to a profile. */
  reroute: ((text: string, profileId: string) => RoutingDecision) | null;
  /** Starts a streaming reply to `user` (pushed first), as every chat.turn does. */
  startReply(chatId: string, user: Message, routing?: RoutingDecision | null, replacedFrom?: string | null): TurnResult;
}

export function createFakeBackend(models: ModelDetails[] = []): FakeBackend {
  const client = createFakeClient();
  const chats = new Map<string, Chat>();
  const messages = new Map<string, Message[]>();
  let n = 0;
  const id = (p: string) => `${p}-${++n}`;
  const backend: FakeBackend = {
    client,
    chats,
    messages,
    models,
    library: installFakeLibrary(client, SETTINGS),
    addChat(chat, list) {
      chats.set(chat.id, { ...chat, messageCount: list.length });
      messages.set(chat.id, list);
    },
    route: null,
    reroute: null,
    startReply(chatId, user, routing = backend.route?.(chatId, user.content) ?? null, replacedFrom = null) {
      const reply = makeMessage({ id: id('a'), chatId, role: 'assistant', status: 'streaming', modelId: routing?.modelId ?? chatOf(chatId).modelId, domain: routing?.domain ?? null, routing });
      const list = messages.get(chatId)!;
      list.push(user, reply);
      const chat = { ...chatOf(chatId), messageCount: list.length };
      chats.set(chatId, chat);
      return { chat, userMessage: { ...user }, reply: { ...reply }, replacedFrom };
    },
  };
  /** The chat holding a message, and where. */
  const find = (messageId: string) => {
    for (const [chatId, list] of messages) {
      const index = list.findIndex((m) => m.id === messageId);
      if (index >= 0) return { chatId, list, index };
    }
    throw new HearthError('MESSAGE_NOT_FOUND', `Message ${messageId} does not exist.`);
  };
  const chatOf = (chatId: string) => {
    const chat = chats.get(chatId);
    if (!chat) throw new HearthError('CHAT_NOT_FOUND', `Chat ${chatId} does not exist.`);
    return chat;
  };

  client.handle('app.info', () => ({ version: '0.1.0', dataDir: '/data/hearth', platform: 'linux', shell: 'browser' }));
  client.handle('engine.status', () => makeEngineStatus());
  client.handle('models.list', () => backend.models);
  client.handle('chats.list', () => [...chats.values()].map(summaryOf));
  client.handle('chats.get', ({ chatId }) => ({ chat: chatOf(chatId), messages: messages.get(chatId)!.map((m) => ({ ...m })) }));
  client.handle('chats.create', ({ title, modelId, systemPrompt }) => {
    const chat = makeChat({ id: id('c'), title: title ?? 'New chat', modelId: modelId ?? null, systemPrompt: systemPrompt ?? null });
    backend.addChat(chat, []);
    return chat;
  });
  client.handle('chats.update', ({ chatId, ...patch }) => {
    const next = { ...chatOf(chatId), ...patch } as Chat;
    chats.set(chatId, next);
    return next;
  });
  client.handle('chats.delete', ({ chatId }) => ({ deleted: chats.delete(chatId) }));
  client.handle('chat.turn', ({ chatId, newChat, modelId, action }) => {
    switch (action.type) {
      case 'send': {
        const cid = chatId ?? id('c');
        if (!chatId) backend.addChat(makeChat({ id: cid, title: action.text.slice(0, 40), modelId: modelId ?? newChat?.modelId ?? null, routingMode: newChat?.routingMode ?? 'auto', systemPrompt: newChat?.systemPrompt ?? null, sampling: newChat?.sampling ?? {}, ...(newChat?.collectionIds ? { collectionIds: newChat.collectionIds } : {}) }), []);
        return backend.startReply(cid, makeMessage({ id: id('u'), chatId: cid, role: 'user', content: action.text }));
      }
      case 'regenerate': {
        const list = messages.get(chatId ?? find(action.messageId!).chatId)!;
        const userIndex = list.findLastIndex((m) => m.role === 'user');
        const user = list[userIndex]!;
        const replaced = list[userIndex + 1]?.id ?? null;
        list.splice(userIndex);
        return backend.startReply(user.chatId, user, undefined, replaced);
      }
      case 'edit': {
        const { chatId: cid, list, index } = find(action.messageId);
        list.splice(index);
        return backend.startReply(cid, makeMessage({ id: id('u'), chatId: cid, role: 'user', content: action.text }), undefined, action.messageId);
      }
      case 'reroute': {
        const { chatId: cid, list, index } = find(action.messageId);
        const user = list.slice(0, index).findLast((m) => m.role === 'user');
        if (!user) throw new HearthError('INVALID_PARAMS', `Message ${action.messageId} answers nothing.`);
        list.splice(list.indexOf(user));
        const decision = backend.reroute ? backend.reroute(user.content, action.profileId) : null;
        return backend.startReply(cid, makeMessage({ ...user }), decision, action.messageId);
      }
    }
  });
  client.handle('chat.stop', () => ({ stopped: true }));
  return backend;
}
