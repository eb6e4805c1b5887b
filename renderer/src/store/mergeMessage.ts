import type { Message } from '../../../main/contract/index.js';

/**
 * Reconciles a message the server returned with the one the renderer holds.
 * While a reply streams, deltas are fresher than the database (which is written
 * at most every 250 ms), so the local text wins if it is longer; a finished
 * server copy is final (its thought too); a local copy already finished by chat.done beats a
 * server copy that was read while it was still streaming.
 */
export function mergeMessage(local: Message | undefined, server: Message): Message {
  if (!local) return server;
  if (server.status !== 'streaming') return server;
  if (local.status !== 'streaming') return { ...server, status: local.status, content: local.content, thought: local.thought, stats: local.stats, error: local.error, finishReason: local.finishReason, sources: local.sources ?? server.sources };
  // The thought streams before the answer and is saved with it: each keeps whichever copy has more.
  const content = local.content.length > server.content.length ? local.content : server.content;
  const thought = (local.thought?.text.length ?? 0) > (server.thought?.text.length ?? 0) ? local.thought : server.thought;
  return content === server.content && thought === server.thought ? server : { ...server, content, thought };
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
