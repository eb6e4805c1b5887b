import { describe, expect, it } from 'vitest';
import { createFakeBackend } from '../test/fakeBackend.js';
import { installFakeRouting } from '../test/fakeRouting.js';
import { makeChat, makeEngineStatus, makeMessage, makeModel } from '../test/fixtures.js';
import { bindClient, createHearthStore } from './createHearthStore.js';

async function setup() {
  const backend = createFakeBackend([makeModel({ id: 'tiny' }), makeModel({ id: 'coder', name: 'Qwen Coder' })]);
  const routing = installFakeRouting(backend);
  routing.profiles.find((p) => p.id === 'coding')!.models.standard = ['coder'];
  backend.client.handle('engine.status', () => makeEngineStatus({ loaded: [{ modelId: 'tiny', contextSize: 4096, gpuLayers: 0, ramBytes: 1, vramBytes: 0, lastUsedAt: 0 }] }));
  backend.addChat(makeChat({ id: 'c1' }), [makeMessage({ id: 'u0', chatId: 'c1', content: 'hello there' })]);
  const store = createHearthStore(backend.client);
  bindClient(store, backend.client, { scheduleFrame: (callback) => callback() });
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

  it('says a model is loading when the routed model is not loaded, with progress, until the reply starts', async () => {
    const { s, backend } = await setup();
    s().selectChat('c1');
    await s().loadChat('c1');
    await s().sendMessage('hello there'); // general: tiny, already loaded
    const first = s().messageIdsByChat.c1!.at(-1)!;
    expect(s().modelSwitch).toBeNull();
    backend.client.emit('chat.done', { chatId: 'c1', messageId: first, content: 'Hi', finishReason: 'eos', stats: null, error: null });

    await s().sendMessage('python function bug');
    const replyId = s().messageIdsByChat.c1!.at(-1)!;
    expect(s().modelSwitch).toEqual({ chatId: 'c1', messageId: replyId, modelId: 'coder', domain: 'coding', progress: null });
    backend.client.emit('models.loadProgress', { modelId: 'coder', progress: 0.4 });
    expect(s().modelSwitch?.progress).toBe(0.4);
    backend.client.emit('chat.delta', { chatId: 'c1', messageId: replyId, seq: 0, text: 'def' });
    expect(s().modelSwitch).toBeNull();
  });

  it('ties a load no send announced to the reply waiting in the chat, and ignores the instant 1 of a loaded model', async () => {
    const { s, backend } = await setup();
    s().selectChat('c1');
    await s().loadChat('c1');
    await s().sendMessage('hello there');
    const replyId = s().messageIdsByChat.c1!.at(-1)!;
    backend.client.emit('models.loadProgress', { modelId: 'tiny', progress: 1 });
    expect(s().modelSwitch).toBeNull();
    backend.client.emit('models.loadProgress', { modelId: 'big', progress: 0.1 });
    expect(s().modelSwitch).toMatchObject({ messageId: replyId, modelId: 'big', domain: 'general', progress: 0.1 });
    backend.client.emit('chat.done', { chatId: 'c1', messageId: replyId, content: '', finishReason: 'error', stats: null, error: { code: 'MODEL_LOAD_FAILED', message: 'x' } });
    expect(s().modelSwitch).toBeNull();
  });

  it('a new chat pinned in the draft is created, pinned, then sent to (chat.send takes no routing mode)', async () => {
    const { s, backend } = await setup();
    await s().setRoutingMode('healthcare');
    expect(s().draft.routingMode).toBe('healthcare');
    await s().sendMessage('anything at all');
    const chatId = s().activeChatId!;
    expect(backend.client.callsTo('chats.update').at(-1)).toEqual({ chatId, routingMode: 'healthcare' });
    expect(backend.client.callsTo('chat.send').at(-1)).toEqual({ chatId, text: 'anything at all' });
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
    backend.client.emit('chat.done', { chatId: 'c1', messageId: replyId, content: 'x', finishReason: 'eos', stats: null, error: null, routing });
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
