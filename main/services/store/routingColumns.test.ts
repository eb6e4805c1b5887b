import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RoutingDecision } from '../../contract/index.js';
import { tempStore } from './tempStore.js';

const decision: RoutingDecision = {
  domain: 'healthcare',
  confidence: 0.86,
  scores: { healthcare: 0.86, general: 0.14 },
  reasons: ['"dose" weighs toward Healthcare'],
  tier: 'standard',
  modelId: 'qwen2.5-7b-instruct-q4_k_m',
  fallback: null,
  mode: 'auto',
  systemPrompt: 'You are careful.',
  method: 'lexical',
};

describe('store: routing columns (migration 0070)', () => {
  let t: ReturnType<typeof tempStore>;
  beforeEach(() => {
    t = tempStore();
  });
  afterEach(() => t.cleanup());

  it('keeps a chat routing mode, Auto by default, and changes it', () => {
    const chat = t.store.createChat({ title: 'x' });
    expect(chat.routingMode).toBe('auto');
    expect(t.store.updateChat(chat.id, { routingMode: 'coding' }).routingMode).toBe('coding');
    expect(t.store.updateChat(chat.id, { title: 'y' }).routingMode).toBe('coding');
    expect(t.store.createChat({ routingMode: 'creative' }).routingMode).toBe('creative');
  });

  it('stores the decision with a reply, on insert and on update, and clears it with null', () => {
    const chat = t.store.createChat({});
    const reply = t.store.addMessage({ chatId: chat.id, role: 'assistant', content: '', status: 'streaming', routing: decision, domain: 'healthcare' });
    expect(t.store.getMessage(reply.id).routing).toEqual(decision);
    const changed = { ...decision, modelId: 'llama-3.2-1b-instruct-q4_k_m', fallback: 'Qwen was missing' };
    expect(t.store.updateMessage(reply.id, { routing: changed }).routing).toEqual(changed);
    expect(t.store.updateMessage(reply.id, { content: 'hi' }).routing).toEqual(changed);
    expect(t.store.updateMessage(reply.id, { routing: null }).routing).toBeNull();
  });
});
