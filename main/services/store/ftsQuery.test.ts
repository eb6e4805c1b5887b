import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ftsQuery } from './ftsQuery.js';
import { tempStore } from './tempStore.js';

describe('ftsQuery', () => {
  it('quotes every word, ANDs them and makes the last one a prefix', () => {
    expect(ftsQuery('hello world')).toBe('"hello" "world"*');
    expect(ftsQuery('  "NEAR(a b)" -x col:y *')).toBe('"NEAR" "a" "b" "x" "col" "y"*');
    expect(ftsQuery('Ünïcödé 東京')).toBe('"Ünïcödé" "東京"*');
  });

  it('returns null when nothing searchable is left', () => {
    expect(ftsQuery('')).toBeNull();
    expect(ftsQuery('"*:-()^')).toBeNull();
  });

  it('keeps a decomposed accent inside its word', () => {
    expect(ftsQuery('cafe\u0301')).toBe('"café"*');
  });
});

describe('store.search', () => {
  let t: ReturnType<typeof tempStore>;
  let chatId: string;
  beforeEach(() => {
    t = tempStore();
    chatId = t.store.createChat({ title: 'Baking' }).id;
  });
  afterEach(() => t.cleanup());

  const add = (content: string, role: 'user' | 'assistant' = 'user') => t.store.addMessage({ chatId, role, content });

  it('finds words anywhere, wraps matches in [[ ]] and names the chat', () => {
    const m = add('How long should sourdough bread rest before baking?');
    add('Something unrelated about gardening.');
    const hits = t.store.search('sourdough');
    expect(hits).toEqual([{ chatId, chatTitle: 'Baking', messageId: m.id, role: 'user', snippet: expect.stringContaining('[[sourdough]]'), createdAt: m.createdAt }]);
    expect(t.store.search('SOURDOUGH bread').map((h) => h.messageId)).toEqual([m.id]);
    expect(t.store.search('sourdough gardening')).toEqual([]);
  });

  it('matches the last word as a prefix, for search as you type', () => {
    const m = add('The fermentation takes twelve hours.');
    expect(t.store.search('ferm').map((h) => h.messageId)).toEqual([m.id]);
    expect(t.store.search('ferm takes')).toEqual([]);
    expect(t.store.search('fermentation tw').map((h) => h.messageId)).toEqual([m.id]);
  });

  it('ignores diacritics both ways', () => {
    const m = add('Un café crème à Zürich, s’il vous plaît.');
    expect(t.store.search('cafe creme').map((h) => h.messageId)).toEqual([m.id]);
    expect(t.store.search('ZURICH').map((h) => h.messageId)).toEqual([m.id]);
    const plain = add('A naive resume');
    expect(t.store.search('naïve résumé').map((h) => h.messageId)).toEqual([plain.id]);
  });

  it('never throws on hostile or odd input', () => {
    add('a "quoted" NEAR thing AND more - col: stuff');
    const hostile = ['"', '""', '*', 'AND', 'OR', 'NOT', 'NEAR(', 'NEAR(a b', '-x', 'col:', 'content:x', '^start', '(', ')', 'a AND', "'; DROP TABLE messages; --", '\u0000', '🙂', '{content}: x', 'x'.repeat(500)];
    for (const q of hostile) expect(() => t.store.search(q), q).not.toThrow();
    // Operators are searched as plain words.
    expect(t.store.search('NEAR').length).toBe(1);
    expect(t.store.search('col:').length).toBe(1);
    expect(t.store.search('"quoted').length).toBe(1);
    expect(t.store.counts().messages).toBe(1);
  });

  it('ranks the better match first and honours the limit', () => {
    const weak = add('One mention of yeast among many other words about flour water salt and time.');
    const strong = add('Yeast, yeast, yeast.');
    expect(t.store.search('yeast').map((h) => h.messageId)).toEqual([strong.id, weak.id]);
    expect(t.store.search('yeast', { limit: 1 }).map((h) => h.messageId)).toEqual([strong.id]);
  });

  it('stays in sync through streaming updates, edits, deletes and chat deletion', () => {
    const m = t.store.addMessage({ chatId, role: 'assistant', content: '', status: 'streaming' });
    t.store.updateMessage(m.id, { content: 'Preheat the' });
    t.store.updateMessage(m.id, { content: 'Preheat the oven to 250 degrees' });
    expect(t.store.search('oven').map((h) => h.messageId)).toEqual([m.id]);
    t.store.updateMessage(m.id, { content: 'Use a dutch pot instead', status: 'complete' });
    expect(t.store.search('oven')).toEqual([]);
    expect(t.store.search('dutch').map((h) => h.messageId)).toEqual([m.id]);
    t.store.updateMessage(m.id, { status: 'complete', domain: 'cooking' });
    expect(t.store.search('dutch').map((h) => h.messageId)).toEqual([m.id]);
    t.store.deleteMessagesFrom(m.id);
    expect(t.store.search('dutch')).toEqual([]);
    add('kept for a moment');
    t.store.deleteChat(chatId);
    expect(t.store.search('kept')).toEqual([]);
    // FTS5's own check compares the index with the content table, term by term.
    const raw = new BetterSqlite3(t.file);
    expect(() => raw.exec("INSERT INTO messages_fts (messages_fts, rank) VALUES ('integrity-check', 1)")).not.toThrow();
    raw.close();
  });
});
