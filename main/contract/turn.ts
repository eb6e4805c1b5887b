import { z } from 'zod';
import { Chat, ContextUse, FinishReason, Id, Message, ProfileId, ReplySource, ReplyStats, RoutingDecision, RoutingMode, Sampling, Thought } from './entities.js';

/**
 * One chat turn, whatever its shape: the user sends a message, regenerates a
 * reply, edits one of their messages, or re-routes a reply to another profile.
 * Each places a user message (new or kept) and a new reply in one
 * transaction, routed once; the reply's life then arrives as events that carry
 * its messageId (chat.reply, chat.delta, chat.done).
 */
export const TurnAction = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('send'),
    text: z.string().min(1).max(200_000),
    /** Files dropped on the composer (absolute paths): indexed into the chat's own collection and attached to the chat. */
    files: z.array(z.string().min(1).max(4096)).max(100).optional(),
  }),
  /** The reply to write again (and drop what followed it); default the chat's last reply. */
  z.strictObject({ type: z.literal('regenerate'), messageId: Id.optional() }),
  /** One of the user's own messages, replaced by `text`; what followed it is dropped. */
  z.strictObject({ type: z.literal('edit'), messageId: Id, text: z.string().min(1).max(200_000) }),
  /** A reply written again with another profile (counted as an override). */
  z.strictObject({ type: z.literal('reroute'), messageId: Id, profileId: ProfileId }),
]);
export type TurnAction = z.infer<typeof TurnAction>;

/** A chat created by this turn, with its settings, in the same transaction as its first message. */
export const NewChat = z.strictObject({
  title: z.string().min(1).max(200).optional(),
  modelId: Id.optional(),
  routingMode: RoutingMode.optional(),
  systemPrompt: z.string().max(20_000).optional(),
  sampling: Sampling.optional(),
  collectionIds: z.array(Id).max(100).optional(),
  /** As chats.update: a chat's first reply already thinks (or not) as set in the new-chat settings. */
  thinking: z.enum(['auto', 'on', 'off']).optional(),
  thinkingBudget: z.number().int().min(1).max(1_000_000).nullable().optional(),
});
export type NewChat = z.infer<typeof NewChat>;

export const TurnParams = z
  .strictObject({
    /** The chat of a send; regenerate, edit and re-route find it from their message. Omitted with newChat. */
    chatId: Id.optional(),
    newChat: NewChat.optional(),
    /** Answer with this model (and make it the chat's model). */
    modelId: Id.optional(),
    action: TurnAction,
  })
  .refine((p) => !(p.chatId && p.newChat), { message: 'give either chatId or newChat, not both', path: ['newChat'] })
  .refine((p) => p.action.type !== 'send' || p.chatId !== undefined || p.newChat !== undefined, {
    message: 'a send needs chatId, or newChat to start a chat',
    path: ['chatId'],
  })
  .refine((p) => p.action.type === 'send' || p.newChat === undefined, { message: 'only a send can start a new chat', path: ['newChat'] });
export type TurnParams = z.infer<typeof TurnParams>;

export const TurnResult = z.object({
  /** The chat as it is after the turn (created, re-titled or re-modelled by it). */
  chat: Chat,
  /** The message the reply answers: new for send and edit, kept for regenerate and re-route. */
  userMessage: Message,
  /** The reply, empty and streaming. */
  reply: Message,
  /** The first message the turn removed (it and everything after it); null when none was. */
  replacedFrom: Id.nullable(),
});
export type TurnResult = z.infer<typeof TurnResult>;

export const ReplyPhase = z.enum(['queued', 'loading', 'generating']);
export type ReplyPhase = z.infer<typeof ReplyPhase>;

export const turnMethods = {
  'chat.turn': { params: TurnParams, result: TurnResult },
  'chat.stop': { params: z.strictObject({ messageId: Id }), result: z.object({ stopped: z.boolean() }) },
} as const satisfies Record<string, { params: z.ZodType; result: z.ZodType }>;

export const turnEvents = {
  /**
   * Where a reply is before its text: queued (another reply holds the
   * engine), loading its model (progress 0..1), generating (its prompt is in;
   * context says what fitted). The renderer shows what this says; it never
   * guesses which reply a model load belongs to.
   */
  'chat.reply': z.object({
    chatId: Id,
    messageId: Id,
    phase: ReplyPhase,
    modelId: z.string().nullable(),
    /** 0..1 while loading; null otherwise. */
    progress: z.number().min(0).max(1).nullable(),
    context: ContextUse.nullable(),
    /** The decision as it stands (it changes when a fallback model answers). */
    routing: RoutingDecision.nullable(),
  }),
  /** A coalesced piece of a streaming reply; seq grows by one per event of a message. */
  'chat.delta': z.object({
    chatId: Id,
    messageId: Id,
    seq: z.number().int().nonnegative(),
    text: z.string(),
    /** 'thought': the text is the model's thinking, not its answer. Absent: answer. */
    segment: z.literal('thought').optional(),
  }),
  /** The reply ended: 'aborted' is a normal finish (stopped), 'error' and 'crashed' failed, with the text it had. */
  'chat.done': z.object({
    chatId: Id,
    messageId: Id,
    /** The reply as stored: the client needs no reload, and a missed delta is mended. */
    content: z.string(),
    thought: Thought.nullable().optional(),
    sources: z.array(ReplySource).nullable().optional(),
    finishReason: FinishReason,
    stats: ReplyStats.nullable(),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
    routing: RoutingDecision.nullable(),
    context: ContextUse.nullable(),
  }),
} as const satisfies Record<string, z.ZodType>;
