import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HearthError } from '../../contract/index.js';
import { fixturePath } from '../../../test/fixtures.js';
import { eventsOf, tempServices } from '../../../test/tempServices.js';

type S = Awaited<ReturnType<typeof tempServices>>;

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
    const ids = s.chat.send({ text: 'What is the capital of France?\nSecond line.', modelId, sampling: { maxTokens: 16, seed: 1 } });
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
    // The first reply loaded the model, and said so as it went.
    const progress = eventsOf(s.events, 'models.loadProgress').filter((p) => p.modelId === modelId);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)!.progress).toBe(1);
    const chat = s.store.getChat(ids.chatId);
    expect(chat.title).toBe('What is the capital of France?');
    expect(s.store.listMessages(ids.chatId).map((m) => m.role)).toEqual(['user', 'assistant']);
  });

  it('persists the reply while it streams, not only at the end', async () => {
    const ids = s.chat.send({ text: 'Tell me a long story', modelId: longModelId, sampling: { maxTokens: 100_000 } });
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
    const ids = s.chat.send({ text: 'First', modelId: longModelId, sampling: { maxTokens: 100_000 } });
    expect(() => s.chat.send({ chatId: ids.chatId, text: 'Second' })).toThrow(expect.objectContaining({ code: 'BUSY' }));
    s.chat.stop(ids.messageId);
    await s.chat.whenDone(ids.messageId);
  });

  it('regenerates the last reply in place', async () => {
    const first = s.chat.send({ text: 'Hello', modelId, sampling: { maxTokens: 8, seed: 3 } });
    await s.chat.whenDone(first.messageId);
    const again = s.chat.regenerate(first.chatId);
    expect(again.userMessageId).toBe(first.userMessageId);
    await s.chat.whenDone(again.messageId);
    const messages = s.store.listMessages(first.chatId);
    expect(messages.map((m) => m.id)).toEqual([first.userMessageId, again.messageId]);
    expect(() => s.store.getMessage(first.messageId)).toThrow(expect.objectContaining({ code: 'MESSAGE_NOT_FOUND' }));
  });

  it('edits a user message and continues from there, dropping what followed', async () => {
    const a = s.chat.send({ text: 'One', modelId, sampling: { maxTokens: 4 } });
    await s.chat.whenDone(a.messageId);
    const b = s.chat.send({ chatId: a.chatId, text: 'Two', sampling: { maxTokens: 4 } });
    await s.chat.whenDone(b.messageId);
    const edited = s.chat.edit(a.userMessageId, 'One, edited');
    await s.chat.whenDone(edited.messageId);
    const messages = s.store.listMessages(a.chatId);
    expect(messages.map((m) => [m.role, m.role === 'user' ? m.content : 'reply'])).toEqual([
      ['user', 'One, edited'],
      ['assistant', 'reply'],
    ]);
  });

  it('saves nothing when the model is unknown', async () => {
    const before = s.store.counts();
    expect(() => s.chat.send({ text: 'hi', modelId: 'no-such-model' })).toThrow(HearthError);
    expect(s.store.counts()).toEqual(before);
  });

  it('marks the reply failed, keeping its text, when the engine process dies; the next send works', async () => {
    const ids = s.chat.send({ text: 'Crash test', modelId: longModelId, sampling: { maxTokens: 100_000 } });
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
    const next = s.chat.send({ chatId: ids.chatId, text: 'Again', sampling: { maxTokens: 4 } });
    expect((await s.chat.whenDone(next.messageId)).status).toBe('complete');
  });
});
