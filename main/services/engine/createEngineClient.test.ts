import { describe, expect, it } from 'vitest';
import type { EngineStatus } from '../../contract/index.js';
import { createEngineClient, type EngineState } from './createEngineClient.js';
import type { WorkerHandle } from './workerHandle.js';

/** A scripted engine process: the test answers its frames by hand. */
function fakeWorker() {
  const sent: Array<Record<string, unknown>> = [];
  let onMessage: (m: unknown) => void = () => {};
  const exits: Array<(code: number | null, signal: string | null) => void> = [];
  let killed = false;
  const handle: WorkerHandle = {
    pid: 4242,
    send: (m) => void sent.push(m as Record<string, unknown>),
    onMessage: (l) => void (onMessage = l),
    onExit: (l) => void exits.push(l),
    kill: () => {
      killed = true;
      for (const l of exits.splice(0)) l(null, 'SIGKILL');
    },
  };
  return {
    handle,
    sent,
    emit: (m: unknown) => onMessage(m),
    exit: (code: number | null, signal: string | null) => exits.splice(0).forEach((l) => l(code, signal)),
    get killed() {
      return killed;
    },
    request: (method: string) => sent.find((f) => f.method === method) as { id: number } | undefined,
  };
}

const tick = () => new Promise((r) => setImmediate(r));
const generateArgs = { modelId: 'm', modelPath: '/m.gguf', system: null, history: [], olderOmitted: 0, message: { id: 'u', role: 'user' as const, content: 'hi' }, sampling: {} };

async function started() {
  const w = fakeWorker();
  const states: Array<[EngineState, EngineStatus | null]> = [];
  const engine = createEngineClient({ spawnWorker: () => w.handle, onStatus: (state, _m, status) => states.push([state, status]), stopGraceMs: 50 });
  const status = engine.status({ start: true });
  status.catch(() => {}); // never answered in most tests; a kill rejects it
  w.emit({ notice: 'ready', pid: 4242 });
  await tick();
  return { w, engine, states, status };
}

describe('engine client (scripted engine process)', () => {
  it('fails every pending call with ENGINE_CRASHED when the process dies, and says so once', async () => {
    const { w, engine, states, status } = await started();
    const generate = engine.generate(generateArgs, { onEvent: () => {} });
    const embed = engine.embed({ modelId: 'e', modelPath: '/e.gguf' }, ['x']);
    await tick();
    w.exit(null, 'SIGSEGV');
    for (const call of [status, generate, embed]) await expect(call).rejects.toMatchObject({ code: 'ENGINE_CRASHED' });
    expect(engine.state).toBe('crashed');
    expect(states.at(-1)).toEqual(['crashed', null]);
  });

  it('checks results against the op table: a malformed answer is an error, not a value', async () => {
    const { w, engine } = await started();
    const load = engine.load({ modelId: 'm', modelPath: '/m.gguf' });
    await tick();
    w.emit({ id: w.request('load')!.id, ok: true, result: { modelId: 'm', contextSize: 'big' } });
    await expect(load).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringMatching(/engine load.*contextSize/) });
  });

  it('passes streamed events to the call and pushes the status the engine announces', async () => {
    const { w, engine, states } = await started();
    const events: unknown[] = [];
    const reply = engine.generate(generateArgs, { onEvent: (e) => events.push(e) });
    await tick();
    const { id } = w.request('generate')!;
    w.emit({ id, stream: { type: 'loading', progress: 0.5 } });
    const status = { backend: 'cpu', devices: [], threads: 1, ramTotalBytes: 1, ramFreeBytes: 1, vramTotalBytes: 0, vramFreeBytes: 0, loaded: [{ modelId: 'm', contextSize: 512, gpuLayers: 0, ramBytes: 1, vramBytes: 0, lastUsedAt: 1 }] };
    w.emit({ notice: 'status', status });
    w.emit({ id, stream: { type: 'delta', text: 'hello' } });
    const context = { windowTokens: 512, systemTokens: 0, historyTokens: 0, newMessageTokens: 3, reservedTokens: 256, includedMessages: 0, leftOutMessages: 0, oldestIncludedId: null };
    w.emit({ id, ok: true, result: { text: 'hello', finishReason: 'eos', context, stats: { promptTokens: 3, completionTokens: 1, timeToFirstTokenMs: 1, tokensPerSecond: 0, totalMs: 2, backend: 'cpu', modelId: 'm' } } });
    await expect(reply).resolves.toMatchObject({ text: 'hello', context });
    expect(events).toEqual([{ type: 'loading', progress: 0.5 }, { type: 'delta', text: 'hello' }]);
    expect(states.at(-1)).toEqual(['ready', { started: true, ...status }]);
    expect(engine.knownContextSize('m')).toBe(512);
  });

  it('restarts an engine that does not answer a Stop in time; the reply ends as stopped, not crashed', async () => {
    const { w, engine } = await started();
    const controller = new AbortController();
    const reply = engine.generate(generateArgs, { signal: controller.signal, onEvent: () => {} });
    await tick();
    controller.abort();
    expect(w.sent.at(-1)).toEqual({ id: w.request('generate')!.id, abort: true });
    await expect(reply).rejects.toMatchObject({ code: 'ABORTED', message: expect.stringMatching(/restarted/) });
    expect(w.killed).toBe(true);
  });

  it('leaves an engine alone when the stopped reply ends within the grace time', async () => {
    const { w, engine } = await started();
    const controller = new AbortController();
    const reply = engine.generate(generateArgs, { signal: controller.signal, onEvent: () => {} });
    await tick();
    controller.abort();
    const context = { windowTokens: 512, systemTokens: 0, historyTokens: 0, newMessageTokens: 3, reservedTokens: 256, includedMessages: 0, leftOutMessages: 0, oldestIncludedId: null };
    w.emit({ id: w.request('generate')!.id, ok: true, result: { text: '', finishReason: 'aborted', context, stats: { promptTokens: 3, completionTokens: 0, timeToFirstTokenMs: 0, tokensPerSecond: 0, totalMs: 2, backend: 'cpu', modelId: 'm' } } });
    await expect(reply).resolves.toMatchObject({ finishReason: 'aborted' });
    await new Promise((r) => setTimeout(r, 100));
    expect(w.killed).toBe(false);
  });
});
