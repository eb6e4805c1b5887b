import type { EventName, PayloadOf } from '../../../main/contract/index.js';

type AnyHandler = (payload: unknown) => void;

/** Per-event handler sets shared by every client implementation. */
export function createEventHub() {
  const handlers = new Map<string, Set<AnyHandler>>();
  return {
    on<E extends EventName>(event: E, handler: (payload: PayloadOf<E>) => void): () => void {
      let set = handlers.get(event);
      if (!set) handlers.set(event, (set = new Set()));
      const h = handler as AnyHandler;
      set.add(h);
      return () => set.delete(h);
    },
    emit(event: string, payload: unknown): void {
      for (const handler of [...(handlers.get(event) ?? [])]) {
        try {
          handler(payload);
        } catch (error) {
          // One broken handler must not starve the others of the event.
          console.error(`Handler for ${event} failed`, error);
        }
      }
    },
  };
}

/** Listeners for connection changes. */
export function createListeners<T>() {
  const listeners = new Set<(value: T) => void>();
  return {
    add(listener: (value: T) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    notify(value: T): void {
      for (const l of [...listeners]) l(value);
    },
  };
}

/**
 * Follows the event frames' sequence numbers: a number that skips means an
 * event was lost on the way, and the listeners (the store) resync. A number
 * that goes back is a new connection (its sequence starts over), not a gap.
 */
export function createSeqTracker() {
  const listeners = createListeners<void>();
  let last: number | null = null;
  return {
    see(seq: unknown): void {
      if (typeof seq !== 'number') return;
      const gap = last !== null && seq > last + 1;
      last = seq;
      if (gap) listeners.notify();
    },
    reset(): void {
      last = null;
    },
    onGap: (listener: () => void) => listeners.add(() => listener()),
  };
}
