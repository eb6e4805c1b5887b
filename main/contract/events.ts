import { z } from 'zod';
import { FinishReason, Id, ReplyStats, RoutingDecision } from './entities.js';
import { documentsEvents } from './documents.js';
import { libraryEvents } from './library.js';
import { routingEvents } from './routing.js';

/** Events main pushes to the renderer. Payloads are validated in tests and by the client in dev. */
export const events = {
  /** A coalesced piece of a streaming reply; seq grows by one per event of a message. */
  'chat.delta': z.object({ chatId: Id, messageId: Id, seq: z.number().int().nonnegative(), text: z.string() }),
  /** The reply ended; 'aborted' is a normal finish (the user pressed Stop), not an error. */
  'chat.done': z.object({
    chatId: Id,
    messageId: Id,
    /** The reply as stored: the client needs no reload, and a missed delta is mended. */
    content: z.string(),
    finishReason: FinishReason,
    stats: ReplyStats.nullable(),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
    /** The routing decision as stored: it changes when the preferred model failed to load and another answered. */
    routing: RoutingDecision.nullable().optional(),
  }),
  /** A chat's title, model or message list changed outside the caller's request (auto-title, another window). */
  'chats.changed': z.object({ chatId: Id, reason: z.enum(['title', 'messages', 'deleted', 'settings']) }),
  'models.loadProgress': z.object({ modelId: Id, progress: z.number().min(0).max(1) }),
  'models.changed': z.object({ reason: z.enum(['added', 'removed', 'loaded', 'unloaded']), modelId: Id.nullable() }),
  'engine.status': z.object({ state: z.enum(['idle', 'starting', 'ready', 'crashed']), message: z.string().nullable() }),
  'settings.changed': z.object({}),
  ...libraryEvents,
  ...documentsEvents,
  ...routingEvents,
} as const satisfies Record<string, z.ZodType>;

export type Events = typeof events;
export type EventName = keyof Events;
export type PayloadOf<E extends EventName> = z.infer<Events[E]>;

export const EVENT_NAMES = Object.freeze(Object.keys(events)) as readonly EventName[];
