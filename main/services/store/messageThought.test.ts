import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Message, type Thought } from '../../contract/entities.js';
import { createStore } from './createStore.js';
import { migrate } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';
import { openDatabase } from './openDatabase.js';
import { tempDir, tempStore } from './tempStore.js';

const thought: Thought = { text: 'The user wants bread.\n\nStarter first: flour and water.', durationMs: 14_200, tokens: 23 };

describe('store: thoughts and the thinking switch (migration 0140)', () => {
  let t: ReturnType<typeof tempStore>;
  beforeEach(() => {
    t = tempStore();
  });
  afterEach(() => t.cleanup());

  it("keeps a chat's thinking switch and budget: auto and no cap by default, kept by other updates, cleared with null", () => {
    const { store } = t;
    const chat = store.createChat({ title: 'x' });
    // Defaults read as absent (the contract's optional fields), as for a chat from before the switch existed.
    expect(chat.thinking).toBeUndefined();
    expect(chat.thinkingBudget).toBeUndefined();
    expect(store.updateChat(chat.id, { thinking: 'off', thinkingBudget: 512 })).toMatchObject({ thinking: 'off', thinkingBudget: 512 });
    expect(store.updateChat(chat.id, { title: 'y' })).toMatchObject({ title: 'y', thinking: 'off', thinkingBudget: 512 });
    const uncapped = store.updateChat(chat.id, { thinkingBudget: null });
    expect(uncapped.thinking).toBe('off');
    expect(uncapped.thinkingBudget).toBeUndefined();
    expect(store.updateChat(chat.id, { thinking: 'auto' }).thinking).toBeUndefined();
    expect(store.createChat({ thinking: 'on', thinkingBudget: 64 })).toMatchObject({ thinking: 'on', thinkingBudget: 64 });
  });

  it('refuses a thinking mode or budget the schema does not know, whatever the caller', () => {
    const chat = t.store.createChat({});
    expect(() => t.db.prepare("UPDATE chats SET thinking = 'maybe' WHERE id = ?").run(chat.id)).toThrow(/CHECK constraint/);
    expect(() => t.db.prepare('UPDATE chats SET thinking_budget = 0 WHERE id = ?').run(chat.id)).toThrow(/CHECK constraint/);
  });

  it('stores a thought apart from the answer: while streaming (drafts), on update, and cleared with null', () => {
    const { store } = t;
    const chat = store.createChat({});
    const reply = store.addMessage({ chatId: chat.id, role: 'assistant', content: '', status: 'streaming' });
    expect(store.getMessage(reply.id).thought).toBeUndefined();
    store.saveDraft(reply.id, '', { text: 'The user', durationMs: 300, tokens: 0 });
    expect(store.getMessage(reply.id)).toMatchObject({ content: '', thought: { text: 'The user', durationMs: 300 }, status: 'streaming' });
    // A draft without a thought keeps the one stored.
    store.saveDraft(reply.id, 'Mix');
    expect(store.getMessage(reply.id)).toMatchObject({ content: 'Mix', thought: { text: 'The user' } });
    expect(store.updateMessage(reply.id, { content: 'Mix flour and water.', thought, status: 'complete' })).toMatchObject({ content: 'Mix flour and water.', thought });
    expect(store.updateMessage(reply.id, { status: 'complete' }).thought).toEqual(thought);
    expect(store.updateMessage(reply.id, { thought: null }).thought).toBeUndefined();
  });

  it('searches answers only: a word that is only in a thought finds nothing', () => {
    const { store } = t;
    const chat = store.createChat({ title: 'Bread' });
    const reply = store.addMessage({ chatId: chat.id, role: 'assistant', content: '', status: 'streaming' });
    store.saveDraft(reply.id, '', { text: 'Perhaps a levain of rye', durationMs: 10, tokens: 0 });
    store.updateMessage(reply.id, { content: 'Mix flour and water.', thought: { text: 'Perhaps a levain of rye', durationMs: 10, tokens: 6 }, status: 'complete' });
    expect(store.search('levain')).toEqual([]);
    expect(store.search('flour').map((h) => h.messageId)).toEqual([reply.id]);
  });

  it('reads a stored thought that does not parse as none, never failing the chat', () => {
    const chat = t.store.createChat({});
    const reply = t.store.addMessage({ chatId: chat.id, role: 'assistant', content: 'Hi' });
    t.db.prepare("UPDATE messages SET thought_json = '{\"text\": 3}' WHERE id = ?").run(reply.id);
    const [read] = t.store.listMessages(chat.id);
    expect(read).toMatchObject({ content: 'Hi' });
    expect(read!.thought).toBeUndefined();
  });
});

describe('store.exportChat and thoughts', () => {
  let t: ReturnType<typeof tempStore>;
  beforeEach(() => {
    t = tempStore();
  });
  afterEach(() => t.cleanup());

  function sample() {
    const chat = t.store.createChat({ title: 'Bread', modelId: 'qwen3' });
    t.store.addMessage({ chatId: chat.id, role: 'user', content: 'How do I start a sourdough?' });
    const reply = t.store.addMessage({ chatId: chat.id, role: 'assistant', content: 'Mix flour and water.', modelId: 'qwen3' });
    t.store.updateMessage(reply.id, { thought });
    t.store.addMessage({ chatId: chat.id, role: 'assistant', content: 'No thinking here.' });
    return chat;
  }

  it('leaves thoughts out by default, in Markdown and in JSON', () => {
    const chat = sample();
    const md = t.store.exportChat(chat.id, 'md').content;
    expect(md).toContain('Mix flour and water.');
    expect(md).not.toContain('Starter first');
    expect(md).not.toMatch(/<details>|Thinking \(/);
    const json = t.store.exportChat(chat.id, 'json').content;
    expect(json).not.toContain('Starter first');
    const parsed = JSON.parse(json) as { messages: Array<Record<string, unknown>> };
    expect(parsed.messages.every((m) => !('thought' in m))).toBe(true);
    expect(parsed.messages.map((m) => Message.parse(m).content)).toEqual(['How do I start a sourdough?', 'Mix flour and water.', 'No thinking here.']);
  });

  it('with includeThinking: Markdown marks the thought as thinking, collapsed and quoted before its answer', () => {
    const chat = sample();
    const md = t.store.exportChat(chat.id, 'md', { includeThinking: true }).content;
    expect(md).toContain(
      '### Assistant (qwen3) · 2025-01-02 03:04 UTC\n\n<details>\n<summary>Thinking (14 s)</summary>\n\n> The user wants bread.\n>\n> Starter first: flour and water.\n\n</details>\n\nMix flour and water.\n',
    );
    // A reply that did not think gets no empty block.
    expect(md.match(/<details>/g)).toHaveLength(1);
    expect(md).toContain('UTC\n\nNo thinking here.\n');
  });

  it('with includeThinking: JSON carries each message’s thought field, null where the model did not think', () => {
    const chat = sample();
    const parsed = JSON.parse(t.store.exportChat(chat.id, 'json', { includeThinking: true }).content) as { messages: unknown[] };
    const messages = parsed.messages.map((m) => Message.parse(m));
    expect(messages.map((m) => m.thought)).toEqual([null, thought, null]);
    expect(messages).toEqual(t.store.listMessages(chat.id).map((m) => ({ ...m, thought: m.thought ?? null })));
  });
});

describe('migration 0140 on a database from before it', () => {
  it('gives old chats auto thinking with no cap and old messages no thought', () => {
    const tmp = tempDir();
    try {
      const old = new BetterSqlite3(tmp.file);
      migrate(old, MIGRATIONS.filter((m) => m.version < 140));
      old.prepare("INSERT INTO chats (id, title, sampling_json, created_at, updated_at) VALUES ('c1', 'Old', '{}', 1, 1)").run();
      old.prepare("INSERT INTO messages (id, chat_id, role, content, status, created_at, updated_at) VALUES ('m1', 'c1', 'assistant', 'Old answer', 'complete', 2, 2)").run();
      old.close();
      const store = createStore({ db: openDatabase(tmp.file) });
      expect(store.getChat('c1')).toMatchObject({ title: 'Old' });
      expect(store.updateChat('c1', { thinking: 'on', thinkingBudget: 100 })).toMatchObject({ thinking: 'on', thinkingBudget: 100 });
      expect(store.getMessage('m1')).toMatchObject({ content: 'Old answer' });
      expect(store.getMessage('m1').thought).toBeUndefined();
      store.close();
    } finally {
      tmp.cleanup();
    }
  });
});
