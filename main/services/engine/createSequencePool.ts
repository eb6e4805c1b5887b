import { HearthError } from '../../contract/index.js';

export interface SequencePool<S> {
  /** How many sequences the pool holds (0: API completions share the chat's sequence, one at a time). */
  readonly size: number;
  /** Callers holding or waiting for a sequence now. */
  readonly active: number;
  /**
   * A free sequence, waiting for one when all are busy; an aborted signal
   * leaves the wait with ABORTED. The caller counts as active from this call
   * on, so a context is not disposed between the call and the sequence.
   */
  acquire(signal: AbortSignal): Promise<S>;
  release(sequence: S): void;
  /** Resolves once no caller holds or waits for a sequence (before the context under them is disposed). */
  drained(): Promise<void>;
}

/**
 * The API's own sequences of a model's context: each running completion holds
 * one, so N completions decode together (node-llama-cpp batches the sequences
 * of one context into each decode) while the chat keeps its own sequence and
 * its KV cache. Waiters are served in arrival order.
 */
export function createSequencePool<S>(sequences: readonly S[]): SequencePool<S> {
  const free = [...sequences];
  const waiters: Array<{ resolve(s: S): void }> = [];
  let drainedWaiters: Array<() => void> = [];
  let users = 0;
  const leave = () => {
    users--;
    if (users > 0) return;
    const done = drainedWaiters;
    drainedWaiters = [];
    for (const resolve of done) resolve();
  };

  return {
    size: sequences.length,
    get active() {
      return users;
    },
    acquire(signal) {
      if (signal.aborted) return Promise.reject(new HearthError('ABORTED', 'The completion was cancelled while it waited for a sequence.'));
      users++;
      const sequence = free.shift();
      if (sequence !== undefined) return Promise.resolve(sequence);
      return new Promise<S>((resolve, reject) => {
        const waiter = {
          resolve: (s: S) => {
            signal.removeEventListener('abort', onAbort);
            resolve(s);
          },
        };
        const onAbort = () => {
          const at = waiters.indexOf(waiter);
          if (at >= 0) waiters.splice(at, 1);
          leave();
          reject(new HearthError('ABORTED', 'The completion was cancelled while it waited for a sequence.'));
        };
        signal.addEventListener('abort', onAbort, { once: true });
        waiters.push(waiter);
      });
    },
    release(sequence) {
      const next = waiters.shift();
      if (next) next.resolve(sequence);
      else free.push(sequence);
      leave();
    },
    drained() {
      if (users === 0) return Promise.resolve();
      return new Promise<void>((resolve) => drainedWaiters.push(resolve));
    },
  };
}
