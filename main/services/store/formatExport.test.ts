import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Chat, Message } from '../../contract/entities.js';
import { exportFilename } from './formatExport.js';
import { tempStore } from './tempStore.js';

const chatAt = (title: string): Chat => ({ id: 'c', title, modelId: null, systemPrompt: null, sampling: {}, routingMode: 'auto', createdAt: Date.UTC(2025, 4, 6, 7, 8), updatedAt: 0, messageCount: 0 });

describe('exportFilename', () => {
  it('keeps letters and digits of any script, joined by dashes, with the date', () => {
    expect(exportFilename(chatAt('Trip to Zürich: plans / ideas?'), 'md')).toBe('Trip-to-Zürich-plans-ideas-2025-05-06.md');
    expect(exportFilename(chatAt('東京 旅行'), 'json')).toBe('東京-旅行-2025-05-06.json');
  });

  it('is safe on every OS whatever the title', () => {
    const hostile = ['CON', 'nul', '../../etc/passwd', 'a\\b:c*d?e"f<g>h|i', '   ...   ', '\u0000\u0007', '🙂🙂', 'x'.repeat(300), 'COM1.txt'];
    for (const title of hostile) {
      const name = exportFilename(chatAt(title), 'md');
      expect(name, title).toMatch(/^[\p{L}\p{N}-]+-\d{4}-\d\d-\d\d\.md$/u);
      expect([...name].length, title).toBeLessThanOrEqual(80);
      expect(name.split('.')[0]!.toUpperCase(), title).not.toMatch(/^(CON|PRN|AUX|NUL|COM\d|LPT\d)$/);
    }
    expect(exportFilename(chatAt('???'), 'md')).toBe('chat-2025-05-06.md');
  });
});

describe('store.exportChat', () => {
  let t: ReturnType<typeof tempStore>;
  beforeEach(() => {
    t = tempStore();
  });
  afterEach(() => t.cleanup());

  function sample() {
    const { store } = t;
    const chat = store.createChat({ title: 'Bread', modelId: 'tiny', systemPrompt: 'You bake.\nBriefly.' });
    store.addMessage({ chatId: chat.id, role: 'user', content: 'How do I start a **sourdough**?' });
    store.addMessage({ chatId: chat.id, role: 'assistant', content: 'Mix flour and water.', modelId: 'tiny', finishReason: 'eos' });
    store.addMessage({ chatId: chat.id, role: 'assistant', content: 'Then wa', status: 'interrupted', error: 'Hearth stopped', modelId: 'tiny' });
    return store.getChat(chat.id);
  }

  it('writes readable Markdown: title, details, each message with role, time and model', () => {
    const chat = sample();
    const { filename, content } = t.store.exportChat(chat.id, 'md');
    expect(filename).toBe('Bread-2025-01-02.md');
    expect(content).toContain('# Bread\n');
    expect(content).toContain('- Model: tiny\n');
    expect(content).toContain('- Messages: 3\n');
    expect(content).toContain('> **System prompt**\n> You bake.\n> Briefly.');
    expect(content).toMatch(/### You · 2025-01-02 03:04 UTC\n\nHow do I start a \*\*sourdough\*\*\?\n/);
    expect(content).toContain('### Assistant (tiny) · 2025-01-02 03:04 UTC\n\nMix flour and water.\n');
    expect(content).toContain('Then wa\n\n_(interrupted: Hearth stopped)_\n');
    expect(content.indexOf('How do I')).toBeLessThan(content.indexOf('Mix flour'));
  });

  it('writes complete, versioned JSON that reads back as the contract types', () => {
    const chat = sample();
    const { filename, content } = t.store.exportChat(chat.id, 'json');
    expect(filename).toBe('Bread-2025-01-02.json');
    const parsed = JSON.parse(content) as { format: string; version: number; exportedAt: number; chat: unknown; messages: unknown[] };
    expect(parsed).toMatchObject({ format: 'hearth.chat', version: 1 });
    expect(typeof parsed.exportedAt).toBe('number');
    expect(Chat.parse(parsed.chat)).toEqual(chat);
    expect(parsed.messages.map((m) => Message.parse(m))).toEqual(t.store.listMessages(chat.id));
  });

  it('says which chat is missing', () => {
    expect(() => t.store.exportChat('gone', 'md')).toThrow(expect.objectContaining({ code: 'CHAT_NOT_FOUND', message: expect.stringContaining('gone') }));
  });
});
