import { describe, expect, it, vi } from 'vitest';
import { HearthError, type ReplyStats } from '../../../main/contract/index.js';
import { createFakeBackend } from '../test/fakeBackend.js';
import { makeChat, makeMessage, makeModel } from '../test/fixtures.js';
import { bindClient, createHearthStore } from './createHearthStore.js';

function setup() {
  const backend = createFakeBackend([makeModel({ id: 'tiny' })]);
  backend.addChat(makeChat({ id: 'c1', title: 'First' }), [
    makeMessage({ id: 'u1', chatId: 'c1', role: 'user', content: 'Hello' }),
    makeMessage({ id: 'a1', chatId: 'c1', role: 'assistant', content: 'Hi there' }),
  ]);
  const store = createHearthStore(backend.client);
  bindClient(store, backend.client, { scheduleFrame: (callback) => callback() });
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

  it('applies a burst of deltas in one store update per frame, and flushes them before done', async () => {
    const backend = createFakeBackend([makeModel({ id: 'tiny' })]);
    backend.addChat(makeChat({ id: 'c1', title: 'First' }), [makeMessage({ id: 'a1', chatId: 'c1', role: 'assistant', content: 'Hi', status: 'streaming' })]);
    const store = createHearthStore(backend.client);
    const frames: Array<() => void> = [];
    bindClient(store, backend.client, { scheduleFrame: (callback) => frames.push(callback) });
    await store.getState().loadChat('c1');
    const updates = vi.fn();
    store.subscribe(updates);
    for (let seq = 0; seq < 5; seq++) backend.client.emit('chat.delta', { chatId: 'c1', messageId: 'a1', seq, text: String(seq) });
    expect(updates).not.toHaveBeenCalled();
    expect(frames).toHaveLength(1);
    frames.shift()!();
    expect(updates).toHaveBeenCalledTimes(1);
    expect(store.getState().messagesById.a1!.content).toBe('Hi01234');
    backend.client.emit('chat.delta', { chatId: 'c1', messageId: 'a1', seq: 5, text: '5' });
    backend.client.emit('chat.done', { chatId: 'c1', messageId: 'a1', content: 'Hi012345', finishReason: 'eos', stats: null, error: null });
    expect(store.getState().messagesById.a1!.content).toBe('Hi012345');
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
    client.emit('chat.done', { chatId, messageId, content: 'Once', finishReason: 'eos', stats, error: null });
    expect(s().messagesById[messageId]).toMatchObject({ status: 'complete', stats, finishReason: 'eos', content: 'Once' });

    client.emit('chat.done', { chatId: 'c1', messageId: 'a1', content: 'Hi there', finishReason: 'crashed', stats: null, error: { code: 'ENGINE_CRASHED', message: 'The engine stopped.' } });
    expect(s().messagesById.a1).toMatchObject({ status: 'error', error: 'The engine stopped.', finishReason: 'crashed' });
  });

  it('send calls chat.send and shows the turn at once, without reloading a loaded chat', async () => {
    const { s, client } = setup();
    s().selectChat('c1');
    await vi.waitFor(() => expect(s().messageIdsByChat.c1).toHaveLength(2));
    const loads = client.callsTo('chats.get').length;
    const ok = await s().sendMessage('Why is the sky blue?');
    expect(ok).toBe(true);
    expect(client.callsTo('chat.send').at(-1)).toEqual({ chatId: 'c1', text: 'Why is the sky blue?' });
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

  it('send from the draft creates the chat with the draft settings and selects it', async () => {
    const { s, client } = setup();
    await s().updateChatSettings({ modelId: 'tiny', systemPrompt: 'Be brief.', sampling: { temperature: 0.2 } });
    await s().sendMessage('New topic');
    expect(client.callsTo('chat.send').at(-1)).toEqual({ text: 'New topic', modelId: 'tiny', systemPrompt: 'Be brief.', sampling: { temperature: 0.2 } });
    expect(s().activeChatId).toMatch(/^c-/);
    await vi.waitFor(() => expect(s().chatSummaries.some((c) => c.id === s().activeChatId)).toBe(true));
  });

  it('keeps text that deltas brought before the send reply arrived', async () => {
    const { s, client } = setup();
    s().selectChat('c1');
    await vi.waitFor(() => expect(s().messageIdsByChat.c1).toHaveLength(2));
    client.handle('chat.send', ({ chatId }) => {
      client.emit('chat.delta', { chatId: chatId!, messageId: 'early', seq: 0, text: 'Fast' });
      return { chatId: chatId!, userMessageId: 'u-early', messageId: 'early' };
    });
    await s().sendMessage('Quick');
    expect(s().messagesById.early).toMatchObject({ content: 'Fast', status: 'streaming' });
    expect(s().messageIdsByChat.c1!.slice(-2)).toEqual(['u-early', 'early']);
  });

  it('regenerate calls chat.regenerate and replaces the last reply', async () => {
    const { s, client } = setup();
    await s().loadChat('c1');
    expect(await s().regenerate('c1')).toBe(true);
    expect(client.callsTo('chat.regenerate')).toEqual([{ chatId: 'c1' }]);
    const ids = s().messageIdsByChat.c1!;
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe('u1');
    expect(s().messagesById.a1).toBeUndefined();
    expect(s().messagesById[ids[1]!]).toMatchObject({ role: 'assistant', status: 'streaming' });
  });

  it('edit calls chat.edit and replaces the edited message and what followed', async () => {
    const { s, client } = setup();
    await s().loadChat('c1');
    expect(await s().editMessage('u1', 'Hello again')).toBe(true);
    expect(client.callsTo('chat.edit')).toEqual([{ messageId: 'u1', text: 'Hello again' }]);
    const ids = s().messageIdsByChat.c1!;
    expect(ids).toHaveLength(2);
    expect(ids).not.toContain('u1');
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
    client.handle('chat.send', () => {
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

function lastTurn(s: () => { messageIdsByChat: Record<string, string[]>; activeChatId: string | null }) {
  const chatId = s().activeChatId!;
  return { chatId, messageId: s().messageIdsByChat[chatId]!.at(-1)! };
}
