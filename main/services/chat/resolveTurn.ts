import { HearthError, type Chat, type Message, type NewChat, type TurnParams } from '../../contract/index.js';
import type { Store } from '../store/createStore.js';

/** What a turn does to the chat, read from the store before anything is written. */
export interface TurnTarget {
  /** The existing chat; null when the turn starts one. */
  chat: Chat | null;
  /** The settings a new chat is created with. */
  newChat: NewChat | null;
  /** The text the reply answers (routing reads it). */
  text: string;
  /** A user message kept as it is (regenerate, re-route); null when the turn adds one. */
  keptUser: Message | null;
  /** The first message removed, with everything after it; null when nothing is. */
  deleteFrom: string | null;
  /** Re-route (or regenerating a re-routed reply): answer with this profile. */
  overrideProfileId: string | null;
}

/** A stand-in for a chat the turn will create, so routing and planning read its settings like any chat's. */
export function draftChat(newChat: NewChat): Chat {
  return {
    id: 'new-chat',
    title: newChat.title ?? '',
    modelId: newChat.modelId ?? null,
    systemPrompt: newChat.systemPrompt ?? null,
    sampling: newChat.sampling ?? {},
    routingMode: newChat.routingMode ?? 'auto',
    ...(newChat.collectionIds?.length ? { collectionIds: newChat.collectionIds } : {}),
    createdAt: 0,
    updatedAt: 0,
    messageCount: 0,
  };
}

/** The four shapes of a turn, each reduced to one target. Throws before any write when the action does not apply. */
export function resolveTurn(store: Store, params: TurnParams): TurnTarget {
  const { action } = params;
  switch (action.type) {
    case 'send': {
      const chat = params.chatId ? store.getChat(params.chatId) : null;
      return { chat, newChat: chat ? null : (params.newChat ?? {}), text: action.text, keptUser: null, deleteFrom: null, overrideProfileId: null };
    }
    case 'edit': {
      const original = store.getMessage(action.messageId);
      if (original.role !== 'user') throw new HearthError('INVALID_PARAMS', 'Only your own messages can be edited; regenerate a reply instead.');
      checkChat(params, original);
      return { chat: store.getChat(original.chatId), newChat: null, text: action.text, keptUser: null, deleteFrom: original.id, overrideProfileId: null };
    }
    case 'regenerate': {
      const reply = action.messageId ? store.getMessage(action.messageId) : lastMessage(store, params.chatId);
      if (!action.messageId && reply.role === 'user') {
        // The chat ends with the user's message (its reply failed before it was stored): answer it afresh.
        return { chat: store.getChat(reply.chatId), newChat: null, text: reply.content, keptUser: reply, deleteFrom: null, overrideProfileId: null };
      }
      if (reply.role !== 'assistant') throw new HearthError('INVALID_PARAMS', 'Only a reply can be regenerated; edit your message to change it.');
      checkChat(params, reply);
      const user = userBefore(store, reply);
      // A reply the user re-routed keeps its profile when regenerated.
      const override = reply.routing?.mode === 'override' ? reply.routing.domain : null;
      return { chat: store.getChat(reply.chatId), newChat: null, text: user.content, keptUser: user, deleteFrom: reply.id, overrideProfileId: override };
    }
    case 'reroute': {
      const reply = store.getMessage(action.messageId);
      if (reply.role !== 'assistant') throw new HearthError('INVALID_PARAMS', 'Only a reply can be re-routed; pick the answer, not your message.');
      checkChat(params, reply);
      const user = userBefore(store, reply);
      return { chat: store.getChat(reply.chatId), newChat: null, text: user.content, keptUser: user, deleteFrom: reply.id, overrideProfileId: action.profileId };
    }
  }
}

function checkChat(params: TurnParams, message: Message): void {
  if (params.chatId && params.chatId !== message.chatId) {
    throw new HearthError('INVALID_PARAMS', `Message ${message.id} belongs to chat ${message.chatId}, not ${params.chatId}.`);
  }
}

/** Regenerate without a message id: the chat's last message (its last reply, normally). */
function lastMessage(store: Store, chatId: string | undefined): Message {
  if (!chatId) throw new HearthError('INVALID_PARAMS', 'Regenerate needs the reply (messageId) or its chat (chatId).');
  store.getChat(chatId);
  const last = store.lastMessage(chatId);
  if (!last) throw new HearthError('INVALID_PARAMS', `Chat ${chatId} has no message to reply to yet.`);
  return last;
}

/** The user message a reply answers: the newest user message before it. */
function userBefore(store: Store, reply: Message): Message {
  for (const m of store.messagesBefore(reply.chatId, reply.id)) if (m.role === 'user') return m;
  throw new HearthError('INVALID_PARAMS', `Chat ${reply.chatId} has no message to reply to yet.`);
}
