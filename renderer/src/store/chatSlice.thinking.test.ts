import { describe, expect, it } from 'vitest';
import { createFakeBackend } from '../test/fakeBackend.js';
import { makeChat, makeMessage, makeModel } from '../test/fixtures.js';
import { bindClient, createHearthStore } from './createHearthStore.js';
import { mergeMessage } from './mergeMessage.js';

function setup() {
  const backend = createFakeBackend([makeModel({ id: 'qwen3' })]);
  backend.addChat(makeChat({ id: 'c1', modelId: 'qwen3' }), [
    makeMessage({ id: 'u1', chatId: 'c1', role: 'user', content: 'Why is the sky blue?' }),
    makeMessage({ id: 'a1', chatId: 'c1', role: 'assistant', content: '', status: 'streaming' }),
  ]);
  const store = createHearthStore(backend.client);
  bindClient(store, backend.client);
  return { backend, client: backend.client, s: () => store.getState() };
}

describe('chat slice and thoughts', () => {
  it('applies thought deltas to the thought and answer deltas to the content, in one sequence', async () => {
    const { s, client } = setup();
    await s().loadChat('c1');
    client.emit('chat.delta', { chatId: 'c1', messageId: 'a1', seq: 0, text: 'Rayleigh', segment: 'thought' });
    client.emit('chat.delta', { chatId: 'c1', messageId: 'a1', seq: 1, text: ' scattering.', segment: 'thought' });
    expect(s().messagesById.a1).toMatchObject({ content: '', thought: { text: 'Rayleigh scattering.' } });
    client.emit('chat.delta', { chatId: 'c1', messageId: 'a1', seq: 2, text: 'Short waves scatter more.' });
    expect(s().messagesById.a1).toMatchObject({ content: 'Short waves scatter more.', thought: { text: 'Rayleigh scattering.' } });
    // A repeated thought delta (stale seq) is dropped like any other.
    client.emit('chat.delta', { chatId: 'c1', messageId: 'a1', seq: 1, text: ' scattering.', segment: 'thought' });
    expect(s().messagesById.a1!.thought!.text).toBe('Rayleigh scattering.');
  });

  it('batches mixed deltas in one update, each to its segment', async () => {
    const { s } = setup();
    await s().loadChat('c1');
    s().applyDeltas([
      { chatId: 'c1', messageId: 'a1', seq: 0, text: 'a', segment: 'thought' },
      { chatId: 'c1', messageId: 'a1', seq: 1, text: 'b', segment: 'thought' },
      { chatId: 'c1', messageId: 'a1', seq: 2, text: 'Answer' },
    ]);
    expect(s().messagesById.a1).toMatchObject({ content: 'Answer', thought: { text: 'ab' } });
  });

  it('counts the thought’s duration from its first delta while it streams', async () => {
    const { s, client } = setup();
    await s().loadChat('c1');
    client.emit('chat.delta', { chatId: 'c1', messageId: 'a1', seq: 0, text: 'x', segment: 'thought' });
    await new Promise((r) => setTimeout(r, 60));
    client.emit('chat.delta', { chatId: 'c1', messageId: 'a1', seq: 1, text: 'y', segment: 'thought' });
    expect(s().messagesById.a1!.thought!.durationMs).toBeGreaterThanOrEqual(50);
  });

  it('takes the thought chat.done sends as final, and keeps its own when done sends none', async () => {
    const { s, client } = setup();
    await s().loadChat('c1');
    client.emit('chat.delta', { chatId: 'c1', messageId: 'a1', seq: 0, text: 'partial', segment: 'thought' });
    client.emit('chat.done', { chatId: 'c1', messageId: 'a1', content: 'Blue.', thought: { text: 'partial and mended', durationMs: 4_000, tokens: 7 }, finishReason: 'eos', stats: null, error: null, routing: null, context: null });
    expect(s().messagesById.a1).toMatchObject({ content: 'Blue.', status: 'complete', thought: { text: 'partial and mended', durationMs: 4_000, tokens: 7 } });
  });

  it('keeps thought text that arrived before the turn result (placeTurn)', async () => {
    const { s, client, backend } = setup();
    await s().loadChat('c1');
    const result = backend.startReply('c1', makeMessage({ id: 'u2', chatId: 'c1', role: 'user', content: 'And sunsets?' }));
    client.emit('chat.delta', { chatId: 'c1', messageId: result.reply.id, seq: 0, text: 'Longer path.', segment: 'thought' });
    s().placeTurn(result);
    expect(s().messagesById[result.reply.id]!.thought?.text).toBe('Longer path.');
  });

  it('sends a new chat’s thinking settings with its first message', async () => {
    const { s, backend } = setup();
    s().newChat();
    await s().updateChatSettings({ thinking: 'off', thinkingBudget: 300 });
    await s().sendMessage('hi');
    expect(backend.client.callsTo('chat.turn')[0]).toMatchObject({ newChat: { thinking: 'off', thinkingBudget: 300 } });
  });
});

describe('mergeMessage and thoughts', () => {
  const base = makeMessage({ id: 'a1', chatId: 'c1', role: 'assistant', status: 'streaming' });
  it('keeps the longer thought while both copies stream (deltas are fresher than the database)', () => {
    const local = { ...base, thought: { text: 'abcdef', durationMs: 900, tokens: 0 } };
    const server = { ...base, thought: { text: 'abc', durationMs: 500, tokens: 0 } };
    expect(mergeMessage(local, server).thought!.text).toBe('abcdef');
    expect(mergeMessage(server, local).thought!.text).toBe('abcdef');
  });

  it('takes a finished server copy’s thought, and keeps a locally finished one over a server copy read mid-stream', () => {
    const finished = { ...base, status: 'complete' as const, thought: { text: 'final', durationMs: 1000, tokens: 3 } };
    expect(mergeMessage({ ...base, thought: { text: 'fin', durationMs: 1, tokens: 0 } }, finished).thought).toEqual(finished.thought);
    expect(mergeMessage(finished, { ...base, thought: { text: 'fi', durationMs: 1, tokens: 0 } }).thought).toEqual(finished.thought);
  });
});
