import { z } from 'zod';
import type { ErrorPayload } from './errors.js';
import type { EventName, PayloadOf } from './events.js';

/**
 * Wire frames, the same over Electron IPC and the WebSocket.
 * request {id, method, params} -> reply {id, ok, result | error}; event {event, payload, seq}.
 */
export const RequestFrame = z.strictObject({
  id: z.union([z.number().int().nonnegative(), z.string().max(64)]),
  method: z.string().max(64),
  params: z.unknown().optional(),
});
export type RequestFrame = z.infer<typeof RequestFrame>;

export type ReplyFrame =
  | { id: RequestFrame['id']; ok: true; result: unknown }
  | { id: RequestFrame['id']; ok: false; error: ErrorPayload };

export interface EventFrame<E extends EventName = EventName> {
  event: E;
  payload: PayloadOf<E>;
  /** Per-connection sequence, so a client can spot a gap. */
  seq: number;
}

/** Electron channel names; the preload knows only these two. */
export const IPC_INVOKE_CHANNEL = 'hearth:invoke';
export const IPC_EVENT_CHANNEL = 'hearth:event';
