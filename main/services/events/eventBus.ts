import type { EventName, PayloadOf } from '../../contract/index.js';

export type EventListener = <E extends EventName>(event: E, payload: PayloadOf<E>) => void;

/** Fan-out of contract events from services to every connected host (IPC window, WebSockets). */
export interface EventBus {
  emit<E extends EventName>(event: E, payload: PayloadOf<E>): void;
  subscribe(listener: EventListener): () => void;
}

export function createEventBus(onListenerError?: (error: unknown) => void): EventBus {
  const listeners = new Set<EventListener>();
  return {
    emit(event, payload) {
      for (const listener of listeners) {
        // One broken listener (a closed socket) must not starve the others.
        try {
          listener(event, payload);
        } catch (error) {
          onListenerError?.(error);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
