import type { Store } from '../store/createStore.js';
import { titleFromText } from '../chat/titleFromText.js';
import type { ApiConversation } from './completionEndpoints.js';

/**
 * "Store API calls as chats": the conversation becomes a chat whose title
 * starts with the key's name, so the chat list, history and search cover it.
 * The request's earlier turns are stored as sent; the reply with its stats.
 */
export function storeApiChat(store: Pick<Store, 'transaction' | 'createChat' | 'addMessage'>, c: ApiConversation): string {
  return store.transaction(() => {
    const chat = store.createChat({ title: `${c.keyName ?? 'API'} · ${titleFromText(c.prompt.message.content)}`.slice(0, 200), modelId: c.modelId, systemPrompt: c.system });
    for (const t of c.prompt.history) store.addMessage({ chatId: chat.id, role: t.role, content: t.content });
    store.addMessage({ chatId: chat.id, role: 'user', content: c.prompt.message.content });
    store.addMessage({ chatId: chat.id, role: 'assistant', content: c.reply, modelId: c.modelId, domain: c.route?.domain ?? null, stats: c.stats, finishReason: c.finishReason });
    return chat.id;
  });
}
