import type { Message, ReplyStats, RoutingDecision, Thought } from '../../../main/contract/index.js';

function sameThought(a: Thought | null | undefined, b: Thought | null | undefined): boolean {
  if (!a || !b) return !a === !b;
  return a.text === b.text && a.durationMs === b.durationMs && a.tokens === b.tokens;
}

function sameStats(a: ReplyStats | null, b: ReplyStats | null): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const keys = Object.keys(a) as (keyof ReplyStats)[];
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

function sameRouting(a: RoutingDecision | null, b: RoutingDecision | null): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  // Small and rarely compared (on reconcile only): comparing the serialised form is simplest and exact.
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Field-by-field equality, so a reconcile that changes nothing keeps the old object. */
export function sameMessage(a: Message, b: Message): boolean {
  return (
    a.id === b.id &&
    a.chatId === b.chatId &&
    a.role === b.role &&
    a.content === b.content &&
    a.status === b.status &&
    a.modelId === b.modelId &&
    a.domain === b.domain &&
    a.error === b.error &&
    a.finishReason === b.finishReason &&
    a.createdAt === b.createdAt &&
    a.updatedAt === b.updatedAt &&
    sameStats(a.stats, b.stats) &&
    sameThought(a.thought, b.thought) &&
    sameRouting(a.routing, b.routing)
  );
}

export function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}
