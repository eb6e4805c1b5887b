import type { ContextUse, Chat, Thought, ChatSummary, FinishReason, Message, MessageRole, MessageStatus, ModelRecord, ReplySource, ReplyStats, RoutingDecision, RoutingMode, Sampling, SearchHit, Settings } from '../../contract/entities.js';
import type { ChatExport, ExportFormat, ExportOptions } from './formatExport.js';
import type { DeepPartial } from './mergeSettings.js';

export interface ChatInput {
  title?: string;
  modelId?: string | null;
  systemPrompt?: string | null;
  sampling?: Sampling;
  /** Default 'auto'. */
  routingMode?: RoutingMode;
  /** Default 'auto'. */
  thinking?: Chat['thinking'];
  /** Thought tokens a reply may spend; null (default): no cap. */
  thinkingBudget?: number | null;
  /** Document collections the chat retrieves from; on update, replaces the set (NOT_FOUND for an unknown id, nothing changed). */
  collectionIds?: string[];
}

export interface MessageInput {
  chatId: string;
  role: MessageRole;
  content: string;
  /** Default 'complete'. */
  status?: MessageStatus;
  modelId?: string | null;
  domain?: string | null;
  stats?: ReplyStats | null;
  error?: string | null;
  finishReason?: FinishReason | null;
  routing?: RoutingDecision | null;
  /** The document excerpts a reply was given ([] : a document chat that found none). */
  sources?: ReplySource[] | null;
}

export type MessagePatch = Partial<Pick<MessageInput, 'content' | 'status' | 'stats' | 'error' | 'finishReason' | 'modelId' | 'domain' | 'routing' | 'sources'>> & { context?: ContextUse | null; thought?: Thought | null };

/** A model to record; `broken` is set only through setModelBroken, so an upsert never clears or sets it. */
/** role: read from the file; left out, the stored one is kept (or, for a new record, the architecture decides until the file is read). */
export type ModelInput = Omit<ModelRecord, 'broken' | 'role'> & { broken?: string | null; role?: ModelRecord['role']; metadata?: Record<string, unknown> };

export interface Store {
  createChat(input: ChatInput): Chat;
  /** Throws CHAT_NOT_FOUND. */
  getChat(chatId: string): Chat;
  findChat(chatId: string): Chat | null;
  /** Newest activity first. */
  listChats(options?: { limit?: number }): ChatSummary[];
  /** Fields left undefined keep their value; null clears the nullable ones. Bumps updatedAt. */
  updateChat(chatId: string, patch: Omit<ChatInput, 'title'> & { title?: string }): Chat;
  /** Deletes the chat and its messages so that none of their text stays readable in the database file or its WAL. */
  deleteChat(chatId: string): boolean;
  /**
   * Attaches a document collection after those the chat has (kept in place if attached already).
   * `dropped`: the chat's own collection, made from files dropped on the composer. NOT_FOUND for an unknown collection.
   */
  attachCollection(chatId: string, collectionId: string, options?: { dropped?: boolean }): Chat;
  /** The chat's own collection of dropped files, while it is attached; null otherwise. */
  droppedCollectionId(chatId: string): string | null;
  /** Whether any chat has the collection attached. */
  isCollectionAttached(collectionId: string): boolean;

  /** Appends to the chat (throws CHAT_NOT_FOUND) and bumps the chat's updatedAt. */
  addMessage(input: MessageInput): Message;
  /** Throws MESSAGE_NOT_FOUND. */
  getMessage(messageId: string): Message;
  /** In insertion order. */
  listMessages(chatId: string): Message[];
  /** The chat's messages before `messageId`, newest first, read lazily: stop when you have enough. */
  messagesBefore(chatId: string, messageId: string): IterableIterator<Message>;
  lastMessage(chatId: string): Message | null;
  /** The domain of the newest routed reply before `beforeMessageId` (or in the whole chat): one indexed lookup. */
  lastRoutedDomain(chatId: string, beforeMessageId?: string | null): string | null;
  /** The streaming hot path: one statement. Does not bump the chat's updatedAt. Throws MESSAGE_NOT_FOUND. */
  updateMessage(messageId: string, patch: MessagePatch): Message;
  /**
   * A snapshot of a reply still streaming: its text only, committed without
   * waiting for the disk (synchronous=NORMAL for this one commit). A killed
   * process loses none of it (the write is in the OS already); a power cut may
   * lose the last snapshots, never what was acknowledged. Throws MESSAGE_NOT_FOUND.
   */
  saveDraft(messageId: string, content: string, thought?: Thought | null): void;
  /** Removes the given message and everything after it in its chat (edit / regenerate). Returns the count. */
  deleteMessagesFrom(messageId: string): number;
  /** On start-up: every message still 'streaming' becomes 'interrupted' (the process died mid-reply). Returns the count. */
  recoverInterrupted(): number;

  /** Any text is safe. Words are ANDed, the last one matches as a prefix; best match first. */
  search(text: string, options?: { limit?: number }): SearchHit[];
  /** Thoughts are left out unless includeThinking: they are not what the model said. */
  exportChat(chatId: string, format: ExportFormat, options?: ExportOptions): ChatExport;

  getSettings(): Settings;
  /** Throws INVALID_PARAMS, changing nothing, when the result would not be valid settings. */
  updateSettings(patch: DeepPartial<Settings>): Settings;

  /** Inserts or replaces by id; metadata left out keeps what was stored. */
  upsertModel(record: ModelInput): ModelRecord;
  /** Marks a model broken with the reason (null clears the mark); MODEL_NOT_FOUND when there is no such model. */
  setModelBroken(modelId: string, reason: string | null): ModelRecord;
  /** Throws MODEL_NOT_FOUND. */
  getModel(modelId: string): ModelRecord;
  findModel(modelId: string): ModelRecord | null;
  findModelByPath(path: string): ModelRecord | null;
  listModels(): ModelRecord[];
  /** Models recorded before their role was read from the file (see ModelRegistry.checkRoles). */
  modelsWithoutRole(): ModelRecord[];
  removeModel(modelId: string): boolean;

  counts(): { chats: number; messages: number; models: number };
  deleteAllChats(): number;
  /** Runs fn in one transaction (a savepoint when nested). fn must be synchronous. */
  transaction<T>(fn: () => T): T;
  close(): void;
}
