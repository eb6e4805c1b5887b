import { describe, expect, it } from 'vitest';
import { createRpcPeer, readFrameId, type AbortFrame, type CallFrame } from './rpcPeer.js';

function setup() {
  const sent: Array<CallFrame | AbortFrame> = [];
  const peer = createRpcPeer({ send: (f) => void sent.push(f), toError: (e, method) => Object.assign(new Error(`${method}: ${e.message}`), { code: e.code }) });
  return { peer, sent };
}

describe('readFrameId', () => {
  it('reads non-negative integers and short strings, nothing else', () => {
    expect(readFrameId({ id: 3 })).toBe(3);
    expect(readFrameId({ id: 'a' })).toBe('a');
    for (const bad of [{ id: -1 }, { id: 1.5 }, { id: 'x'.repeat(65) }, { id: null }, {}, null, 'id', [1]]) expect(readFrameId(bad)).toBeNull();
    expect(readFrameId(Object.create({ id: 1 }))).toBeNull();
  });
});

describe('createRpcPeer', () => {
  it('matches replies to calls by id, streams events to their call, and turns error replies into errors', async () => {
    const { peer, sent } = setup();
    const events: unknown[] = [];
    const a = peer.call('generate', { x: 1 }, { onStream: (p) => events.push(p) });
    const b = peer.call('status', {});
    expect(sent).toEqual([
      { id: 1, method: 'generate', params: { x: 1 } },
      { id: 2, method: 'status', params: {} },
    ]);
    expect(peer.receive({ id: 1, stream: { type: 'delta', text: 'hi' } })).toBe(true);
    expect(peer.receive({ id: 2, ok: false, error: { code: 'BUSY', message: 'busy' } })).toBe(true);
    expect(peer.receive({ id: 1, ok: true, result: 'done' })).toBe(true);
    await expect(a).resolves.toBe('done');
    await expect(b).rejects.toMatchObject({ code: 'BUSY', message: 'status: busy' });
    expect(events).toEqual([{ type: 'delta', text: 'hi' }]);
    expect(peer.pending).toBe(0);
    // Late, unknown and malformed frames are not ours.
    expect(peer.receive({ id: 1, ok: true, result: 'again' })).toBe(false);
    expect(peer.receive({ id: 9, stream: 1 })).toBe(false);
    expect(peer.receive({ event: 'x' })).toBe(false);
  });

  it('sends an abort frame when the signal fires, and at once when it already has', async () => {
    const { peer, sent } = setup();
    const controller = new AbortController();
    const call = peer.call('generate', {}, { signal: controller.signal });
    controller.abort();
    expect(sent.at(-1)).toEqual({ id: 1, abort: true });
    peer.receive({ id: 1, ok: true, result: 'stopped' });
    await expect(call).resolves.toBe('stopped');
    const late = peer.call('generate', {}, { signal: AbortSignal.abort() });
    expect(sent.at(-1)).toEqual({ id: 2, abort: true });
    peer.failAll(new Error('gone'));
    await expect(late).rejects.toThrow('gone');
  });

  it('fails every pending call with one typed error when the peer dies, or only those selected', async () => {
    const { peer } = setup();
    const calls = [peer.call('a', {}), peer.call('b', {}), peer.call('c', {})];
    const dead = Object.assign(new Error('The engine stopped'), { code: 'ENGINE_CRASHED' });
    peer.failAll(dead, (id) => id !== 2);
    await expect(calls[0]).rejects.toBe(dead);
    await expect(calls[2]).rejects.toBe(dead);
    expect(peer.pending).toBe(1);
    peer.failAll(dead);
    await expect(calls[1]).rejects.toBe(dead);
  });

  it('rejects a call whose frame cannot be sent, leaving nothing pending', async () => {
    const peer = createRpcPeer({
      send: () => {
        throw new Error('not connected');
      },
      toError: (e) => new Error(e.message),
    });
    await expect(peer.call('x', {})).rejects.toThrow('not connected');
    expect(peer.pending).toBe(0);
  });
});
