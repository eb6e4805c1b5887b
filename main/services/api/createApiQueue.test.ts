import { describe, expect, it } from 'vitest';
import { createApiQueue } from './createApiQueue.js';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('API queue', () => {
  it('serves keys in turn: a client with many requests waiting does not push another back', async () => {
    const q = createApiQueue({ parallel: () => 1, maxWaiting: 16, chatBusy: () => false });
    const order: string[] = [];
    const gate = deferred();
    const signal = new AbortController().signal;
    const first = q.run('a', signal, async () => {
      order.push('a0');
      await gate.promise;
    });
    const rest = [
      q.run('a', signal, async () => void order.push('a1')),
      q.run('a', signal, async () => void order.push('a2')),
      q.run('a', signal, async () => void order.push('a3')),
      q.run('b', signal, async () => void order.push('b1')),
      q.run('c', signal, async () => void order.push('c1')),
      q.run('b', signal, async () => void order.push('b2')),
    ];
    expect(q.running).toBe(1);
    expect(q.waiting).toBe(6);
    gate.resolve();
    await Promise.all([first, ...rest]);
    expect(order).toEqual(['a0', 'b1', 'a1', 'c1', 'b2', 'a2', 'a3']);
  });

  it('runs `parallel` at a time', async () => {
    const q = createApiQueue({ parallel: () => 2, maxWaiting: 16, chatBusy: () => false });
    const gate = deferred();
    const signal = new AbortController().signal;
    const all = [1, 2, 3].map((i) => q.run(`k${i}`, signal, () => gate.promise));
    expect(q.running).toBe(2);
    expect(q.waiting).toBe(1);
    gate.resolve();
    await Promise.all(all);
    expect(q.running).toBe(0);
  });

  it('waits while an app chat is replying, and starts when poked after it ends', async () => {
    let busy = true;
    const q = createApiQueue({ parallel: () => 1, maxWaiting: 16, chatBusy: () => busy });
    let ran = false;
    const p = q.run('a', new AbortController().signal, async () => void (ran = true));
    await new Promise((r) => setTimeout(r, 5));
    expect(ran).toBe(false);
    expect(q.waiting).toBe(1);
    busy = false;
    q.poke();
    await p;
    expect(ran).toBe(true);
  });

  it('looks again by itself while chats hold it, should the end of a reply go unannounced', async () => {
    let busy = true;
    const q = createApiQueue({ parallel: () => 1, maxWaiting: 16, chatBusy: () => busy });
    const p = q.run('a', new AbortController().signal, async () => 'ran');
    busy = false;
    await expect(p).resolves.toBe('ran');
  });

  it('refuses past maxWaiting with 429 and Retry-After; an aborted waiter leaves and frees its place', async () => {
    const q = createApiQueue({ parallel: () => 1, maxWaiting: 2, chatBusy: () => false });
    const gate = deferred();
    const signal = new AbortController().signal;
    const running = q.run('a', signal, () => gate.promise);
    const leaving = new AbortController();
    const w1 = q.run('b', leaving.signal, async () => 'b');
    const w2 = q.run('c', signal, async () => 'c');
    await expect(q.run('d', signal, async () => 'd')).rejects.toMatchObject({ status: 429, code: 'queue_full', headers: { 'retry-after': expect.stringMatching(/^\d+$/) } });
    leaving.abort();
    await expect(w1).rejects.toMatchObject({ status: 499 });
    expect(q.waiting).toBe(1);
    const w3 = q.run('d', signal, async () => 'd');
    gate.resolve();
    await expect(Promise.all([running, w2, w3])).resolves.toEqual([undefined, 'c', 'd']);
  });
});
