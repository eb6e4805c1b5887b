import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReplySource } from '../../contract/index.js';
import { clearUserTables } from '../privacy/clearUserTables.js';
import { tempStore } from './tempStore.js';

const source: ReplySource = {
  n: 1,
  path: '/home/u/notes/ferry.md',
  title: 'Ferry',
  heading: 'Boats > Tickets',
  page: null,
  lines: [3, 5],
  text: 'Buy tickets at the pier.',
  score: 1.5,
  collectionId: 'c1',
  chunkId: 7,
};

describe('store: document chats (migration 0130)', () => {
  let t: ReturnType<typeof tempStore>;
  const addCollection = (id: string) => t.db.prepare('INSERT INTO doc_collections (id, name, created_at) VALUES (?, ?, 0)').run(id, `name ${id}`);
  beforeEach(() => {
    t = tempStore();
    for (const id of ['c1', 'c2', 'c3']) addCollection(id);
  });
  afterEach(() => t.cleanup());

  it('creates and updates a chat with collections, in the order given, and reads without them as before', () => {
    expect(t.store.createChat({ title: 'plain' })).not.toHaveProperty('collectionIds');
    const chat = t.store.createChat({ title: 'docs', collectionIds: ['c2', 'c1', 'c2'] });
    expect(chat.collectionIds).toEqual(['c2', 'c1']);
    expect(t.store.updateChat(chat.id, { collectionIds: ['c3', 'c2'] }).collectionIds).toEqual(['c3', 'c2']);
    expect(t.store.updateChat(chat.id, { title: 'renamed' }).collectionIds).toEqual(['c3', 'c2']);
    expect(t.store.updateChat(chat.id, { collectionIds: [] })).not.toHaveProperty('collectionIds');
  });

  it('refuses an unknown collection with NOT_FOUND and changes nothing', () => {
    const chat = t.store.createChat({ title: 'docs', collectionIds: ['c1'] });
    expect(() => t.store.updateChat(chat.id, { collectionIds: ['c2', 'nope'], title: 'changed' })).toThrow(expect.objectContaining({ code: 'NOT_FOUND', message: expect.stringContaining('nope') }));
    expect(t.store.getChat(chat.id)).toMatchObject({ title: 'docs', collectionIds: ['c1'] });
    expect(() => t.store.createChat({ title: 'bad', collectionIds: ['nope'] })).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(t.store.listChats()).toHaveLength(1);
  });

  it('attaches a dropped-files collection last, keeps it marked, and detaches when either side goes', () => {
    const chat = t.store.createChat({ title: 'docs', collectionIds: ['c1'] });
    expect(t.store.droppedCollectionId(chat.id)).toBeNull();
    expect(t.store.attachCollection(chat.id, 'c3', { dropped: true }).collectionIds).toEqual(['c1', 'c3']);
    expect(t.store.attachCollection(chat.id, 'c1').collectionIds).toEqual(['c1', 'c3']);
    expect(t.store.droppedCollectionId(chat.id)).toBe('c3');
    // Reordering keeps the mark.
    t.store.updateChat(chat.id, { collectionIds: ['c3', 'c1'] });
    expect(t.store.droppedCollectionId(chat.id)).toBe('c3');
    // Removing a collection detaches it from every chat.
    t.db.prepare('DELETE FROM doc_collections WHERE id = ?').run('c3');
    expect(t.store.getChat(chat.id).collectionIds).toEqual(['c1']);
    expect(t.store.droppedCollectionId(chat.id)).toBeNull();
    // Deleting the chat removes its links.
    t.store.deleteChat(chat.id);
    expect(t.db.prepare('SELECT count(*) AS n FROM chat_collections').get()).toEqual({ n: 0 });
  });

  it('stores a reply\'s sources on insert and update; [] and null stay apart', () => {
    const chat = t.store.createChat({});
    const plain = t.store.addMessage({ chatId: chat.id, role: 'assistant', content: 'hi' });
    expect(plain).not.toHaveProperty('sources');
    const reply = t.store.addMessage({ chatId: chat.id, role: 'assistant', content: '', status: 'streaming', sources: [] });
    expect(t.store.getMessage(reply.id).sources).toEqual([]);
    expect(t.store.updateMessage(reply.id, { sources: [source] }).sources).toEqual([source]);
    expect(t.store.updateMessage(reply.id, { content: 'x' }).sources).toEqual([source]);
    expect(t.store.listMessages(chat.id)[1]!.sources).toEqual([source]);
    expect(t.store.updateMessage(reply.id, { sources: null })).not.toHaveProperty('sources');
  });

  it('exports a reply\'s sources: listed under it in Markdown, whole in JSON', () => {
    const chat = t.store.createChat({ title: 'docs', collectionIds: ['c1'] });
    t.store.addMessage({ chatId: chat.id, role: 'assistant', content: 'At the pier [1].', sources: [source, { ...source, n: 2, heading: null, lines: null, page: 3 }] });
    expect(t.store.exportChat(chat.id, 'md').content).toContain('At the pier [1].\n\n**Sources**\n\n- [1] /home/u/notes/ferry.md — Boats > Tickets, lines 3–5\n- [2] /home/u/notes/ferry.md — page 3\n');
    const json = JSON.parse(t.store.exportChat(chat.id, 'json').content) as { chat: { collectionIds: string[] }; messages: { sources: unknown }[] };
    expect(json.chat.collectionIds).toEqual(['c1']);
    expect(json.messages[0]!.sources).toEqual([source, { ...source, n: 2, heading: null, lines: null, page: 3 }]);
  });

  it('delete-all clears the links and the sources with the chats', () => {
    const chat = t.store.createChat({ collectionIds: ['c1'] });
    t.store.addMessage({ chatId: chat.id, role: 'assistant', content: 'a', sources: [source] });
    clearUserTables(t.db, { includeModels: false });
    expect(t.db.prepare('SELECT (SELECT count(*) FROM chat_collections) + (SELECT count(*) FROM doc_collections) + (SELECT count(*) FROM messages) AS n').get()).toEqual({ n: 0 });
  });
});
