import { roleFromArchitecture } from '../gguf/modelRole.js';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HearthError, type ModelRecord, type TurnParams } from '../../contract/index.js';
import type { GenerateCallbacks } from '../engine/createEngineClient.js';
import type { GenerateArgs } from '../engine/engineOps.js';
import { createEventBus } from '../events/eventBus.js';
import { silentLogger } from '../log/createLogger.js';
import { builtInProfiles } from '../routing/builtInProfiles.js';
import { createRouting, type Routing } from '../routing/createRouting.js';
import { createStore, type Store } from '../store/createStore.js';
import { openDatabase } from '../store/openDatabase.js';
import { tempDir } from '../store/tempStore.js';
import { createChatService, type ChatService } from './createChatService.js';

const record = (id: string, extra: Partial<ModelRecord> = {}): ModelRecord => ({
  id,
  name: id,
  path: `/models/${id}.gguf`,
  source: 'download',
  sizeBytes: 1,
  sha256: null,
  architecture: 'llama',
  parameters: 1e9,
  quantization: 'Q4_K_M',
  contextLength: 4096,
  hasChatTemplate: true,
  addedAt: 0,
  broken: null,
  ...extra,
  role: extra.role ?? roleFromArchitecture(extra.architecture ?? 'llama'),
});

const fakeContext = { windowTokens: 4096, systemTokens: 0, historyTokens: 0, newMessageTokens: 1, reservedTokens: 0, includedMessages: 0, leftOutMessages: 0, oldestIncludedId: null };

/** The old send/regenerate/reroute shapes, over the one turn. */
async function turn(chat: ChatService, params: TurnParams) {
  const r = await chat.turn(params);
  return { chatId: r.chat.id, userMessageId: r.userMessage.id, messageId: r.reply.id, routing: r.reply.routing };
}
const send = (chat: ChatService, text: string, extra: { chatId?: string; modelId?: string } = {}) =>
  turn(chat, { ...(extra.chatId ? { chatId: extra.chatId } : { newChat: {} }), ...(extra.modelId ? { modelId: extra.modelId } : {}), action: { type: 'send', text } });

const prompt = (id: string) => builtInProfiles().find((p) => p.id === id)!.systemPrompt;

describe('chat service with domain routing (fake engine, real store and router)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: Database;
  let store: Store;
  let installed: ModelRecord[];
  let calls: GenerateArgs[];
  let failing: Set<string>;
  let routing: Routing;
  let chat: ChatService;

  beforeEach(() => {
    tmp = tempDir();
    db = openDatabase(tmp.file);
    store = createStore({ db });
    installed = [record('qwen2.5-7b-instruct-q4_k_m', { parameters: 7e9 }), record('llama-3.2-1b-instruct-q4_k_m'), record('gemma-2-2b-it-q4_k_m'), record('bge-small-en-v1.5-q8_0', { architecture: 'bert' })];
    calls = [];
    failing = new Set();
    const bus = createEventBus();
    const models = {
      list: () => installed,
      get: (id: string) => {
        const m = installed.find((r) => r.id === id);
        if (!m) throw new HearthError('MODEL_NOT_FOUND', `no ${id}`);
        return m;
      },
    };
    routing = createRouting({ db, store, models, bus, logger: silentLogger });
    const engine = {
      async generate(args: GenerateArgs, options: GenerateCallbacks) {
        calls.push(args);
        if (failing.has(args.modelId)) throw new HearthError('MODEL_LOAD_FAILED', `llama.cpp could not load ${args.modelId}`);
        options.onEvent({ type: 'delta', text: 'Hello' });
        return { text: 'Hello', finishReason: 'eos' as const, context: fakeContext, stats: { promptTokens: 1, completionTokens: 1, timeToFirstTokenMs: 1, tokensPerSecond: 1, totalMs: 1, backend: 'cpu' as const, modelId: args.modelId } };
      },
      knownContextSize: () => null,
    };
    chat = createChatService({ store, engine, models, bus, logger: silentLogger, routing: routing.routing });
  });
  afterEach(() => {
    store.close();
    tmp.cleanup();
  });

  it('Auto mode: routes the message, answers with the profile prompt, sampling and preferred model, stores the decision', async () => {
    const ids = await send(chat, 'I have had a fever and a sore throat for three days and now my ears hurt too. Is this something I should see a doctor about, or will it pass on its own?');
    expect(ids.routing).toMatchObject({ domain: 'healthcare', mode: 'auto', method: 'lexical', tier: 'standard', modelId: 'qwen2.5-7b-instruct-q4_k_m' });
    // Healthcare's standard list starts with current models this test does not install.
    expect(ids.routing!.fallback).toMatch(/qwen3-8b.*not installed.*qwen2\.5-7b-instruct-q4_k_m/);
    expect(ids.routing!.confidence).toBeGreaterThan(0.5);
    expect(Object.values(ids.routing!.scores).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
    expect(ids.routing!.reasons.join(' ')).toMatch(/fever|throat|doctor/);
    const reply = await chat.whenDone(ids.messageId);
    expect(reply).toMatchObject({ domain: 'healthcare', modelId: 'qwen2.5-7b-instruct-q4_k_m', status: 'complete' });
    expect(reply.routing).toEqual(ids.routing);
    expect(calls[0]!.system).toBe(prompt('healthcare'));
    expect(calls[0]!.sampling.temperature).toBe(builtInProfiles().find((p) => p.id === 'healthcare')!.sampling.temperature);
  });

  it('short and simple goes to the fast model; a follow-up stays in the chat domain', async () => {
    const first = await send(chat, 'what is a safe dose of ibuprofen for an adult');
    await chat.whenDone(first.messageId);
    expect(first.routing).toMatchObject({ domain: 'healthcare', tier: 'fast' });
    // Healthcare's fast list starts with qwen3-1.7b and qwen2.5-1.5b (absent), then llama-3.2-1b.
    expect(first.routing!.modelId).toBe('llama-3.2-1b-instruct-q4_k_m');
    expect(first.routing!.fallback).toMatch(/qwen3-1\.7b.*not installed.*llama-3\.2-1b-instruct-q4_k_m/);
    const follow = await send(chat, 'and what about for a child?', { chatId: first.chatId });
    expect(follow.routing).toMatchObject({ domain: 'healthcare' });
    await chat.whenDone(follow.messageId);
    const other = await send(chat, 'write a python function that reverses a linked list and explain its complexity', { chatId: first.chatId });
    expect(other.routing!.domain).toBe('coding');
    await chat.whenDone(other.messageId);
  });

  it('pinned mode uses the pinned profile whatever the text; a disabled pinned profile falls back to Auto', async () => {
    const c = store.createChat({ title: 'pinned', routingMode: 'creative' });
    const ids = await send(chat, 'what are the side effects of metformin', { chatId: c.id });
    expect(ids.routing).toMatchObject({ domain: 'creative', mode: 'pinned', method: 'pinned', confidence: 1 });
    await chat.whenDone(ids.messageId);
    expect(calls.at(-1)!.system).toBe(prompt('creative'));
    routing.profiles.update('creative', { enabled: false });
    const again = await send(chat, 'what are the side effects of metformin', { chatId: c.id });
    expect(again.routing).toMatchObject({ domain: 'healthcare', mode: 'auto' });
    expect(again.routing!.reasons[0]).toMatch(/pinned profile "creative" is disabled/);
    await chat.whenDone(again.messageId);
  });

  it('re-route regenerates the reply with another profile, counted as an override in the statistics', async () => {
    const ids = await send(chat, 'how do I tell my team that the project is cancelled');
    await chat.whenDone(ids.messageId);
    expect(ids.routing!.domain).toBe('leadership');
    const rerouted = await turn(chat, { action: { type: 'reroute', messageId: ids.messageId, profileId: 'creative' } });
    expect(rerouted.userMessageId).toBe(ids.userMessageId);
    expect(rerouted.routing).toMatchObject({ domain: 'creative', mode: 'override', method: 'override' });
    const reply = await chat.whenDone(rerouted.messageId);
    expect(reply.routing?.mode).toBe('override');
    expect(calls.at(-1)!.system).toBe(prompt('creative'));
    expect(store.listMessages(ids.chatId).map((m) => m.id)).toEqual([ids.userMessageId, rerouted.messageId]);
    // Regenerating keeps the user's choice.
    const regenerated = await turn(chat, { chatId: ids.chatId, action: { type: 'regenerate' } });
    expect(regenerated.routing).toMatchObject({ domain: 'creative', mode: 'override' });
    await chat.whenDone(regenerated.messageId);
    expect(routing.routing.stats()).toMatchObject({ total: 1, perDomain: { creative: 1 }, overrides: 1 });
    await expect(chat.turn({ action: { type: 'reroute', messageId: ids.userMessageId, profileId: 'coding' } })).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
  });

  it('a preferred model that fails to load hands over to the next one, and the decision says so', async () => {
    failing.add('qwen2.5-7b-instruct-q4_k_m');
    const ids = await send(chat, 'I have had a fever and a sore throat for three days and now my ears hurt too. Is this something I should see a doctor about, or will it pass on its own?');
    const reply = await chat.whenDone(ids.messageId);
    expect(reply.status).toBe('complete');
    expect(calls.map((c) => c.modelId)).toEqual(['qwen2.5-7b-instruct-q4_k_m', 'llama-3.2-1b-instruct-q4_k_m']);
    expect(reply.modelId).toBe('llama-3.2-1b-instruct-q4_k_m');
    expect(reply.routing).toMatchObject({ modelId: 'llama-3.2-1b-instruct-q4_k_m' });
    expect(reply.routing!.fallback).toMatch(/qwen2\.5-7b-instruct-q4_k_m could not be loaded.*answered with llama-3\.2-1b-instruct-q4_k_m/);
  });

  it('with none of the preferred models installed, any installed chat model answers (never the embedding model) and says which', async () => {
    installed = [record('my-own-model'), record('bge-small-en-v1.5-q8_0', { architecture: 'bert' })];
    const ids = await send(chat, 'write a haiku about the sea');
    expect(ids.routing).toMatchObject({ domain: 'creative', modelId: 'my-own-model' });
    expect(ids.routing!.fallback).toMatch(/None of Creative's preferred models .* is installed; answered with my-own-model/);
    await chat.whenDone(ids.messageId);
    installed = [];
    await expect(send(chat, 'hello')).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND' });
  });

  it('a model named in the request wins, and the chat prompt is added to the profile prompt', async () => {
    const c = store.createChat({ title: 'x', systemPrompt: 'Always answer in French.' });
    const ids = await send(chat, 'write a haiku about the sea', { chatId: c.id, modelId: 'qwen2.5-7b-instruct-q4_k_m' });
    expect(ids.routing).toMatchObject({ domain: 'creative', modelId: 'qwen2.5-7b-instruct-q4_k_m', fallback: null });
    await chat.whenDone(ids.messageId);
    expect(calls.at(-1)!.system).toBe(`${prompt('creative')}\n\nAlways answer in French.`);
    expect(ids.routing!.systemPrompt).toBe(`${prompt('creative')}\n\nAlways answer in French.`);
  });

  it('routes each turn exactly once, on the async path that blends in embeddings (the one the CLI and the app share)', async () => {
    const routeAsync = vi.spyOn(routing.routing, 'routeAsync');
    const route = vi.spyOn(routing.routing, 'route');
    const first = await send(chat, 'write a haiku about the sea');
    await chat.whenDone(first.messageId);
    const again = await turn(chat, { chatId: first.chatId, action: { type: 'regenerate' } });
    await chat.whenDone(again.messageId);
    const edited = await turn(chat, { action: { type: 'edit', messageId: again.userMessageId, text: 'write a limerick about the sea' } });
    await chat.whenDone(edited.messageId);
    const rerouted = await turn(chat, { action: { type: 'reroute', messageId: edited.messageId, profileId: 'coding' } });
    await chat.whenDone(rerouted.messageId);
    expect(routeAsync).toHaveBeenCalledTimes(4);
    expect(route).not.toHaveBeenCalled();
    expect(routeAsync.mock.calls.map(([r]) => [r.text, r.overrideProfileId ?? null])).toEqual([
      ['write a haiku about the sea', null],
      ['write a haiku about the sea', null],
      ['write a limerick about the sea', null],
      ['write a limerick about the sea', 'coding'],
    ]);
  });
});
