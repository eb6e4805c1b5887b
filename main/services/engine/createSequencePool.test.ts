import { describe, expect, it } from 'vitest';
import { createSequencePool } from './createSequencePool.js';

describe('createSequencePool', () => {
  it('hands out each sequence once, then makes callers wait in order', async () => {
    const pool = createSequencePool(['a', 'b']);
    const signal = new AbortController().signal;
    expect([await pool.acquire(signal), await pool.acquire(signal)]).toEqual(['a', 'b']);
    expect(pool.active).toBe(2);
    const order: string[] = [];
    const third = pool.acquire(signal).then((s) => order.push(`third:${s}`));
    const fourth = pool.acquire(signal).then((s) => order.push(`fourth:${s}`));
    expect(pool.active).toBe(4);
    pool.release('b');
    pool.release('a');
    await Promise.all([third, fourth]);
    expect(order).toEqual(['third:b', 'fourth:a']);
    expect(pool.active).toBe(2);
  });

  it('a waiter whose signal aborts leaves the queue without taking a sequence', async () => {
    const pool = createSequencePool(['a']);
    await pool.acquire(new AbortController().signal);
    const controller = new AbortController();
    const waiting = pool.acquire(controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'ABORTED' });
    pool.release('a');
    expect(pool.active).toBe(0);
  });

  it('drained waits for waiters too, and resolves when every sequence is back', async () => {
    const pool = createSequencePool(['a', 'b']);
    const signal = new AbortController().signal;
    const a = await pool.acquire(signal);
    const b = await pool.acquire(signal);
    const c = pool.acquire(signal);
    let drained = false;
    const done = pool.drained().then(() => (drained = true));
    pool.release(a);
    pool.release(b);
    await Promise.resolve();
    expect(drained).toBe(false);
    pool.release(await c);
    await done;
    expect(drained).toBe(true);
  });
});
