import type { Store } from '../store/createStore.js';
import { titleFromText } from '../chat/titleFromText.js';
import type { ApiConversation } from './completionEndpoints.js';

/**
 * "Store API calls as chats": the conversation becomes a chat whose title
 * starts with the key's name, so the chat list, history and search cover it.
 * System messages become the chat's instructions; user and assistant text is
 * stored as sent (tool results are not chat messages), then the reply.
 */
export function storeApiChat(store: Pick<Store, 'transaction' | 'createChat' | 'addMessage'>, c: ApiConversation): string {
  const system = c.messages.flatMap((m) => (m.role === 'system' ? [m.content] : [])).join('\n\n');
  const lastUser = [...c.messages].reverse().find((m) => m.role === 'user');
  const title = `${c.keyName ?? 'API'} · ${titleFromText(lastUser?.content ?? '')}`.slice(0, 200);
  const toolNote = c.toolCalls.map((t) => `[tool call ${t.name}(${t.arguments})]`).join('\n');
  return store.transaction(() => {
    const chat = store.createChat({ title, modelId: c.modelId, systemPrompt: system || null });
    for (const m of c.messages) {
      if (m.role === 'user') store.addMessage({ chatId: chat.id, role: 'user', content: m.content });
      else if (m.role === 'assistant' && m.content) store.addMessage({ chatId: chat.id, role: 'assistant', content: m.content });
    }
    const reply = [c.reply, toolNote].filter(Boolean).join('\n');
    store.addMessage({ chatId: chat.id, role: 'assistant', content: reply, modelId: c.modelId, domain: c.route?.domain ?? null, stats: c.stats, finishReason: c.finishReason === 'length' ? 'length' : 'stop' });
    return chat.id;
  });
}
