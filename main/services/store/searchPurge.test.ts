import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempStore } from './tempStore.js';

/**
 * The search index after deletions (migration 0160): FTS5's secure-delete
 * corrupted it in SQLite 3.53.2 once a deleted row had a term about 127 times
 * after an update, so deleted text is purged by merging the index instead.
 */
describe('search index after deletions', () => {
  let t: ReturnType<typeof tempStore>;
  beforeEach(() => {
    t = tempStore();
  });
  afterEach(() => t.cleanup());

  const integrity = () => t.db.exec("INSERT INTO messages_fts (messages_fts, rank) VALUES ('integrity-check', 1)");

  it('stays intact when a streamed reply with a frequent word is updated, then deleted', () => {
    const chat = t.store.createChat({ title: 'Long' });
    t.store.addMessage({ chatId: chat.id, role: 'user', content: 'tell me a long story' });
    const other = t.store.addMessage({ chatId: chat.id, role: 'assistant', content: 'the '.repeat(300) + 'end' });
    const reply = t.store.addMessage({ chatId: chat.id, role: 'assistant', content: '', status: 'streaming' });
    for (let i = 1; i <= 40; i++) t.store.saveDraft(reply.id, `draft ${i} ` + 'the '.repeat(100 + i * 5));
    t.store.updateMessage(reply.id, { content: 'final ' + 'the '.repeat(400), status: 'complete' });
    expect(integrity).not.toThrow();
    t.store.deleteMessagesFrom(reply.id);
    expect(integrity).not.toThrow();
    expect(t.store.search('final')).toEqual([]);
    expect(t.store.search('the').map((h) => h.messageId)).toEqual([other.id]);
    t.store.deleteChat(chat.id);
    expect(integrity).not.toThrow();
    expect(t.store.search('the')).toEqual([]);
  });

  it('leaves no deleted chat\'s words in the database file', () => {
    const keep = t.store.createChat({ title: 'Keep' });
    t.store.addMessage({ chatId: keep.id, role: 'user', content: 'ordinary words kept here' });
    const gone = t.store.createChat({ title: 'Gone' });
    const reply = t.store.addMessage({ chatId: gone.id, role: 'assistant', content: '', status: 'streaming' });
    for (let i = 1; i <= 20; i++) t.store.saveDraft(reply.id, 'zebracorn '.repeat(i * 10));
    t.store.updateMessage(reply.id, { status: 'complete' });
    t.store.deleteChat(gone.id);
    expect(fs.readFileSync(t.file).includes('zebracorn')).toBe(false);
    expect(t.store.search('ordinary').length).toBe(1);
  });
});
