import { describe, expect, it, vi } from 'vitest';
import { createListeners } from '../transport/createEventHub.js';
import { createFakeBackend } from '../test/fakeBackend.js';
import { makeChat, makeEngineStatus, makeMessage, makeModel } from '../test/fixtures.js';
import { bindClient, createHearthStore } from './createHearthStore.js';

const LOADED = [{ modelId: 'tiny', contextSize: 4096, gpuLayers: 0, ramBytes: 1, vramBytes: 0, lastUsedAt: 0 }];

function setup() {
  const backend = createFakeBackend([makeModel({ id: 'tiny' })]);
  backend.addChat(makeChat({ id: 'c1' }), [makeMessage({ id: 'u1', chatId: 'c1', content: 'Hi' }), makeMessage({ id: 'a1', chatId: 'c1', role: 'assistant', status: 'streaming' })]);
  backend.client.handle('engine.status', () => makeEngineStatus());
  // The fake client with the gap signal the WebSocket and Electron clients give.
  const gaps = createListeners<void>();
  const client = { ...backend.client, onGap: (listener: () => void) => gaps.add(() => listener()) };
  const store = createHearthStore(client);
  const unbind = bindClient(store, client);
  return { backend, client, store, unbind, gap: () => gaps.notify(), s: () => store.getState() };
}

describe('bindClient', () => {
  it('engine.status with a status replaces the store\'s engine status, without an engine.status call', () => {
    const { client, s } = setup();
    const status = makeEngineStatus({ backend: 'cuda', loaded: LOADED });
    client.emit('engine.status', { state: 'ready', message: null, status });
    expect(s().engine).toEqual(status);
    expect(s().engineState).toBe('ready');
    const next = makeEngineStatus({ backend: 'cuda', loaded: [] });
    client.emit('engine.status', { state: 'ready', message: null, status: next });
    expect(s().engine).toBe(next);
    expect(client.callsTo('engine.status')).toEqual([]);
  });

  it('a crash without a status keeps what is known of the machine but nothing loaded, and says why', () => {
    const { client, s } = setup();
    client.emit('engine.status', { state: 'ready', message: null, status: makeEngineStatus({ loaded: LOADED }) });
    client.emit('engine.status', { state: 'crashed', message: 'The engine stopped (out of memory).', status: null });
    expect(s().engine).toMatchObject({ backend: 'cpu', loaded: [] });
    expect(s().engineState).toBe('crashed');
    expect(s().toasts).toEqual([expect.objectContaining({ kind: 'error', code: 'ENGINE_CRASHED', message: 'The engine stopped (out of memory).' })]);
    expect(client.callsTo('engine.status')).toEqual([]);
  });

  it('nothing polls the engine after a reply or a model change: the engine pushes its status', async () => {
    const { client, s } = setup();
    await s().loadChat('c1');
    client.emit('chat.delta', { chatId: 'c1', messageId: 'a1', seq: 0, text: 'Hello' });
    client.emit('chat.done', { chatId: 'c1', messageId: 'a1', content: 'Hello', finishReason: 'eos', stats: null, error: null, routing: null, context: null });
    client.emit('models.changed', { reason: 'loaded', modelId: 'tiny' });
    client.emit('models.changed', { reason: 'unloaded', modelId: 'tiny' });
    await vi.waitFor(() => expect(client.callsTo('models.list').length).toBeGreaterThan(0));
    expect(client.callsTo('engine.status')).toEqual([]);
  });

  it('a gap in the event sequence reads everything again; unbinding stops listening', async () => {
    const { client, gap, unbind } = setup();
    expect(client.callsTo('chats.list')).toEqual([]);
    gap();
    await vi.waitFor(() => expect(client.callsTo('chats.list')).toHaveLength(1));
    expect(client.callsTo('models.list')).toHaveLength(1);
    unbind();
    gap();
    await new Promise((r) => setTimeout(r, 5));
    expect(client.callsTo('chats.list')).toHaveLength(1);
  });

  it('binds a client that cannot report gaps', () => {
    const backend = createFakeBackend([]);
    const store = createHearthStore(backend.client);
    expect(backend.client.onGap).toBeUndefined();
    const unbind = bindClient(store, backend.client);
    unbind();
  });
});
