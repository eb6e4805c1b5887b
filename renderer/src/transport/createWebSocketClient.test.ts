import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HearthError, WS_PROTOCOL } from '../../../main/contract/index.js';
import { createWebSocketClient } from './createWebSocketClient.js';
import type { ConnectionInfo } from './HearthClient.js';

/** A WebSocket double: tests open, close and answer it by hand. */
class FakeSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 3;
  static all: FakeSocket[] = [];
  readyState = FakeSocket.CONNECTING;
  sent: Array<{ id: number; method: string; params: unknown }> = [];
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(
    readonly url: string,
    readonly protocols: string[],
  ) {
    FakeSocket.all.push(this);
  }
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.drop();
  }
  open() {
    this.readyState = FakeSocket.OPEN;
    this.onopen?.();
  }
  drop() {
    this.readyState = FakeSocket.CLOSED;
    this.onclose?.();
  }
  receive(frame: unknown) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
}

const latest = () => FakeSocket.all.at(-1)!;

function connect() {
  const client = createWebSocketClient({ url: 'ws://127.0.0.1:4000/rpc', token: 'secret', WebSocketImpl: FakeSocket as unknown as typeof WebSocket, initialRetryMs: 100, maxRetryMs: 400 });
  const states: ConnectionInfo['state'][] = [];
  client.onConnection((i) => states.push(i.state));
  return { client, states };
}

describe('WebSocket client', () => {
  beforeEach(() => {
    FakeSocket.all = [];
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('offers the protocol and the token as subprotocols', () => {
    connect();
    expect(latest().url).toBe('ws://127.0.0.1:4000/rpc');
    expect(latest().protocols).toEqual([WS_PROTOCOL, 'hearth.token.secret']);
  });

  it('queues calls until the first open, then matches replies by id', async () => {
    const { client } = connect();
    const info = client.call('app.info', {});
    const list = client.call('chats.list', {});
    expect(latest().sent).toEqual([]);
    latest().open();
    expect(latest().sent.map((f) => f.method)).toEqual(['app.info', 'chats.list']);
    const [a, b] = latest().sent as unknown as [{ id: number }, { id: number }];
    expect(a.id).not.toBe(b.id);
    latest().receive({ id: b.id, ok: true, result: [] });
    latest().receive({ id: a.id, ok: false, error: { code: 'UNAUTHORIZED', message: 'Bad token.' } });
    await expect(list).resolves.toEqual([]);
    const error = await info.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HearthError);
    expect(error).toMatchObject({ code: 'UNAUTHORIZED', message: 'Bad token.' });
  });

  it('delivers events to subscribers of that event only', () => {
    const { client } = connect();
    latest().open();
    const deltas: unknown[] = [];
    const off = client.on('chat.delta', (p) => deltas.push(p));
    client.on('chat.done', () => deltas.push('wrong'));
    latest().receive({ event: 'chat.delta', payload: { chatId: 'c', messageId: 'm', seq: 0, text: 'hi' }, seq: 1 });
    off();
    latest().receive({ event: 'chat.delta', payload: { chatId: 'c', messageId: 'm', seq: 1, text: '!' }, seq: 2 });
    expect(deltas).toEqual([{ chatId: 'c', messageId: 'm', seq: 0, text: 'hi' }]);
  });

  it('fails calls in flight when the socket drops, then reconnects with backoff', async () => {
    const { client, states } = connect();
    latest().open();
    const call = client.call('chats.list', {});
    latest().drop();
    await expect(call).rejects.toThrow(/connection to Hearth was lost before chats.list finished/);
    expect(client.connection()).toMatchObject({ state: 'reconnecting' });
    // While reconnecting a new call fails at once instead of going out late.
    await expect(client.call('chats.list', {})).rejects.toThrow(/Not connected to Hearth/);
    expect(FakeSocket.all).toHaveLength(1);
    vi.advanceTimersByTime(100);
    expect(FakeSocket.all).toHaveLength(2);
    latest().drop();
    vi.advanceTimersByTime(199);
    expect(FakeSocket.all).toHaveLength(2); // the second wait is longer
    vi.advanceTimersByTime(1);
    expect(FakeSocket.all).toHaveLength(3);
    latest().open();
    expect(states).toEqual(['open', 'reconnecting', 'reconnecting', 'open']);
    const again = client.call('chats.list', {});
    latest().receive({ id: latest().sent[0]!.id, ok: true, result: [] });
    await expect(again).resolves.toEqual([]);
  });

  it('fails every call in flight with ENGINE_UNAVAILABLE when the socket closes, and answers nothing late', async () => {
    const { client } = connect();
    latest().open();
    const calls = [client.call('chats.list', {}), client.call('app.info', {})];
    const ids = latest().sent.map((f) => f.id);
    latest().drop();
    for (const call of calls) {
      const error = await call.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HearthError);
      expect(error).toMatchObject({ code: 'ENGINE_UNAVAILABLE' });
    }
    // A reply that turns up on the dead socket afterwards is ignored.
    FakeSocket.all[0]!.receive({ id: ids[0], ok: true, result: [] });
  });

  it('keeps calls made before the first open through a failed first attempt, and sends them when a connection opens', async () => {
    const { client } = connect();
    const call = client.call('chats.list', {});
    latest().drop(); // the server was not up yet
    vi.advanceTimersByTime(100);
    expect(FakeSocket.all).toHaveLength(2);
    latest().open();
    expect(latest().sent.map((f) => f.method)).toEqual(['chats.list']);
    latest().receive({ id: latest().sent[0]!.id, ok: true, result: [] });
    await expect(call).resolves.toEqual([]);
  });

  it('calls onGap listeners when the event seq skips, not for frames in order', () => {
    const { client } = connect();
    latest().open();
    const gaps = vi.fn();
    const off = client.onGap!(gaps);
    const delta = (seq: number) => latest().receive({ event: 'chat.delta', payload: { chatId: 'c', messageId: 'm', seq, text: 'x' }, seq });
    delta(1);
    delta(2);
    delta(3);
    expect(gaps).not.toHaveBeenCalled();
    delta(5); // 4 was lost on the way
    expect(gaps).toHaveBeenCalledTimes(1);
    delta(6);
    expect(gaps).toHaveBeenCalledTimes(1);
    off();
    delta(9);
    expect(gaps).toHaveBeenCalledTimes(1);
  });

  it('a new connection starts its seq again: that is no gap', () => {
    const { client } = connect();
    latest().open();
    const gaps = vi.fn();
    client.onGap!(gaps);
    const event = (seq: number) => latest().receive({ event: 'settings.changed', payload: {}, seq });
    for (const seq of [1, 2, 3, 4, 5]) event(seq);
    latest().drop();
    vi.advanceTimersByTime(100);
    latest().open();
    event(1);
    event(2);
    expect(gaps).not.toHaveBeenCalled();
    event(4);
    expect(gaps).toHaveBeenCalledTimes(1);
  });

  it('close() stops reconnecting and fails what is pending', async () => {
    const { client } = connect();
    latest().open();
    const call = client.call('chats.list', {});
    client.close();
    await expect(call).rejects.toThrow(/closed/);
    vi.advanceTimersByTime(10_000);
    expect(FakeSocket.all).toHaveLength(1);
    expect(client.connection().state).toBe('closed');
  });
});
