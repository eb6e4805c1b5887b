import { ApiError } from './ApiError.js';

export interface ApiQueueDeps {
  /** How many API requests generate at once (1 unless the engine runs parallel sequences). */
  parallel: () => number;
  /** Requests waiting past this many are refused with 429. */
  maxWaiting: number;
  /** True while an app chat's reply is queued or generating: API requests then wait, so the person is never behind API traffic. */
  chatBusy: () => boolean;
  now?: () => number;
}

export interface ApiQueue {
  /**
   * Runs the task when its turn comes: in fair order across keys (round robin,
   * so one busy client cannot push the others back), at most `parallel` at a
   * time, and only while no app chat is replying. Throws 429 with Retry-After
   * when too many wait; a signal aborted while waiting leaves the queue.
   */
  run<T>(owner: string, signal: AbortSignal, task: () => Promise<T>): Promise<T>;
  /** Re-checks whether waiting requests may start (call when a chat reply ends). */
  poke(): void;
  readonly running: number;
  readonly waiting: number;
}

interface Waiter {
  owner: string;
  start: () => void;
}

const DEFAULT_SECONDS_PER_REQUEST = 5;
const CHAT_RECHECK_MS = 1000;

export function createApiQueue(deps: ApiQueueDeps): ApiQueue {
  const now = deps.now ?? Date.now;
  /** Waiting requests per owner, owners in the order they get their next turn. */
  const byOwner = new Map<string, Waiter[]>();
  let waiting = 0;
  let running = 0;
  /** Moving average of how long a request holds its slot, for Retry-After. */
  let averageMs: number | null = null;

  /** Who was served last: not served again while another owner waits (a request that started at once counts too). */
  let lastServed: string | null = null;

  function next(): Waiter | undefined {
    for (const [owner, list] of byOwner) {
      if (owner === lastServed && byOwner.size > 1) continue;
      const w = list.shift();
      byOwner.delete(owner);
      // The owner goes to the back of the round: others with waiting requests are served first.
      if (list.length > 0) byOwner.set(owner, list);
      if (w) return w;
    }
    return undefined;
  }

  /** While chats hold the queue, it looks again now and then: the end of a reply is announced, but a check costs nothing. */
  let recheck: NodeJS.Timeout | null = null;

  function dispatch(): void {
    while (waiting > 0 && running < Math.max(1, deps.parallel())) {
      if (deps.chatBusy()) {
        recheck ??= setTimeout(() => {
          recheck = null;
          dispatch();
        }, CHAT_RECHECK_MS);
        recheck.unref?.();
        return;
      }
      const w = next();
      if (!w) return;
      waiting--;
      running++;
      lastServed = w.owner;
      w.start();
    }
  }

  function retryAfterSeconds(): number {
    const per = averageMs ?? DEFAULT_SECONDS_PER_REQUEST * 1000;
    return Math.max(1, Math.ceil((per * (waiting / Math.max(1, deps.parallel()) + 1)) / 1000));
  }

  return {
    get running() {
      return running;
    },
    get waiting() {
      return waiting;
    },
    poke: dispatch,
    run<T>(owner: string, signal: AbortSignal, task: () => Promise<T>): Promise<T> {
      if (signal.aborted) return Promise.reject(new ApiError(499, 'invalid_request_error', 'client_closed', 'The client closed the request.'));
      const mayStartNow = waiting === 0 && running < Math.max(1, deps.parallel()) && !deps.chatBusy();
      if (!mayStartNow && waiting >= deps.maxWaiting) {
        const seconds = retryAfterSeconds();
        return Promise.reject(
          new ApiError(429, 'rate_limit_error', 'queue_full', `Hearth is busy: ${waiting} requests are already waiting for the model. Retry in about ${seconds} s.`, null, { 'retry-after': String(seconds) }),
        );
      }
      return new Promise<T>((resolve, reject) => {
        const waiter: Waiter = {
          owner,
          start: () => {
            signal.removeEventListener('abort', onAbort);
            const began = now();
            task()
              .then(resolve, reject)
              .finally(() => {
                const took = now() - began;
                averageMs = averageMs === null ? took : averageMs * 0.8 + took * 0.2;
                running--;
                dispatch();
              });
          },
        };
        const onAbort = () => {
          const list = byOwner.get(owner);
          const at = list?.indexOf(waiter) ?? -1;
          if (list && at >= 0) {
            list.splice(at, 1);
            if (list.length === 0) byOwner.delete(owner);
            waiting--;
            reject(new ApiError(499, 'invalid_request_error', 'client_closed', 'The client closed the request while it waited.'));
          }
        };
        signal.addEventListener('abort', onAbort, { once: true });
        const list = byOwner.get(owner);
        if (list) list.push(waiter);
        else byOwner.set(owner, [waiter]);
        waiting++;
        dispatch();
      });
    },
  };
}
