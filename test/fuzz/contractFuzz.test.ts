import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_INVOKE_CHANNEL, METHOD_NAMES } from '../../main/contract/index.js';
import { methods } from '../../main/contract/methods.js';
import { createDispatcher } from '../../main/rpc/dispatch.js';
import { createHttpHost, type HttpHost } from '../../main/rpc/httpHost.js';
import { createIpcHost, type IpcMainLike } from '../../main/rpc/ipcHost.js';
import { createEventBus } from '../../main/services/events/eventBus.js';
import { createRng } from '../../scripts/fixtures/createRng.js';
import { paramsCases, structuredCloneValues } from './fuzzCases.js';
import { checkMessage, judgeReply, preview, prototypeIsClean, recordingHandlers, type Reply } from './judgeReply.js';
import { FUZZ, rawClient } from './rawClient.js';
import { rawFrameCases } from './rawFrameCases.js';

/**
 * Random and hostile payloads to every method of the contract (iterated, so
 * a new method is covered the day it is added), over the WebSocket host and
 * the IPC host. Seeded: HEARTH_FUZZ_SEED reproduces a run, HEARTH_FUZZ_CASES
 * sets the payloads per method per transport.
 */
const { SEED, PER_METHOD, TOKEN } = FUZZ;
/** The WebSocket host's default limit of calls in flight per connection (httpHost's maxInFlight). */
const BURST_IN_FLIGHT = 64;

const sent = { ws: 0, ipc: 0, accepted: 0, refused: 0 };
const tally = (reply: Reply) => (reply.ok ? sent.accepted++ : sent.refused++);
afterAll(() => {
  console.log(
    `contract fuzz (seed ${SEED}): ${sent.ws} frames over the WebSocket, ${sent.ipc} over IPC, ${METHOD_NAMES.length} methods; ` +
      `of the params cases to recording handlers ${sent.accepted} valid and answered, ${sent.refused} refused`,
  );
});

describe('contract fuzz over the WebSocket host', () => {
  const logger = { warn: vi.fn(), error: vi.fn() };
  const { handlers, calls } = recordingHandlers();
  let host: HttpHost;
  beforeAll(async () => {
    host = await createHttpHost({ dispatcher: createDispatcher({ handlers, logger }), bus: createEventBus(), staticDir: null, token: TOKEN, logger });
  });
  afterAll(() => host.close());

  it('answers every method, whatever the params, with the contract\'s verdict', async () => {
    const rng = createRng(SEED, 1);
    const client = await rawClient(host.port, TOKEN);
    const failures: string[] = [];
    let id = 0;
    for (const method of METHOD_NAMES) {
      for (const c of paramsCases(method, PER_METHOD, rng)) {
        const text = JSON.stringify({ id: ++id, method, params: c.params });
        const before = calls.length;
        const reply = await client.send(text);
        sent.ws++;
        tally(reply);
        const wrong = judgeReply(method, id, (JSON.parse(text) as { params?: unknown }).params, reply, calls.slice(before));
        if (wrong) failures.push(`${method} ${c.label} ${preview(c.params)}: ${wrong}`);
      }
    }
    expect(failures).toEqual([]);
    expect(logger.error).not.toHaveBeenCalled();
    expect(prototypeIsClean()).toBe(true);
    client.ws.close();
  });

  it('refuses malformed frames one by one on the same connection, and keeps serving it', async () => {
    const client = await rawClient(host.port, TOKEN);
    const failures: string[] = [];
    for (const frame of rawFrameCases()) {
      const before = calls.length;
      const reply = await client.send(frame.text);
      sent.ws++;
      const wrong =
        reply.ok !== false
          ? 'accepted'
          : reply.error?.code !== frame.code
            ? `answered ${reply.error?.code}: ${reply.error?.message}`
            : reply.id !== frame.id
              ? `reply id ${JSON.stringify(reply.id)}, expected ${JSON.stringify(frame.id)}`
              : calls.length !== before
                ? 'reached a handler'
                : checkMessage(reply.error.message, null);
      if (wrong) failures.push(`${frame.label}: ${wrong}`);
    }
    const binary = await client.send(Buffer.from([0x7b, 0x00, 0xff, 0xfe]), true);
    sent.ws++;
    expect(binary).toMatchObject({ id: null, ok: false, error: { code: 'INVALID_PARAMS' } });
    expect(failures).toEqual([]);
    await expect(client.send(JSON.stringify({ id: 1, method: 'app.info' }))).resolves.toMatchObject({ id: 1, ok: true });
    expect(prototypeIsClean()).toBe(true);
    client.ws.close();
  });

  it('drops a connection that sends an oversized frame or invalid UTF-8, and serves the next one', async () => {
    for (const [label, data, code] of [
      ['a frame over 1 MiB', JSON.stringify({ id: 1, method: 'chat.turn', params: { newChat: {}, action: { type: 'send', text: 'x'.repeat(1024 * 1024) } } }), 1009],
      ['a text frame of invalid UTF-8', Buffer.from([0x7b, 0xc3, 0x28, 0x7d]), 1007],
    ] as const) {
      const client = await rawClient(host.port, TOKEN);
      client.ws.send(data, { binary: false });
      sent.ws++;
      expect(await client.closed, label).toBe(code);
      const next = await rawClient(host.port, TOKEN);
      await expect(next.send(JSON.stringify({ id: 2, method: 'app.info' }))).resolves.toMatchObject({ id: 2, ok: true });
      next.ws.close();
    }
  });

  it('answers a burst of 200 calls in one go, each exactly once, as the schema says, BUSY only past the in-flight limit', async () => {
    const client = await rawClient(host.port, TOKEN);
    const replies = new Map<unknown, Reply>();
    const all = new Promise<void>((resolve) => {
      client.ws.on('message', (data) => {
        const reply = JSON.parse(data.toString()) as Reply;
        expect(replies.has(reply.id)).toBe(false);
        replies.set(reply.id, reply);
        if (replies.size === 200) resolve();
      });
    });
    // Every seventh call is invalid (limit 0), so the schema, not the host, decides what must succeed.
    const burst = Array.from({ length: 200 }, (_, i) => ({ id: `b${i}`, method: 'chats.list' as const, params: { limit: i % 7 === 3 ? 0 : 1 + i } }));
    for (const call of burst) client.ws.send(JSON.stringify(call));
    sent.ws += 200;
    await all;
    const failures: string[] = [];
    let answered = 0;
    burst.forEach((call, i) => {
      const reply = replies.get(call.id)!;
      const valid = methods['chats.list'].params.safeParse(call.params).success;
      if (reply.ok) answered++;
      // The host refuses BUSY only with BURST_IN_FLIGHT calls already in flight: the first ones always get the schema's verdict.
      const busyAllowed = i >= BURST_IN_FLIGHT;
      const verdict = reply.ok ? 'ok' : reply.error?.code;
      const expected = valid ? 'ok' : 'INVALID_PARAMS';
      if (verdict !== expected && !(busyAllowed && verdict === 'BUSY')) failures.push(`${call.id} ${JSON.stringify(call.params)}: ${verdict}, expected ${expected}`);
      // The recording handler's answer: an ok reply that did not come from the handler is no success.
      if (reply.ok && (reply.result as { fuzzed?: string } | undefined)?.fuzzed !== 'chats.list') failures.push(`${call.id}: ok without the handler's result`);
    });
    expect(failures).toEqual([]);
    const mustAnswer = burst.slice(0, BURST_IN_FLIGHT).filter((c) => methods['chats.list'].params.safeParse(c.params).success).length;
    expect(answered).toBeGreaterThanOrEqual(mustAnswer);
    client.ws.close();
  });
});

interface FakeEvent {
  trusted: boolean | 'throws';
}

describe('contract fuzz over the IPC host', () => {
  const logger = { warn: vi.fn(), error: vi.fn() };
  const { handlers, calls } = recordingHandlers();
  let listener: ((event: FakeEvent, ...args: unknown[]) => unknown) | null = null;
  const ipcMain: IpcMainLike<FakeEvent> = {
    handle: (channel, l) => {
      if (channel === IPC_INVOKE_CHANNEL) listener = l;
    },
    removeHandler: () => (listener = null),
  };
  createIpcHost<FakeEvent>({
    ipcMain,
    dispatcher: createDispatcher({ handlers, logger }),
    bus: createEventBus(),
    isTrustedSender: (e) => {
      if (e.trusted === 'throws') throw new Error('the frame is gone');
      return e.trusted;
    },
    sendEvent: () => {},
    logger,
  });
  /**
   * What Electron does to an invoke's argument: structured clone. What cannot
   * be cloned (nesting deeper than the serializer's stack) never leaves the
   * renderer: ipcRenderer.invoke throws there, so main has nothing to answer.
   */
  let unsendable = 0;
  const clone = (frame: unknown): { ok: true; value: unknown } | { ok: false } => {
    try {
      return { ok: true, value: structuredClone(frame) };
    } catch {
      unsendable++;
      return { ok: false };
    }
  };
  const invoke = async (frame: unknown, event: FakeEvent = { trusted: true }): Promise<Reply | null> => {
    const cloned = clone(frame);
    if (!cloned.ok) return null;
    sent.ipc++;
    return (await listener!(event, cloned.value)) as Reply;
  };
  afterAll(() => console.log(`${unsendable} IPC payloads could not be structured-cloned, as in Electron's renderer`));

  it('answers every method, whatever the params (structured-clone-only values too), with the contract\'s verdict', async () => {
    const rng = createRng(SEED, 2);
    const extras = structuredCloneValues();
    const failures: string[] = [];
    let id = 0;
    for (const method of METHOD_NAMES) {
      const cases = paramsCases(method, PER_METHOD, rng);
      for (const [label, value] of extras) {
        cases.push({ label: `params = ${label}`, params: value });
        cases.push({ label: `a field = ${label}`, params: { ...(cases[1]!.params as object), [Object.keys(cases[1]!.params ?? {})[0] ?? 'x']: value } });
      }
      for (const c of cases) {
        const frame = { id: ++id, method, params: c.params };
        const before = calls.length;
        const reply = await invoke(frame);
        if (!reply) continue;
        tally(reply);
        const wrong = judgeReply(method, id, (structuredClone(frame) as { params?: unknown }).params, reply, calls.slice(before));
        if (wrong) failures.push(`${method} ${c.label} ${preview(c.params)}: ${wrong}`);
      }
    }
    expect(failures).toEqual([]);
    expect(logger.error).not.toHaveBeenCalled();
    expect(prototypeIsClean()).toBe(true);
  });

  it('refuses malformed frames, and any sender that is not the window, before any handler', async () => {
    const failures: string[] = [];
    for (const frame of rawFrameCases()) {
      let value: unknown;
      try {
        value = JSON.parse(frame.text);
      } catch {
        value = frame.text; // over IPC, a string is just a wrong frame
      }
      const expectedCode = typeof value === 'string' && frame.code === 'INVALID_PARAMS' ? 'INVALID_PARAMS' : frame.code;
      const before = calls.length;
      const reply = await invoke(value);
      if (!reply) continue;
      if (reply.ok || reply.error?.code !== expectedCode || calls.length !== before) failures.push(`${frame.label}: ${JSON.stringify(reply).slice(0, 200)}`);
    }
    for (const [label, value] of structuredCloneValues()) {
      const reply = await invoke(value);
      if (reply && (reply.ok || reply.error?.code !== 'INVALID_PARAMS')) failures.push(`frame = ${label}: ${JSON.stringify(reply).slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
    const before = calls.length;
    for (const trusted of [false, 'throws'] as const) {
      for (const method of METHOD_NAMES) {
        await expect(invoke({ id: 7, method, params: {} }, { trusted })).resolves.toMatchObject({ id: 7, ok: false, error: { code: 'UNAUTHORIZED' } });
      }
    }
    expect(calls.length).toBe(before);
    await expect(invoke({ id: 8, method: 'app.info' })).resolves.toMatchObject({ id: 8, ok: true });
    expect(prototypeIsClean()).toBe(true);
  });
});

