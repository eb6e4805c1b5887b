import { describe, expect, it } from 'vitest';
import { createFakeBackend } from '../test/fakeBackend.js';
import { installFakeRouting } from '../test/fakeRouting.js';
import { makeChat, makeContextUse, makeEngineStatus, makeMessage, makeModel } from '../test/fixtures.js';
import { bindClient, createHearthStore } from './createHearthStore.js';

async function setup() {
  const backend = createFakeBackend([makeModel({ id: 'tiny' }), makeModel({ id: 'coder', name: 'Qwen Coder' })]);
  const routing = installFakeRouting(backend);
  routing.profiles.find((p) => p.id === 'coding')!.models.standard = ['coder'];
  backend.client.handle('engine.status', () => makeEngineStatus({ loaded: [{ modelId: 'tiny', contextSize: 4096, gpuLayers: 0, ramBytes: 1, vramBytes: 0, lastUsedAt: 0 }] }));
  backend.addChat(makeChat({ id: 'c1' }), [makeMessage({ id: 'u0', chatId: 'c1', content: 'hello there' })]);
  const store = createHearthStore(backend.client);
  bindClient(store, backend.client);
  await store.getState().syncAll();
  return { backend, routing, store, s: () => store.getState() };
}

describe('routing slice', () => {
  it('loads the profiles with everything else, and quietly when main cannot answer', async () => {
    const { s } = await setup();
    expect(s().profiles.map((p) => p.id)).toEqual(['general', 'healthcare', 'coding', 'creative']);
    const bare = createFakeBackend([]);
    const store = createHearthStore(bare.client);
    await store.getState().syncAll();
    expect(store.getState().profilesError).toMatch(/no handler for profiles.list/);
    expect(store.getState().toasts).toEqual([]);
  });

  it("puts the send result's routing on the reply at once, before its first word", async () => {
    const { s } = await setup();
    s().selectChat('c1');
    await s().loadChat('c1');
    await s().sendMessage('my python function has a bug');
    const replyId = s().messageIdsByChat.c1!.at(-1)!;
    expect(s().messagesById[replyId]).toMatchObject({ status: 'streaming', content: '', domain: 'coding', modelId: 'coder' });
    expect(s().messagesById[replyId]!.routing).toMatchObject({ domain: 'coding', mode: 'auto' });
  });

  it('says a model is loading from the reply\'s own chat.reply loading events, with progress, until its first delta', async () => {
    const { s, backend } = await setup();
    s().selectChat('c1');
    await s().loadChat('c1');
    await s().sendMessage('python function bug');
    const replyId = s().messageIdsByChat.c1!.at(-1)!;
    const routing = s().messagesById[replyId]!.routing;
    // Nothing is guessed from the send: the server says when the reply waits for a load.
    expect(s().modelSwitch).toBeNull();
    const phase = (p: 'queued' | 'loading' | 'generating', progress: number | null = null) =>
      backend.client.emit('chat.reply', { chatId: 'c1', messageId: replyId, phase: p, modelId: 'coder', progress, context: null, routing });
    phase('queued');
    expect(s().modelSwitch).toBeNull();
    phase('loading', 0);
    expect(s().modelSwitch).toEqual({ chatId: 'c1', messageId: replyId, modelId: 'coder', domain: 'coding', progress: 0 });
    phase('loading', 0.4);
    expect(s().modelSwitch?.progress).toBe(0.4);
    // A load no reply asked for (models.load from the library) is not tied to this reply.
    backend.client.emit('models.loadProgress', { modelId: 'coder', progress: 0.9 });
    expect(s().modelSwitch?.progress).toBe(0.4);
    backend.client.emit('chat.delta', { chatId: 'c1', messageId: replyId, seq: 0, text: 'def' });
    expect(s().modelSwitch).toBeNull();
  });

  it('clears the notice at done (a load that failed ends the reply), and at a generating phase', async () => {
    const { s, backend } = await setup();
    s().selectChat('c1');
    await s().loadChat('c1');
    await s().sendMessage('python function bug');
    const replyId = s().messageIdsByChat.c1!.at(-1)!;
    const loading = { chatId: 'c1', messageId: replyId, phase: 'loading' as const, modelId: 'coder', progress: 0.2, context: null, routing: null };
    backend.client.emit('chat.reply', loading);
    expect(s().modelSwitch).toMatchObject({ messageId: replyId, domain: null, progress: 0.2 });
    backend.client.emit('chat.done', { chatId: 'c1', messageId: replyId, content: '', finishReason: 'error', stats: null, error: { code: 'MODEL_LOAD_FAILED', message: 'x' }, routing: null, context: null });
    expect(s().modelSwitch).toBeNull();
    backend.client.emit('chat.reply', loading);
    expect(s().modelSwitch).not.toBeNull();
    backend.client.emit('chat.reply', { ...loading, phase: 'generating', progress: null, context: makeContextUse() });
    expect(s().modelSwitch).toBeNull();
  });

  it("another chat's reply does not hijack the notice: its events leave this reply's alone, its load belongs to its own chat", async () => {
    const { s, backend } = await setup();
    backend.addChat(makeChat({ id: 'c2' }), []);
    s().selectChat('c1');
    await s().loadChat('c1');
    await s().sendMessage('python function bug');
    const replyId = s().messageIdsByChat.c1!.at(-1)!;
    backend.client.emit('chat.reply', { chatId: 'c1', messageId: replyId, phase: 'loading', modelId: 'coder', progress: 0.3, context: null, routing: null });
    const mine = s().modelSwitch;
    // c2's reply queues, starts writing and ends meanwhile (another window): this reply still loads.
    backend.client.emit('chat.reply', { chatId: 'c2', messageId: 'other', phase: 'queued', modelId: 'tiny', progress: null, context: null, routing: null });
    backend.client.emit('chat.reply', { chatId: 'c2', messageId: 'other', phase: 'generating', modelId: 'tiny', progress: null, context: null, routing: null });
    backend.client.emit('chat.delta', { chatId: 'c2', messageId: 'other', seq: 0, text: 'x' });
    backend.client.emit('chat.done', { chatId: 'c2', messageId: 'other', content: 'x', finishReason: 'eos', stats: null, error: null, routing: null, context: null });
    expect(s().modelSwitch).toBe(mine);
    backend.client.emit('chat.delta', { chatId: 'c1', messageId: replyId, seq: 0, text: 'def' });
    expect(s().modelSwitch).toBeNull();
    // A load for c2's reply while c1 is shown is c2's: it does not land on c1's reply, even while one waits there.
    backend.client.emit('chat.done', { chatId: 'c1', messageId: replyId, content: 'def', finishReason: 'eos', stats: null, error: null, routing: null, context: null });
    await s().sendMessage('hello there');
    const waiting = s().messageIdsByChat.c1!.at(-1)!;
    backend.client.emit('chat.reply', { chatId: 'c2', messageId: 'other2', phase: 'loading', modelId: 'big', progress: 0.1, context: null, routing: null });
    expect(s().modelSwitch).toMatchObject({ chatId: 'c2', messageId: 'other2', modelId: 'big' });
    expect(s().messagesById[waiting]).toMatchObject({ status: 'streaming', modelId: 'tiny' });
  });

  it('a chat.reply brings the decision and the context as they stand onto the streaming reply', async () => {
    const { s, backend } = await setup();
    s().selectChat('c1');
    await s().loadChat('c1');
    await s().sendMessage('python function bug');
    const replyId = s().messageIdsByChat.c1!.at(-1)!;
    const routing = { ...s().messagesById[replyId]!.routing!, modelId: 'tiny', fallback: 'coder could not be loaded; answered with tiny.' };
    const context = makeContextUse({ leftOutMessages: 3 });
    backend.client.emit('chat.reply', { chatId: 'c1', messageId: replyId, phase: 'generating', modelId: 'tiny', progress: null, context, routing });
    expect(s().messagesById[replyId]).toMatchObject({ status: 'streaming', modelId: 'tiny', domain: 'coding', routing, context });
  });

  it('a new chat pinned in the draft is created pinned, with its settings, by ONE chat.turn', async () => {
    const { s, backend } = await setup();
    await s().setRoutingMode('healthcare');
    await s().updateChatSettings({ systemPrompt: 'Short answers.' });
    expect(s().draft.routingMode).toBe('healthcare');
    const calls = backend.client.calls.length;
    await s().sendMessage('anything at all');
    const chatId = s().activeChatId!;
    // Nothing is made first and pinned after: one call, which the chat and its first message share.
    expect(backend.client.calls.slice(calls).filter((c) => ['chat.turn', 'chats.create', 'chats.update'].includes(c.method))).toEqual([
      { method: 'chat.turn', params: { newChat: { routingMode: 'healthcare', systemPrompt: 'Short answers.' }, action: { type: 'send', text: 'anything at all' } } },
    ]);
    expect(backend.client.callsTo('chats.create')).toEqual([]);
    expect(backend.client.callsTo('chats.update')).toEqual([]);
    expect(s().chatsById[chatId]).toMatchObject({ routingMode: 'healthcare', systemPrompt: 'Short answers.' });
    expect(s().messagesById[s().messageIdsByChat[chatId]!.at(-1)!]!.routing).toMatchObject({ domain: 'healthcare', mode: 'pinned' });
    expect(s().draft.routingMode).toBe('auto');
  });

  it('pins an existing chat with chats.update', async () => {
    const { s, backend } = await setup();
    s().selectChat('c1');
    await s().loadChat('c1');
    expect(await s().setRoutingMode('coding')).toBe(true);
    expect(backend.client.callsTo('chats.update').at(-1)).toEqual({ chatId: 'c1', routingMode: 'coding' });
    expect(s().chatsById.c1!.routingMode).toBe('coding');
  });

  it('reconciling picks up a routing decision that changed, keeping the object when nothing did', async () => {
    const { s, backend } = await setup();
    await s().loadChat('c1');
    await s().sendMessage('python function bug'); // the draft: a new chat
    const chatId = s().activeChatId!;
    await s().loadChat(chatId);
    const replyId = s().messageIdsByChat[chatId]!.at(-1)!;
    const before = s().messagesById[replyId];
    await s().loadChat(chatId);
    expect(s().messagesById[replyId]).toBe(before);
    const stored = backend.messages.get(chatId)!.at(-1)!;
    stored.routing = { ...stored.routing!, fallback: 'Preferred model coder failed to load; used tiny.' };
    await s().loadChat(chatId);
    expect(s().messagesById[replyId]!.routing!.fallback).toBe('Preferred model coder failed to load; used tiny.');
  });

  it("chat.done brings the decision as stored: a fallback model that answered shows on the reply", async () => {
    const { s, backend } = await setup();
    s().selectChat('c1');
    await s().loadChat('c1');
    await s().sendMessage('python function bug');
    const replyId = s().messageIdsByChat.c1!.at(-1)!;
    const routing = { ...s().messagesById[replyId]!.routing!, modelId: 'tiny', fallback: 'coder could not be loaded (out of memory); answered with tiny.' };
    backend.client.emit('chat.done', { chatId: 'c1', messageId: replyId, content: 'x', finishReason: 'eos', stats: null, error: null, routing, context: null });
    expect(s().messagesById[replyId]).toMatchObject({ status: 'complete', modelId: 'tiny', domain: 'coding', routing });
  });

  it('profile form actions return the server message instead of a toast', async () => {
    const { s } = await setup();
    // Only what profiles.create takes: a Profile's builtIn and modified are the server's (the fake client checks the schema).
    const { builtIn: _builtIn, modified: _modified, ...input } = s().profiles[0]!;
    const r = await s().createProfile({ ...input, id: 'general' });
    expect(r).toEqual({ ok: false, message: 'A profile with the id general already exists.' });
    expect(s().toasts).toEqual([]);
    const ok = await s().updateProfile('coding', { name: 'Code' });
    expect(ok).toMatchObject({ ok: true, profile: { name: 'Code', modified: true } });
    expect(s().profiles.find((p) => p.id === 'coding')!.name).toBe('Code');
  });
});
