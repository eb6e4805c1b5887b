import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureFamilyFixture } from '../../../test/families/familyFixture.js';
import { FAMILY_SPECS } from '../../../test/families/familySpecs.js';
import { ensureLlamaSource } from '../../../test/families/llamaSource.js';
import { eventsOf, tempServices } from '../../../test/tempServices.js';

type S = Awaited<ReturnType<typeof tempServices>>;

/**
 * The app's half of reasoning on the real engine: a tiny random-weight model
 * with Qwen3's real tokenizer and template (test/families), so the engine
 * really splits thought from answer, and the chat service, store and events
 * carry what it splits. Skipped where node-llama-cpp ships no llama.cpp source.
 */
const source = ensureLlamaSource();
const qwen3 = FAMILY_SPECS.find((f) => f.id === 'qwen3')!;

describe.skipIf(!source)('a reasoning model’s reply through the chat service, on the real engine', () => {
  let s: S;
  let modelId: string;
  beforeAll(async () => {
    s = await tempServices({ persistIntervalMs: 20 });
    modelId = (await s.models.add(await ensureFamilyFixture(source!, qwen3), { mode: 'link' })).id;
  }, 120_000);
  afterAll(async () => {
    await s?.cleanup();
  });

  async function reply(thinking: 'on' | 'off', budget: number | null, text: string, chatId?: string) {
    const r = await s.chat.turn(chatId ? { chatId, action: { type: 'send', text } } : { newChat: { thinking, thinkingBudget: budget, sampling: { maxTokens: 16, seed: 3 } }, modelId, action: { type: 'send', text } });
    const message = await s.chat.whenDone(r.reply.id);
    const deltas = eventsOf(s.events, 'chat.delta').filter((d) => d.messageId === r.reply.id);
    const done = eventsOf(s.events, 'chat.done').find((d) => d.messageId === r.reply.id)!;
    return { chatId: r.chat.id, message, deltas, done, stored: s.store.getMessage(r.reply.id) };
  }

  it('thinking on with a budget: the thought streams as thought deltas and is stored apart, the answer still comes', async () => {
    const { message, deltas, done, stored } = await reply('on', 4, 'Is 91 prime?');
    expect(message.status).toBe('complete');
    const thought = deltas.filter((d) => d.segment === 'thought').map((d) => d.text).join('');
    const answer = deltas.filter((d) => d.segment === undefined).map((d) => d.text).join('');
    expect(thought.length).toBeGreaterThan(0);
    expect(message.thought).toMatchObject({ text: thought });
    expect(message.thought!.tokens).toBeGreaterThan(0);
    expect(message.thought!.tokens).toBeLessThanOrEqual(4);
    expect(message.content).toBe(answer);
    expect(message.content.length).toBeGreaterThan(0);
    expect(message.content).not.toContain(thought);
    expect(message.stats?.thoughtTokens).toBe(message.thought!.tokens);
    expect(done.thought).toEqual(message.thought);
    expect(stored).toEqual(message);
  });

  it('thinking off: no thought, and the whole reply is the answer', async () => {
    const { message, deltas, done } = await reply('off', null, 'Is 91 prime?');
    expect(deltas.some((d) => d.segment === 'thought')).toBe(false);
    expect(message.thought).toBeUndefined();
    expect(done.thought).toBeNull();
    expect(message.content).toBe(deltas.map((d) => d.text).join(''));
  });
});
