import type { Message } from '../../../main/contract/index.js';

/**
 * Reconciles a message the server returned with the one the renderer holds.
 * While a reply streams, deltas are fresher than the database (which is written
 * at most every 250 ms), so the local text wins if it is longer; a finished
 * server copy is final; a local copy already finished by chat.done beats a
 * server copy that was read while it was still streaming.
 */
export function mergeMessage(local: Message | undefined, server: Message): Message {
  if (!local) return server;
  if (server.status !== 'streaming') return server;
  if (local.status !== 'streaming') return { ...server, status: local.status, content: local.content, stats: local.stats, error: local.error, finishReason: local.finishReason, sources: local.sources ?? server.sources };
  return local.content.length > server.content.length ? { ...server, content: local.content } : server;
}

/** A placeholder for a message the renderer knows of only from an event or a send result. */
export function placeholderMessage(fields: Pick<Message, 'id' | 'chatId' | 'role'> & Partial<Message>): Message {
  const now = Date.now();
  return {
    content: '',
    status: 'complete',
    modelId: null,
    domain: null,
    routing: null,
    stats: null,
    context: null,
    error: null,
    finishReason: null,
    createdAt: now,
    updatedAt: now,
    ...fields,
  };
}
