import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TurnParams } from '../../contract/index.js';
import { fixturePath } from '../../../test/fixtures.js';
import { eventsOf, tempServices } from '../../../test/tempServices.js';

type S = Awaited<ReturnType<typeof tempServices>>;
type Sampling = NonNullable<NonNullable<TurnParams['newChat']>['sampling']>;

/** The ids the tests follow, from one chat.turn. */
async function turn(s: S, params: TurnParams) {
  const r = await s.chat.turn(params);
  return { chatId: r.chat.id, userMessageId: r.userMessage.id, messageId: r.reply.id };
}
/** Sampling belongs to the chat: a new chat is created with it, an existing one is updated first. */
function send(s: S, text: string, o: { chatId?: string; modelId?: string; sampling?: Sampling } = {}) {
  if (o.chatId && o.sampling) s.chat.updateChat(o.chatId, { sampling: o.sampling });
  return turn(s, { ...(o.chatId ? { chatId: o.chatId } : { newChat: o.sampling ? { sampling: o.sampling } : {} }), ...(o.modelId ? { modelId: o.modelId } : {}), action: { type: 'send', text } });
}

describe('chat service on the real engine and store', () => {
  let s: S;
  let modelId: string;
  /** Keeps streaming (practically never samples end-of-sequence): for stop, busy and crash tests. */
  let longModelId: string;
  beforeAll(async () => {
    s = await tempServices({ persistIntervalMs: 20 });
    modelId = (await s.models.add(fixturePath('tiny'), { mode: 'link' })).id;
    longModelId = (await s.models.add(fixturePath('small'), { mode: 'link' })).id;
  });
  afterAll(async () => {
    await s.cleanup();
  });

  it('sends in a new chat: returns ids at once, streams deltas in order, stores the reply with stats', async () => {
    const ids = await send(s, 'What is the capital of France?\nSecond line.', { modelId: modelId, sampling: { maxTokens: 16, seed: 1 } });
    expect(s.store.getMessage(ids.messageId).status).toBe('streaming');
    const reply = await s.chat.whenDone(ids.messageId);
    expect(reply.status).toBe('complete');
    expect(reply.stats?.completionTokens).toBeGreaterThan(0);
    expect(reply.modelId).toBe(modelId);
    const deltas = eventsOf(s.events, 'chat.delta').filter((d) => d.messageId === ids.messageId);
    expect(deltas.map((d) => d.seq)).toEqual(deltas.map((_, i) => i));
    expect(deltas.map((d) => d.text).join('')).toBe(reply.content);
    const done = eventsOf(s.events, 'chat.done').find((d) => d.messageId === ids.messageId);
    expect(done?.stats?.completionTokens).toBe(reply.stats?.completionTokens);
    // The reply's life, each step carrying its message id: queued, loading its model (the first reply loads it), generating.
    const phases = eventsOf(s.events, 'chat.reply').filter((p) => p.messageId === ids.messageId);
    expect(phases[0]).toMatchObject({ phase: 'queued', chatId: ids.chatId, modelId });
    const loading = phases.filter((p) => p.phase === 'loading');
    expect(loading.length).toBeGreaterThan(0);
    expect(loading.every((p) => p.modelId === modelId && p.progress !== null)).toBe(true);
    expect(phases.at(-1)).toMatchObject({ phase: 'generating', context: { includedMessages: 0, leftOutMessages: 0 } });
    expect(phases.map((p) => p.phase)).toEqual(['queued', ...loading.map(() => 'loading'), 'generating']);
    expect(reply.context).toMatchObject({ leftOutMessages: 0, windowTokens: expect.any(Number) });
    const chat = s.store.getChat(ids.chatId);
    expect(chat.title).toBe('What is the capital of France?');
    expect(s.store.listMessages(ids.chatId).map((m) => m.role)).toEqual(['user', 'assistant']);
  });

  it('persists the reply while it streams, not only at the end', async () => {
    const ids = await send(s, 'Tell me a long story', { modelId: longModelId, sampling: { maxTokens: 100_000 } });
    const seenWhileStreaming: string[] = [];
    await new Promise<void>((resolve) => {
      const off = s.bus.subscribe((event, payload) => {
        if (event !== 'chat.delta' || (payload as { messageId: string }).messageId !== ids.messageId) return;
        const stored = s.store.getMessage(ids.messageId);
        if (stored.status === 'streaming' && stored.content.length > 0) seenWhileStreaming.push(stored.content);
        if (seenWhileStreaming.length >= 3) {
          off();
          resolve();
        }
      });
    });
    expect(s.chat.stop(ids.messageId)).toBe(true);
    const reply = await s.chat.whenDone(ids.messageId);
    expect(reply.finishReason).toBe('aborted');
    expect(reply.status).toBe('complete');
    expect(reply.content.startsWith(seenWhileStreaming[0]!)).toBe(true);
  });

  it('refuses a second reply in the same chat while one streams', async () => {
    const ids = await send(s, 'First', { modelId: longModelId, sampling: { maxTokens: 100_000 } });
    await expect(send(s, 'Second', { chatId: ids.chatId })).rejects.toMatchObject({ code: 'BUSY' });
    s.chat.stop(ids.messageId);
    await s.chat.whenDone(ids.messageId);
  });

  it('regenerates the last reply in place', async () => {
    const first = await send(s, 'Hello', { modelId: modelId, sampling: { maxTokens: 8, seed: 3 } });
    await s.chat.whenDone(first.messageId);
    const again = await turn(s, { chatId: first.chatId, action: { type: 'regenerate' } });
    expect(again.userMessageId).toBe(first.userMessageId);
    await s.chat.whenDone(again.messageId);
    const messages = s.store.listMessages(first.chatId);
    expect(messages.map((m) => m.id)).toEqual([first.userMessageId, again.messageId]);
    expect(() => s.store.getMessage(first.messageId)).toThrow(expect.objectContaining({ code: 'MESSAGE_NOT_FOUND' }));
  });

  it('edits a user message and continues from there, dropping what followed', async () => {
    const a = await send(s, 'One', { modelId: modelId, sampling: { maxTokens: 4 } });
    await s.chat.whenDone(a.messageId);
    const b = await send(s, 'Two', { chatId: a.chatId });
    await s.chat.whenDone(b.messageId);
    const edited = await turn(s, { action: { type: 'edit', messageId: a.userMessageId, text: 'One, edited' } });
    await s.chat.whenDone(edited.messageId);
    const messages = s.store.listMessages(a.chatId);
    expect(messages.map((m) => [m.role, m.role === 'user' ? m.content : 'reply'])).toEqual([
      ['user', 'One, edited'],
      ['assistant', 'reply'],
    ]);
  });

  it('saves nothing when the model is unknown', async () => {
    const before = s.store.counts();
    await expect(send(s, 'hi', { modelId: 'no-such-model' })).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND' });
    expect(s.store.counts()).toEqual(before);
  });

  it('marks the reply failed, keeping its text, when the engine process dies; the next send works', async () => {
    const ids = await send(s, 'Crash test', { modelId: longModelId, sampling: { maxTokens: 100_000 } });
    await new Promise<void>((resolve) => {
      const off = s.bus.subscribe((event, payload) => {
        if (event === 'chat.delta' && (payload as { messageId: string }).messageId === ids.messageId && s.engine.pid) {
          off();
          process.kill(s.engine.pid, 'SIGKILL');
          resolve();
        }
      });
    });
    const reply = await s.chat.whenDone(ids.messageId);
    expect(reply.status).toBe('error');
    expect(reply.finishReason).toBe('crashed');
    expect(reply.error).toMatch(/stopped unexpectedly/);
    expect(reply.content.length).toBeGreaterThan(0);
    const done = eventsOf(s.events, 'chat.done').find((d) => d.messageId === ids.messageId);
    expect(done?.error?.code).toBe('ENGINE_CRASHED');
    const next = await send(s, 'Again', { chatId: ids.chatId, sampling: { maxTokens: 4 } });
    expect((await s.chat.whenDone(next.messageId)).status).toBe('complete');
  });

  it('leaves out the oldest messages that do not fit the context, says how many, and keeps the newest', async () => {
    await s.settings.update({ engine: { contextSize: 256 } });
    await s.engine.unload(modelId);
    try {
      const chat = s.chat.createChat({ title: 'long', modelId, sampling: { maxTokens: 4 } });
      for (let i = 0; i < 40; i++) {
        s.store.addMessage({ chatId: chat.id, role: 'user', content: `Question ${i}: what happened to the old lighthouse keeper and his dog?` });
        s.store.addMessage({ chatId: chat.id, role: 'assistant', content: `Answer ${i}: he walked the dog along the shore every morning.` });
      }
      const ids = await send(s, 'And then?', { chatId: chat.id, sampling: { maxTokens: 4 } });
      const reply = await s.chat.whenDone(ids.messageId);
      expect(reply.status).toBe('complete');
      const context = reply.context!;
      expect(context.windowTokens).toBe(256);
      expect(context.leftOutMessages).toBeGreaterThan(0);
      expect(context.includedMessages).toBeGreaterThan(0);
      expect(context.leftOutMessages + context.includedMessages).toBe(80);
      // The newest earlier messages are the ones kept: everything from oldestIncludedId on, up to the new message.
      const messages = s.store.listMessages(chat.id);
      const oldest = messages.findIndex((m) => m.id === context.oldestIncludedId);
      expect(oldest).toBe(context.leftOutMessages);
      expect(messages[oldest]!.role).toBe('user');
      expect(context.systemTokens + context.historyTokens + context.newMessageTokens + context.reservedTokens).toBeLessThanOrEqual(256);
      // Stored with the reply, so a reloaded chat shows it too.
      expect(s.store.getMessage(ids.messageId).context).toEqual(context);
    } finally {
      await s.settings.update({ engine: { contextSize: null } });
      await s.engine.unload(modelId);
    }
  });
});
