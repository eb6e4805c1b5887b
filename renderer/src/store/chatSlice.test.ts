import { describe, expect, it, vi } from 'vitest';
import { HearthError, type ReplyStats, type TurnResult } from '../../../main/contract/index.js';
import { createFakeBackend } from '../test/fakeBackend.js';
import { installFakeRouting } from '../test/fakeRouting.js';
import { makeChat, makeContextUse, makeMessage, makeModel } from '../test/fixtures.js';
import { bindClient, createHearthStore } from './createHearthStore.js';

function setup() {
  const backend = createFakeBackend([makeModel({ id: 'tiny' })]);
  backend.addChat(makeChat({ id: 'c1', title: 'First' }), [
    makeMessage({ id: 'u1', chatId: 'c1', role: 'user', content: 'Hello' }),
    makeMessage({ id: 'a1', chatId: 'c1', role: 'assistant', content: 'Hi there' }),
  ]);
  const store = createHearthStore(backend.client);
  bindClient(store, backend.client);
  return { backend, client: backend.client, store, s: () => store.getState() };
}

const stats: ReplyStats = { promptTokens: 12, completionTokens: 30, timeToFirstTokenMs: 85, tokensPerSecond: 42.5, totalMs: 790, backend: 'cpu', modelId: 'tiny' };

describe('chat slice', () => {
  it('appends delta text to one message object and leaves the others untouched', async () => {
    const { s, client } = setup();
    await s().loadChat('c1');
    const before = s().messagesById;
    client.emit('chat.delta', { chatId: 'c1', messageId: 'a1', seq: 0, text: ' and' });
    client.emit('chat.delta', { chatId: 'c1', messageId: 'a1', seq: 1, text: ' more' });
    expect(s().messagesById.a1!.content).toBe('Hi there and more');
    expect(s().messagesById.u1).toBe(before.u1);
    expect(s().messageIdsByChat.c1).toEqual(['u1', 'a1']);
  });

  it('applies a delta without copying the map of loaded messages (its cost must not grow with the chat)', async () => {
    const { s, client } = setup();
    await s().loadChat('c1');
    const map = s().messagesById;
    const reply = map.a1;
    client.emit('chat.delta', { chatId: 'c1', messageId: 'a1', seq: 0, text: '!' });
    // The row selecting a1 sees a new object (so it re-renders); the map itself was not copied.
    expect(s().messagesById.a1).not.toBe(reply);
    expect(s().messagesById.a1!.content).toBe('Hi there!');
    expect(reply!.content).toBe('Hi there');
    expect(s().messagesById).toBe(map);
  });

  it('applies each delta as it arrives, with no timer of its own (the engine coalesces them), then done', async () => {
    const backend = createFakeBackend([makeModel({ id: 'tiny' })]);
    backend.addChat(makeChat({ id: 'c1', title: 'First' }), [makeMessage({ id: 'a1', chatId: 'c1', role: 'assistant', content: 'Hi', status: 'streaming' })]);
    const store = createHearthStore(backend.client);
    bindClient(store, backend.client);
    await store.getState().loadChat('c1');
    const updates = vi.fn();
    store.subscribe(updates);
    vi.useFakeTimers();
    try {
      for (let seq = 0; seq < 5; seq++) {
        backend.client.emit('chat.delta', { chatId: 'c1', messageId: 'a1', seq, text: String(seq) });
        // On the screen at once: no frame or timer stands between the event and the store.
        expect(store.getState().messagesById.a1!.content).toBe(`Hi${'01234'.slice(0, seq + 1)}`);
      }
      expect(updates).toHaveBeenCalledTimes(5);
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
    backend.client.emit('chat.done', { chatId: 'c1', messageId: 'a1', content: 'Hi012345', finishReason: 'eos', stats: null, error: null, routing: null, context: null });
    expect(store.getState().messagesById.a1).toMatchObject({ content: 'Hi012345', status: 'complete' });
  });

  it('ignores stale and duplicate seq, per message', async () => {
    const { s, client } = setup();
    await s().loadChat('c1');
    client.emit('chat.delta', { chatId: 'c1', messageId: 'a1', seq: 0, text: 'A' });
    client.emit('chat.delta', { chatId: 'c1', messageId: 'a1', seq: 2, text: 'C' });
    const after = s().messagesById.a1;
    client.emit('chat.delta', { chatId: 'c1', messageId: 'a1', seq: 2, text: 'C' });
    client.emit('chat.delta', { chatId: 'c1', messageId: 'a1', seq: 1, text: 'B' });
    expect(s().messagesById.a1!.content).toBe('Hi thereAC');
    expect(s().messagesById.a1).toBe(after);
    // Another message's seq starts on its own.
    client.emit('chat.delta', { chatId: 'c1', messageId: 'u1', seq: 0, text: '!' });
    expect(s().messagesById.u1!.content).toBe('Hello!');
  });

  it('chat.done sets status, stats and finish reason, and an error text on failure', async () => {
    const { s, client, backend } = setup();
    await s().loadChat('c1');
    await s().sendMessage('Tell me a story');
    const { messageId, chatId } = lastTurn(s);
    client.emit('chat.delta', { chatId, messageId, seq: 0, text: 'Once' });
    backend.messages.get(chatId)!.at(-1)!.status = 'complete'; // what main stores before it emits done
    Object.assign(backend.messages.get(chatId)!.at(-1)!, { content: 'Once', stats, finishReason: 'eos' });
    const context = makeContextUse({ includedMessages: 2, leftOutMessages: 1 });
    client.emit('chat.done', { chatId, messageId, content: 'Once', finishReason: 'eos', stats, error: null, routing: null, context });
    expect(s().messagesById[messageId]).toMatchObject({ status: 'complete', stats, finishReason: 'eos', content: 'Once', context });

    client.emit('chat.done', { chatId: 'c1', messageId: 'a1', content: 'Hi there', finishReason: 'crashed', stats: null, error: { code: 'ENGINE_CRASHED', message: 'The engine stopped.' }, routing: null, context: null });
    expect(s().messagesById.a1).toMatchObject({ status: 'error', error: 'The engine stopped.', finishReason: 'crashed' });
  });

  it('send calls chat.turn and shows the turn at once, without reloading a loaded chat', async () => {
    const { s, client } = setup();
    s().selectChat('c1');
    await vi.waitFor(() => expect(s().messageIdsByChat.c1).toHaveLength(2));
    const loads = client.callsTo('chats.get').length;
    const ok = await s().sendMessage('Why is the sky blue?');
    expect(ok).toBe(true);
    expect(client.callsTo('chat.turn')).toEqual([{ chatId: 'c1', action: { type: 'send', text: 'Why is the sky blue?' } }]);
    const ids = s().messageIdsByChat.c1!;
    expect(ids).toHaveLength(4);
    const [userId, replyId] = ids.slice(2) as [string, string];
    expect(s().messagesById[userId]).toMatchObject({ role: 'user', content: 'Why is the sky blue?' });
    expect(s().messagesById[replyId]).toMatchObject({ role: 'assistant', status: 'streaming', content: '' });
    client.emit('chat.delta', { chatId: 'c1', messageId: replyId, seq: 0, text: 'Rayleigh' });
    expect(s().messagesById[replyId]!.content).toBe('Rayleigh');
    // A long chat is not fetched again on each send: that would be a long task per message.
    expect(client.callsTo('chats.get')).toHaveLength(loads);
  });

  it('send from the draft creates the chat with the draft settings in the same chat.turn, and selects it', async () => {
    const { s, client } = setup();
    await s().updateChatSettings({ modelId: 'tiny', systemPrompt: 'Be brief.', sampling: { temperature: 0.2 } });
    await s().sendMessage('New topic');
    expect(client.callsTo('chat.turn')).toEqual([{ newChat: { modelId: 'tiny', systemPrompt: 'Be brief.', sampling: { temperature: 0.2 } }, action: { type: 'send', text: 'New topic' } }]);
    expect(client.callsTo('chats.create')).toEqual([]);
    expect(client.callsTo('chats.update')).toEqual([]);
    const chatId = s().activeChatId!;
    expect(chatId).toMatch(/^c-/);
    // The chat as the result has it, settings and all, before any reload.
    expect(s().chatsById[chatId]).toMatchObject({ modelId: 'tiny', systemPrompt: 'Be brief.', sampling: { temperature: 0.2 } });
    expect(s().draft).toMatchObject({ modelId: null, systemPrompt: null, sampling: {} });
    await vi.waitFor(() => expect(s().chatSummaries.some((c) => c.id === chatId)).toBe(true));
  });

  it('keeps text that deltas brought before the send reply arrived', async () => {
    const { s, client } = setup();
    s().selectChat('c1');
    await vi.waitFor(() => expect(s().messageIdsByChat.c1).toHaveLength(2));
    client.handle('chat.turn', ({ chatId }) => {
      client.emit('chat.delta', { chatId: chatId!, messageId: 'early', seq: 0, text: 'Fast' });
      return turnResult({
        chat: makeChat({ id: chatId!, title: 'First' }),
        userMessage: makeMessage({ id: 'u-early', chatId: chatId!, content: 'Quick' }),
        reply: makeMessage({ id: 'early', chatId: chatId!, role: 'assistant', status: 'streaming', modelId: 'tiny' }),
      });
    });
    await s().sendMessage('Quick');
    expect(s().messagesById.early).toMatchObject({ content: 'Fast', status: 'streaming' });
    expect(s().messageIdsByChat.c1!.slice(-2)).toEqual(['u-early', 'early']);
  });

  it('regenerate sends one chat.turn, keeps the user message and replaces the last reply', async () => {
    const { s, client } = setup();
    await s().loadChat('c1');
    const user = s().messagesById.u1;
    expect(await s().regenerate('c1')).toBe(true);
    expect(client.callsTo('chat.turn')).toEqual([{ chatId: 'c1', action: { type: 'regenerate' } }]);
    const ids = s().messageIdsByChat.c1!;
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe('u1');
    expect(s().messagesById.u1).toBe(user);
    expect(s().messagesById.a1).toBeUndefined();
    expect(s().messagesById[ids[1]!]).toMatchObject({ role: 'assistant', status: 'streaming' });
  });

  it('edit sends one chat.turn and replaces the edited message and what followed', async () => {
    const { s, client } = setup();
    await s().loadChat('c1');
    expect(await s().editMessage('u1', 'Hello again')).toBe(true);
    expect(client.callsTo('chat.turn')).toEqual([{ action: { type: 'edit', messageId: 'u1', text: 'Hello again' } }]);
    const ids = s().messageIdsByChat.c1!;
    expect(ids).toHaveLength(2);
    expect(ids).not.toContain('u1');
    expect(s().messagesById.u1).toBeUndefined();
    expect(s().messagesById[ids[0]!]).toMatchObject({ role: 'user', content: 'Hello again' });
    expect(s().messagesById[ids[1]!]).toMatchObject({ role: 'assistant', status: 'streaming' });
  });

  it('stop calls chat.stop with the streaming reply', async () => {
    const { s, client } = setup();
    await s().loadChat('c1');
    await s().regenerate('c1');
    const replyId = s().messageIdsByChat.c1!.at(-1)!;
    await s().stopReply('c1');
    expect(client.callsTo('chat.stop')).toEqual([{ messageId: replyId }]);
  });

  it("turns a failed call into an error toast with the server's message", async () => {
    const { s, client } = setup();
    client.handle('chat.turn', () => {
      throw new HearthError('MODEL_NOT_FOUND', 'No model is installed yet. Add a GGUF model first.');
    });
    expect(await s().sendMessage('Hi')).toBe(false);
    expect(s().toasts).toEqual([expect.objectContaining({ kind: 'error', code: 'MODEL_NOT_FOUND', message: 'No model is installed yet. Add a GGUF model first.' })]);
    expect(s().sending).toBe(false);
  });

  it('search keeps only the answer to the latest query', async () => {
    const { s, client } = setup();
    client.handle('chats.search', async ({ text }) => {
      await new Promise((r) => setTimeout(r, text === 'sl' ? 30 : 1));
      return [{ chatId: 'c1', chatTitle: 'First', messageId: 'u1', role: 'user' as const, snippet: `[[${text}]]`, createdAt: 0 }];
    });
    const slow = s().searchChats('sl');
    await s().searchChats('sly');
    await slow;
    expect(s().search.hits.map((h) => h.snippet)).toEqual(['[[sly]]']);
  });

  it('a deleted chat disappears with its messages and stops being active', async () => {
    const { s, client } = setup();
    s().selectChat('c1');
    await vi.waitFor(() => expect(s().messageIdsByChat.c1).toHaveLength(2));
    client.emit('chats.changed', { chatId: 'c1', reason: 'deleted' });
    expect(s().activeChatId).toBeNull();
    expect(s().messagesById.u1).toBeUndefined();
  });
});

describe('a chat.turn result is placed exactly', () => {
  /** c2: three exchanges, loaded. */
  async function longChat() {
    const backend = createFakeBackend([makeModel({ id: 'tiny' })]);
    const ids = ['u1', 'a1', 'u2', 'a2', 'u3', 'a3'];
    backend.addChat(makeChat({ id: 'c2', title: 'Long', messageCount: 6 }), ids.map((id) => makeMessage({ id, chatId: 'c2', role: id.startsWith('u') ? 'user' : 'assistant', content: id })));
    const store = createHearthStore(backend.client);
    bindClient(store, backend.client);
    await store.getState().loadChat('c2');
    return { backend, client: backend.client, s: () => store.getState() };
  }
  const chat = makeChat({ id: 'c2', title: 'Long', messageCount: 4 });
  const reply = makeMessage({ id: 'r-new', chatId: 'c2', role: 'assistant', status: 'streaming', modelId: 'tiny' });

  it('replacedFrom cuts the list there (edit): the new user message and the reply follow what stays', async () => {
    const { s } = await longChat();
    const kept = { u1: s().messagesById.u1, a1: s().messagesById.a1 };
    const userMessage = makeMessage({ id: 'u-new', chatId: 'c2', content: 'edited' });
    s().placeTurn(turnResult({ chat, userMessage, reply, replacedFrom: 'u2' }));
    expect(s().messageIdsByChat.c2).toEqual(['u1', 'a1', 'u-new', 'r-new']);
    for (const gone of ['u2', 'a2', 'u3', 'a3']) expect(s().messagesById[gone]).toBeUndefined();
    // What stays is untouched (its rows do not re-render); the chat is the result's.
    expect(s().messagesById.u1).toBe(kept.u1);
    expect(s().messagesById.a1).toBe(kept.a1);
    expect(s().messagesById['u-new']).toEqual(userMessage);
    expect(s().messagesById['r-new']).toEqual(reply);
    expect(s().chatsById.c2).toBe(chat);
  });

  it('regenerate keeps its user message, once, and cuts from the reply it replaces', async () => {
    const { s } = await longChat();
    const u2 = s().messagesById.u2;
    // The server sends the kept message back as it is stored.
    s().placeTurn(turnResult({ chat, userMessage: makeMessage({ id: 'u2', chatId: 'c2', content: 'u2' }), reply, replacedFrom: 'a2' }));
    expect(s().messageIdsByChat.c2).toEqual(['u1', 'a1', 'u2', 'r-new']);
    expect(s().messagesById.u2).toBe(u2);
    for (const gone of ['a2', 'u3', 'a3']) expect(s().messagesById[gone]).toBeUndefined();
  });

  it('a send (replacedFrom null) keeps everything and appends', async () => {
    const { s } = await longChat();
    s().placeTurn(turnResult({ chat, userMessage: makeMessage({ id: 'u-new', chatId: 'c2', content: 'more' }), reply }));
    expect(s().messageIdsByChat.c2).toEqual(['u1', 'a1', 'u2', 'a2', 'u3', 'a3', 'u-new', 'r-new']);
  });

  it('through the store: edit of an earlier message, and a re-route of an earlier reply, each one chat.turn', async () => {
    const { s, client, backend } = await longChat();
    installFakeRouting(backend);
    expect(await s().editMessage('u2', 'again')).toBe(true);
    let ids = s().messageIdsByChat.c2!;
    expect(ids.slice(0, 2)).toEqual(['u1', 'a1']);
    expect(ids).toHaveLength(4);
    expect(s().messagesById[ids[2]!]).toMatchObject({ role: 'user', content: 'again' });
    // The reply it started ends; then the first reply is re-routed to another profile.
    client.emit('chat.done', { chatId: 'c2', messageId: ids[3]!, content: 'ok', finishReason: 'eos', stats: null, error: null, routing: null, context: null });
    expect(await s().reroute('a1', 'coding')).toBe(true);
    expect(client.callsTo('chat.turn')).toEqual([
      { action: { type: 'edit', messageId: 'u2', text: 'again' } },
      { action: { type: 'reroute', messageId: 'a1', profileId: 'coding' } },
    ]);
    ids = s().messageIdsByChat.c2!;
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe('u1');
    expect(s().messagesById[ids[1]!]).toMatchObject({ status: 'streaming', domain: 'coding', routing: { mode: 'override', domain: 'coding' } });
    expect(s().messagesById.a1).toBeUndefined();
  });
});

function turnResult(fields: Omit<TurnResult, 'replacedFrom'> & Partial<Pick<TurnResult, 'replacedFrom'>>): TurnResult {
  return { replacedFrom: null, ...fields };
}

function lastTurn(s: () => { messageIdsByChat: Record<string, string[]>; activeChatId: string | null }) {
  const chatId = s().activeChatId!;
  return { chatId, messageId: s().messageIdsByChat[chatId]!.at(-1)! };
}
