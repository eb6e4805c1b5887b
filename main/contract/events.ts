import { z } from 'zod';
import { EngineStatus, Id } from './entities.js';
import { apiEvents } from './api.js';
import { documentsEvents } from './documents.js';
import { libraryEvents } from './library.js';
import { routingEvents } from './routing.js';
import { turnEvents } from './turn.js';

/** Events main pushes to the renderer. Payloads are validated in tests and by the client in dev. */
export const events = {
  ...turnEvents,
  /** A chat's title, model or message list changed outside the caller's request (auto-title, another window). */
  'chats.changed': z.object({ chatId: Id, reason: z.enum(['title', 'messages', 'deleted', 'settings']) }),
  /** Progress of an explicit models.load; a reply's own load is reported by chat.reply (phase loading). */
  'models.loadProgress': z.object({ modelId: Id, progress: z.number().min(0).max(1) }),
  'models.changed': z.object({ reason: z.enum(['added', 'removed', 'loaded', 'unloaded', 'broken', 'verified', 'checked']), modelId: Id.nullable() }),
  /** Pushed by the engine on start, load, unload (idle unloads too) and crash: the client never polls after a reply. */
  'engine.status': z.object({
    state: z.enum(['idle', 'starting', 'ready', 'crashed']),
    message: z.string().nullable(),
    /** The full status when the engine is running; null when it is not (idle, crashed). */
    status: EngineStatus.nullable(),
  }),
  'settings.changed': z.object({}),
  ...libraryEvents,
  ...documentsEvents,
  ...routingEvents,
  ...apiEvents,
} as const satisfies Record<string, z.ZodType>;

export type Events = typeof events;
export type EventName = keyof Events;
export type PayloadOf<E extends EventName> = z.infer<Events[E]>;

export const EVENT_NAMES = Object.freeze(Object.keys(events)) as readonly EventName[];
