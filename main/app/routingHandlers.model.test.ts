import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methods, type MethodName } from '../contract/index.js';
import { fixturePath } from '../../test/fixtures.js';
import { eventsOf, tempServices } from '../../test/tempServices.js';

type S = Awaited<ReturnType<typeof tempServices>>;

describe('routing through the handlers, on the real engine', () => {
  let s: S;
  /** A 4096-token context: the profiles' system prompts fit. */
  let modelId: string;
  /** A 512-token context: they do not. */
  let tinyId: string;
  const call = async <M extends MethodName>(method: M, params: unknown) => {
    const parsed = methods[method].params.parse(params);
    const result = await (s.handlers[method] as (p: unknown, ctx: unknown) => unknown)(parsed, { shell: 'browser' });
    return methods[method].result.parse(result) as never as Awaited<ReturnType<(typeof s.handlers)[M]>>;
  };
  /** A chat.turn through the handlers, with the ids the tests follow. */
  const turn = async (params: unknown) => {
    const r = await call('chat.turn', params);
    return { chatId: r.chat.id, userMessageId: r.userMessage.id, messageId: r.reply.id, routing: r.reply.routing };
  };
  const send = (text: string, o: { chatId?: string; modelId?: string; sampling?: object } = {}) =>
    turn({ ...(o.chatId ? { chatId: o.chatId } : { newChat: o.sampling ? { sampling: o.sampling } : {} }), ...(o.modelId ? { modelId: o.modelId } : {}), action: { type: 'send', text } });
  beforeAll(async () => {
    s = await tempServices({ persistIntervalMs: 20 });
    modelId = (await s.models.add(fixturePath('small'), { mode: 'link' })).id;
    tinyId = (await s.models.add(fixturePath('tiny'), { mode: 'link' })).id;
    s.store.updateSettings({ defaultModelId: modelId });
  });
  afterAll(async () => s.cleanup());

  it('with the preferred model absent, the reply still comes from the installed model and the decision says which', async () => {
    const sent = await send('what are the common side effects of ibuprofen?', { sampling: { maxTokens: 6, seed: 1 } });
    expect(sent.routing).toMatchObject({ domain: 'healthcare', mode: 'auto', modelId });
    expect(sent.routing!.fallback).toMatch(new RegExp(`None of Healthcare's preferred models .* is installed; answered with ${modelId}`));
    const reply = await s.chat.whenDone(sent.messageId);
    expect(reply.error).toBeNull();
    expect(reply.status).toBe('complete');
    expect(reply.modelId).toBe(modelId);
    expect(reply.routing).toEqual(sent.routing);
    expect(eventsOf(s.events, 'chat.done').find((d) => d.messageId === sent.messageId)?.routing).toEqual(sent.routing);
    const { messages } = await call('chats.get', { chatId: sent.chatId });
    expect(messages[1]!.routing?.domain).toBe('healthcare');
  });

  it("when the profile's instructions do not fit a small model's context, it answers with the chat's usual ones and says so", async () => {
    const sent = await send('what are the common side effects of ibuprofen?', { modelId: tinyId, sampling: { maxTokens: 4 } });
    expect(sent.routing).toMatchObject({ domain: 'healthcare', modelId: tinyId });
    const reply = await s.chat.whenDone(sent.messageId);
    expect(reply.error).toBeNull();
    expect(reply.routing!.fallback).toMatch(new RegExp(`Healthcare's instructions do not fit ${tinyId}'s context`));
    expect(reply.routing!.systemPrompt).toBe(s.store.getSettings().defaultSystemPrompt);
    expect(eventsOf(s.events, 'chat.done').find((d) => d.messageId === sent.messageId)?.routing).toEqual(reply.routing);
  });

  it('routing.route previews without storing; routing.stats counts replies, overrides and fallbacks', async () => {
    const before = await call('routing.stats', {});
    const preview = await call('routing.route', { text: 'refactor this javascript function to use async/await' });
    expect(preview).toMatchObject({ domain: 'coding', modelId });
    expect(await call('routing.stats', {})).toEqual(before);
    const sent = await send('write a short poem about a lighthouse', { sampling: { maxTokens: 4 } });
    await s.chat.whenDone(sent.messageId);
    const rerouted = await turn({ action: { type: 'reroute', messageId: sent.messageId, profileId: 'leadership' } });
    const reply = await s.chat.whenDone(rerouted.messageId);
    expect(reply.routing).toMatchObject({ domain: 'leadership', mode: 'override' });
    expect(reply.routing!.systemPrompt).toMatch(/leadership coach/);
    const stats = await call('routing.stats', {});
    expect(stats.total).toBe(before.total + 1);
    expect(stats.overrides).toBe(before.overrides + 1);
    expect(stats.perDomain.leadership).toBe((before.perDomain.leadership ?? 0) + 1);
    expect(stats.fallbacks).toBe(before.fallbacks + 1);
  });

  it('pins a chat to a profile through chats.update, refusing unknown profiles', async () => {
    const chat = await call('chats.create', {});
    await expect(call('chats.update', { chatId: chat.id, routingMode: 'astrology' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await call('chats.update', { chatId: chat.id, routingMode: 'coding' })).routingMode).toBe('coding');
    const sent = await send('I have a headache', { chatId: chat.id });
    expect(sent.routing).toMatchObject({ domain: 'coding', mode: 'pinned' });
    await s.chat.whenDone(sent.messageId);
  });

  it('starts a chat pinned to a profile in one call, its settings and first message in one transaction', async () => {
    const chatsBefore = (await call('chats.list', {})).length;
    const r = await call('chat.turn', { newChat: { routingMode: 'creative', sampling: { maxTokens: 4 } }, action: { type: 'send', text: 'what is the capital of France?' } });
    expect(r.chat).toMatchObject({ routingMode: 'creative', sampling: { maxTokens: 4 }, messageCount: 2 });
    expect(r.reply.routing).toMatchObject({ domain: 'creative', mode: 'pinned' });
    expect((await call('chats.list', {})).length).toBe(chatsBefore + 1);
    await s.chat.whenDone(r.reply.id);
    // A pinned profile that does not exist saves nothing.
    await expect(call('chat.turn', { newChat: { routingMode: 'astrology' }, action: { type: 'send', text: 'hi' } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await call('chats.list', {})).length).toBe(chatsBefore + 1);
  });

  it('profiles.* edit, add and remove profiles and tell the UI', async () => {
    const created = await call('profiles.create', {
      id: 'gardening', name: 'Gardening', description: 'Plants', systemPrompt: 'You are a gardener.', sampling: {},
      models: { fast: [], standard: [] }, color: '#228822', icon: '🌱', enabled: true,
      examples: ['when should I prune roses', 'my tomato leaves are turning yellow', 'how deep to plant tulip bulbs', 'what compost for raised beds'],
    });
    expect(created.builtIn).toBe(false);
    expect((await call('routing.route', { text: 'how do I prune my roses' })).domain).toBe('gardening');
    expect(eventsOf(s.events, 'profiles.changed').at(-1)).toEqual({ profileId: 'gardening' });
    expect(await call('profiles.delete', { id: 'gardening' })).toEqual({ deleted: true });
    expect((await call('profiles.list', {})).map((p) => p.id)).not.toContain('gardening');
    expect((await call('routing.route', { text: 'how do I prune my roses' })).domain).not.toBe('gardening');
  });
});
