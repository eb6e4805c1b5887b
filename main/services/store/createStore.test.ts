import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReplyStats } from '../../contract/entities.js';
import { INTERRUPTED_ERROR } from './createStore.js';
import { tempStore } from './tempStore.js';

const stats: ReplyStats = { promptTokens: 12, completionTokens: 40, timeToFirstTokenMs: 80, tokensPerSecond: 25.5, totalMs: 1700, backend: 'cpu', modelId: 'tiny' };

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

describe('store: chats and messages', () => {
  let t: ReturnType<typeof tempStore>;
  beforeEach(() => {
    t = tempStore();
  });
  afterEach(() => t.cleanup());

  it('creates, reads, updates and deletes a chat', () => {
    const { store } = t;
    const chat = store.createChat({ title: 'Plans', modelId: 'tiny', systemPrompt: 'Be brief', sampling: { temperature: 0.2, stop: ['END'] } });
    expect(chat).toEqual({ id: 'id-1', title: 'Plans', modelId: 'tiny', systemPrompt: 'Be brief', sampling: { temperature: 0.2, stop: ['END'] }, routingMode: 'auto', createdAt: chat.createdAt, updatedAt: chat.createdAt, messageCount: 0 });
    expect(store.getChat(chat.id)).toEqual(chat);
    expect(store.createChat({})).toMatchObject({ title: 'New chat', modelId: null, systemPrompt: null, sampling: {} });

    const renamed = store.updateChat(chat.id, { title: 'Trip plans', systemPrompt: null });
    expect(renamed).toMatchObject({ title: 'Trip plans', modelId: 'tiny', systemPrompt: null, sampling: { temperature: 0.2 } });
    expect(renamed.updatedAt).toBeGreaterThan(chat.updatedAt);
    expect(store.updateChat(chat.id, { modelId: null, sampling: {} })).toMatchObject({ title: 'Trip plans', modelId: null, sampling: {} });

    expect(store.deleteChat(chat.id)).toBe(true);
    expect(store.deleteChat(chat.id)).toBe(false);
    expect(store.findChat(chat.id)).toBeNull();
    expect(() => store.getChat(chat.id)).toThrow(/Chat id-1 does not exist/);
    expect(code(() => store.getChat(chat.id))).toBe('CHAT_NOT_FOUND');
    expect(code(() => store.updateChat(chat.id, { title: 'x' }))).toBe('CHAT_NOT_FOUND');
  });

  it('lists chats newest activity first, with cheap message counts and a limit', () => {
    const { store } = t;
    const a = store.createChat({ title: 'a' });
    const b = store.createChat({ title: 'b' });
    const c = store.createChat({ title: 'c' });
    store.addMessage({ chatId: a.id, role: 'user', content: 'hello' });
    store.addMessage({ chatId: a.id, role: 'assistant', content: 'hi' });
    expect(store.listChats().map((s) => [s.title, s.messageCount])).toEqual([['a', 2], ['c', 0], ['b', 0]]);
    expect(store.listChats({ limit: 2 }).map((s) => s.id)).toEqual([a.id, c.id]);
    expect(store.listChats()[0]).toEqual({ id: a.id, title: 'a', updatedAt: store.getChat(a.id).updatedAt, messageCount: 2, modelId: null });
    store.updateChat(b.id, { title: 'b2' });
    expect(store.listChats()[0]!.id).toBe(b.id);
  });

  it('adds messages in order, maps every field, and bumps the chat', () => {
    const { store } = t;
    const chat = store.createChat({ title: 'x' });
    const user = store.addMessage({ chatId: chat.id, role: 'user', content: 'Question?' });
    const reply = store.addMessage({ chatId: chat.id, role: 'assistant', content: 'Answer.', modelId: 'tiny', domain: 'code', stats, finishReason: 'eos' });
    expect(user).toEqual({ id: user.id, chatId: chat.id, role: 'user', content: 'Question?', status: 'complete', modelId: null, domain: null, routing: null, stats: null, context: null, error: null, finishReason: null, createdAt: user.createdAt, updatedAt: user.createdAt });
    expect(reply).toMatchObject({ modelId: 'tiny', domain: 'code', stats, finishReason: 'eos' });
    expect(store.getMessage(reply.id)).toEqual(reply);
    expect(store.listMessages(chat.id)).toEqual([user, reply]);
    expect(store.getChat(chat.id)).toMatchObject({ messageCount: 2, updatedAt: reply.createdAt });
    expect(code(() => store.addMessage({ chatId: 'nope', role: 'user', content: 'x' }))).toBe('CHAT_NOT_FOUND');
    expect(code(() => store.listMessages('nope'))).toBe('CHAT_NOT_FOUND');
    expect(code(() => store.getMessage('nope'))).toBe('MESSAGE_NOT_FOUND');
  });

  it('keeps insertion order even when the clock does not move', () => {
    const { store, clock } = t;
    const chat = store.createChat({});
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      clock.t = 1000;
      ids.push(store.addMessage({ chatId: chat.id, role: i % 2 ? 'assistant' : 'user', content: `m${i}` }).id);
    }
    expect(store.listMessages(chat.id).map((m) => m.id)).toEqual(ids);
  });

  it('updates only the fields given, and null clears', () => {
    const { store } = t;
    const chat = store.createChat({});
    const m = store.addMessage({ chatId: chat.id, role: 'assistant', content: '', status: 'streaming', modelId: 'tiny' });
    const grown = store.updateMessage(m.id, { content: 'Hel' });
    expect(grown).toMatchObject({ content: 'Hel', status: 'streaming', modelId: 'tiny', stats: null });
    expect(grown.updatedAt).toBeGreaterThan(m.updatedAt);
    const done = store.updateMessage(m.id, { content: 'Hello', status: 'complete', stats, finishReason: 'stop', domain: 'chat' });
    expect(done).toMatchObject({ content: 'Hello', status: 'complete', stats, finishReason: 'stop', domain: 'chat', modelId: 'tiny', error: null });
    expect(store.updateMessage(m.id, { stats: null, modelId: null, error: 'x' })).toMatchObject({ content: 'Hello', stats: null, modelId: null, error: 'x', finishReason: 'stop' });
    expect(store.getMessage(m.id).content).toBe('Hello');
    expect(code(() => store.updateMessage('nope', { content: 'x' }))).toBe('MESSAGE_NOT_FOUND');
    expect(() => store.updateMessage(m.id, { status: 'bogus' as never })).toThrow(/CHECK/);
  });

  it('saveDraft writes only the text, keeps it searchable and leaves the connection at synchronous=FULL', () => {
    const { store, file } = t;
    const chat = store.createChat({});
    const m = store.addMessage({ chatId: chat.id, role: 'assistant', content: '', status: 'streaming', modelId: 'tiny' });
    store.saveDraft(m.id, 'A lighthouse keeper');
    expect(store.getMessage(m.id)).toMatchObject({ content: 'A lighthouse keeper', status: 'streaming', modelId: 'tiny' });
    expect(store.getMessage(m.id).updatedAt).toBeGreaterThan(m.updatedAt);
    expect(store.search('lighthouse').map((h) => h.messageId)).toEqual([m.id]);
    expect(code(() => store.saveDraft('nope', 'x'))).toBe('MESSAGE_NOT_FOUND');
    // The store's own connection is back at FULL (2) after each draft, also after the one that threw.
    const raw = new BetterSqlite3(file, { readonly: true });
    try {
      expect(raw.prepare('SELECT content FROM messages WHERE id = ?').pluck().get(m.id)).toBe('A lighthouse keeper');
    } finally {
      raw.close();
    }
    expect(t.db.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('saveDraft commits at synchronous=NORMAL and every other write at FULL', () => {
    const { store, db } = t;
    const chat = store.createChat({});
    const m = store.addMessage({ chatId: chat.id, role: 'assistant', content: '', status: 'streaming' });
    // The level in force when each write commits: a temp trigger calls back into JS on every update of the message.
    const commits: number[] = [];
    let level = 2;
    const pragma = db.pragma.bind(db);
    db.pragma = ((source: string, options?: { simple?: boolean }) => {
      const set = /^synchronous\s*=\s*(\w+)$/i.exec(source.trim());
      if (set) level = { OFF: 0, NORMAL: 1, FULL: 2, EXTRA: 3 }[set[1]!.toUpperCase() as 'OFF' | 'NORMAL' | 'FULL' | 'EXTRA'];
      return pragma(source, options);
    }) as typeof db.pragma;
    db.function('note_commit', () => {
      commits.push(level);
      return null;
    });
    db.exec(`CREATE TEMP TRIGGER note_update AFTER UPDATE ON main.messages WHEN new.id = '${m.id}' BEGIN SELECT note_commit(); END`);
    try {
      store.saveDraft(m.id, 'Once');
      store.saveDraft(m.id, 'Once upon');
      store.updateMessage(m.id, { content: 'Once upon a time', status: 'complete' });
    } finally {
      db.exec('DROP TRIGGER note_update');
      db.pragma = pragma;
    }
    expect(commits).toEqual([1, 1, 2]);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('deleteMessagesFrom removes the message and everything after it in its chat only', () => {
    const { store } = t;
    const chat = store.createChat({});
    const other = store.createChat({});
    const ms = ['u1', 'a1', 'u2', 'a2'].map((content, i) => store.addMessage({ chatId: chat.id, role: i % 2 ? 'assistant' : 'user', content }));
    const keep = store.addMessage({ chatId: other.id, role: 'user', content: 'elsewhere' });
    const before = store.getChat(chat.id).updatedAt;
    expect(store.deleteMessagesFrom(ms[2]!.id)).toBe(2);
    expect(store.listMessages(chat.id).map((m) => m.content)).toEqual(['u1', 'a1']);
    expect(store.getChat(chat.id)).toMatchObject({ messageCount: 2 });
    expect(store.getChat(chat.id).updatedAt).toBeGreaterThan(before);
    expect(store.getMessage(keep.id).content).toBe('elsewhere');
    // A message added after the cut lands after what is left.
    const again = store.addMessage({ chatId: chat.id, role: 'user', content: 'u2 edited' });
    expect(store.listMessages(chat.id).map((m) => m.id)).toEqual([ms[0]!.id, ms[1]!.id, again.id]);
    expect(code(() => store.deleteMessagesFrom(ms[3]!.id))).toBe('MESSAGE_NOT_FOUND');
  });

  it('cascades a chat delete to its messages, and deleteAllChats empties everything but models and settings', () => {
    const { store } = t;
    const a = store.createChat({});
    const b = store.createChat({});
    const m = store.addMessage({ chatId: a.id, role: 'user', content: 'one' });
    store.addMessage({ chatId: b.id, role: 'user', content: 'two' });
    store.upsertModel({ id: 'tiny', name: 'Tiny', path: '/m/t.gguf', source: 'link', sizeBytes: 1, sha256: null, architecture: 'llama', parameters: null, quantization: 'Q8_0', contextLength: 512, hasChatTemplate: false, addedAt: 1 });
    store.updateSettings({ theme: 'dark' });
    expect(store.counts()).toEqual({ chats: 2, messages: 2, models: 1 });
    store.deleteChat(a.id);
    expect(store.counts()).toEqual({ chats: 1, messages: 1, models: 1 });
    expect(store.findChat(a.id)).toBeNull();
    expect(code(() => store.getMessage(m.id))).toBe('MESSAGE_NOT_FOUND');
    expect(store.deleteAllChats()).toBe(1);
    expect(store.counts()).toEqual({ chats: 0, messages: 0, models: 1 });
    expect(store.getSettings().theme).toBe('dark');
  });

  it('recoverInterrupted marks replies left streaming as interrupted, keeping their text', () => {
    const { store } = t;
    const chat = store.createChat({});
    const cut = store.addMessage({ chatId: chat.id, role: 'assistant', content: 'Half a', status: 'streaming' });
    const fine = store.addMessage({ chatId: chat.id, role: 'assistant', content: 'Done', status: 'complete', finishReason: 'eos' });
    expect(store.recoverInterrupted()).toBe(1);
    expect(store.getMessage(cut.id)).toMatchObject({ status: 'interrupted', content: 'Half a', finishReason: 'crashed', error: INTERRUPTED_ERROR });
    expect(store.getMessage(fine.id)).toEqual(fine);
    expect(store.recoverInterrupted()).toBe(0);
  });

  it('reads rows with unreadable JSON as null or empty instead of crashing', () => {
    const { store, file } = t;
    const chat = store.createChat({ sampling: { temperature: 1 } });
    const m = store.addMessage({ chatId: chat.id, role: 'assistant', content: 'x', stats, finishReason: 'eos' });
    const raw = new BetterSqlite3(file);
    raw.prepare("UPDATE chats SET sampling_json = '{not json'").run();
    raw.prepare("UPDATE messages SET stats_json = '{\"promptTokens\":\"many\"}', finish_reason = 'exploded'").run();
    raw.close();
    expect(store.getChat(chat.id).sampling).toEqual({});
    expect(store.getMessage(m.id)).toMatchObject({ stats: null, finishReason: null, content: 'x' });
  });

  it('runs a transaction as one unit, rolling everything back on a throw', () => {
    const { store } = t;
    expect(() =>
      store.transaction(() => {
        const chat = store.createChat({ title: 'doomed' });
        store.addMessage({ chatId: chat.id, role: 'user', content: 'x' });
        throw new Error('stop');
      }),
    ).toThrow('stop');
    expect(store.counts()).toEqual({ chats: 0, messages: 0, models: 0 });
    expect(store.transaction(() => store.createChat({}).id)).toBe('id-3');
  });
});

describe('store: model cache', () => {
  let t: ReturnType<typeof tempStore>;
  beforeEach(() => {
    t = tempStore();
  });
  afterEach(() => t.cleanup());

  const tiny = { id: 'tiny', name: 'Tiny', path: '/models/tiny.gguf', source: 'import' as const, sizeBytes: 5_000_000_000, sha256: 'ab'.repeat(32), architecture: 'llama', parameters: 1.1e9, quantization: 'Q4_K_M', contextLength: 4096, hasChatTemplate: true, role: 'chat' as const, addedAt: 42, broken: null };

  it('upserts, finds by id and path, lists and removes', () => {
    const { store } = t;
    expect(store.upsertModel({ ...tiny, metadata: { 'general.name': 'Tiny' } })).toEqual(tiny);
    expect(store.getModel('tiny')).toEqual(tiny);
    expect(store.findModelByPath('/models/tiny.gguf')).toEqual(tiny);
    expect(store.findModelByPath('/elsewhere.gguf')).toBeNull();
    const updated = store.upsertModel({ ...tiny, name: 'Tiny v2', hasChatTemplate: false, parameters: null });
    expect(updated).toEqual({ ...tiny, name: 'Tiny v2', hasChatTemplate: false, parameters: null });
    // A record given without its role keeps the stored one.
    expect(store.upsertModel({ ...tiny, role: 'reranker' }).role).toBe('reranker');
    const { role: _role, ...withoutRole } = tiny;
    expect(store.upsertModel(withoutRole).role).toBe('reranker');
    store.upsertModel(tiny);
    store.upsertModel({ ...tiny, id: 'alpha', name: 'alpha', path: '/models/a.gguf' });
    expect(store.listModels().map((m) => m.id)).toEqual(['alpha', 'tiny']);
    expect(store.removeModel('tiny')).toBe(true);
    expect(store.removeModel('tiny')).toBe(false);
    expect(store.findModel('tiny')).toBeNull();
    expect(() => store.getModel('tiny')).toThrow('Model tiny is not in the cache. Add it with `hearth models add <file.gguf>`.');
    expect(code(() => store.getModel('tiny'))).toBe('MODEL_NOT_FOUND');
  });

  it('rejects a record that breaks the contract', () => {
    expect(code(() => t.store.upsertModel({ ...tiny, id: 'has spaces' }))).toBe('INVALID_PARAMS');
    expect(code(() => t.store.upsertModel({ ...tiny, sizeBytes: -1 }))).toBe('INVALID_PARAMS');
    expect(t.store.listModels()).toEqual([]);
  });
});
