import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { ModelRecord, type Chat, type Message, type Settings } from '../../contract/entities.js';
import { HearthError } from '../../contract/errors.js';
import { formatExport } from './formatExport.js';
import { ftsQuery } from './ftsQuery.js';
import { mergeSettings, settingsFromRows, type DeepPartial } from './mergeSettings.js';
import { prepareStatements } from './prepareStatements.js';
import { routingFrom, rowToChat, rowToChatSummary, rowToMessage, rowToModel, type ModelRow } from './rowToEntity.js';
import type { ChatInput, MessageInput, Store } from './Store.js';

export type { ChatInput, MessageInput, MessagePatch, ModelInput, Store } from './Store.js';

export interface StoreDeps {
  /** An open database, migrated (see openDatabase). The store closes it on close(). */
  db: Database;
  /** Milliseconds since the epoch. Default Date.now. */
  now?: () => number;
  /** Default crypto.randomUUID. */
  newId?: () => string;
}

const DEFAULT_SEARCH_LIMIT = 50;
const MAX_LIMIT = 10_000;

export const INTERRUPTED_ERROR = 'Hearth stopped before this reply finished; the text so far is kept.';

function clampLimit(limit: number | undefined, fallback: number): number {
  if (limit === undefined || !Number.isFinite(limit)) return fallback;
  return Math.min(MAX_LIMIT, Math.max(1, Math.floor(limit)));
}

function json(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

/** `undefined` in a patch means "keep": the statements take a has-flag per field. */
function has(value: unknown): 0 | 1 {
  return value === undefined ? 0 : 1;
}

export function createStore(deps: StoreDeps): Store {
  const { db } = deps;
  const now = deps.now ?? Date.now;
  const newId = deps.newId ?? randomUUID;
  const sql = prepareStatements(db);
  let setBroken: ReturnType<typeof db.prepare<[string | null, string], ModelRow>> | null = null;

  const chatNotFound = (chatId: string) => new HearthError('CHAT_NOT_FOUND', `Chat ${chatId} does not exist. It may have been deleted; pick another chat from the list.`);
  const messageNotFound = (messageId: string) => new HearthError('MESSAGE_NOT_FOUND', `Message ${messageId} does not exist. It may have been deleted with its chat or by an edit.`);
  const modelNotFound = (modelId: string) => new HearthError('MODEL_NOT_FOUND', `Model ${modelId} is not in the cache. Add it with \`hearth models add <file.gguf>\`.`);

  function findChat(chatId: string): Chat | null {
    const row = sql.getChat.get(chatId);
    return row ? rowToChat(row) : null;
  }

  function getChat(chatId: string): Chat {
    const chat = findChat(chatId);
    if (!chat) throw chatNotFound(chatId);
    return chat;
  }

  function getMessage(messageId: string): Message {
    const row = sql.getMessage.get(messageId);
    if (!row) throw messageNotFound(messageId);
    return rowToMessage(row);
  }

  function findModel(modelId: string): ModelRecord | null {
    const row = sql.getModel.get(modelId);
    return row ? rowToModel(row) : null;
  }

  const getSettings = () => settingsFromRows(sql.listSettings.all());

  function checkCollection(collectionId: string): void {
    if (!sql.collectionExists.get(collectionId)) {
      throw new HearthError('NOT_FOUND', `Document collection ${collectionId} does not exist. It may have been removed; pick one from Documents, or create it with \`hearth docs add <path> --collection NAME\`.`);
    }
  }

  /** Replaces the chat's collections with `ids` in that order; an unknown id throws before anything changes (callers run this in a transaction). */
  function setCollections(chatId: string, ids: readonly string[]): void {
    const unique = [...new Set(ids)];
    for (const id of unique) checkCollection(id);
    sql.detachCollectionsExcept.run(chatId, JSON.stringify(unique));
    unique.forEach((id, position) => sql.placeCollection.run({ chat_id: chatId, collection_id: id, position }));
  }

  const updateChat = db.transaction((chatId: string, patch: Omit<ChatInput, 'title'> & { title?: string }): Chat => {
    const current = getChat(chatId);
    if (patch.collectionIds) setCollections(chatId, patch.collectionIds);
    sql.updateChat.run({
      id: chatId,
      title: patch.title ?? current.title,
      model_id: patch.modelId === undefined ? current.modelId : patch.modelId,
      system_prompt: patch.systemPrompt === undefined ? current.systemPrompt : patch.systemPrompt,
      sampling_json: JSON.stringify(patch.sampling ?? current.sampling),
      routing_mode: patch.routingMode ?? current.routingMode,
      thinking: patch.thinking ?? current.thinking ?? 'auto',
      thinking_budget: patch.thinkingBudget === undefined ? (current.thinkingBudget ?? null) : patch.thinkingBudget,
      updated_at: now(),
    });
    return getChat(chatId);
  });

  const addMessage = db.transaction((input: MessageInput): Message => {
    const at = now();
    if (sql.touchChat.run(at, input.chatId).changes === 0) throw chatNotFound(input.chatId);
    const row = sql.insertMessage.get({
      id: newId(),
      chat_id: input.chatId,
      role: input.role,
      content: input.content,
      status: input.status ?? 'complete',
      model_id: input.modelId ?? null,
      domain: input.domain ?? null,
      routing_json: json(input.routing),
      stats_json: json(input.stats),
      error: input.error ?? null,
      finish_reason: input.finishReason ?? null,
      sources_json: json(input.sources),
      created_at: at,
    });
    return rowToMessage(row!);
  });

  const deleteMessagesFrom = db.transaction((messageId: string): number => {
    const row = sql.getMessage.get(messageId);
    if (!row) throw messageNotFound(messageId);
    const deleted = sql.deleteMessagesFrom.run(row.chat_id, row.seq).changes;
    sql.touchChat.run(now(), row.chat_id);
    if (deleted > 0) sql.purgeSearch.run();
    return deleted;
  });

  const updateSettings = db.transaction((patch: DeepPartial<Settings>): Settings => {
    const next = mergeSettings(getSettings(), patch);
    for (const key of Object.keys(patch) as Array<keyof Settings>) {
      if (patch[key] !== undefined) sql.putSetting.run(key, JSON.stringify(next[key]));
    }
    return next;
  });

  const createChat = db.transaction((input: ChatInput): Chat => {
    const at = now();
    const row = sql.insertChat.get({
      id: newId(),
      title: input.title ?? 'New chat',
      model_id: input.modelId ?? null,
      system_prompt: input.systemPrompt ?? null,
      sampling_json: JSON.stringify(input.sampling ?? {}),
      routing_mode: input.routingMode ?? 'auto',
      thinking: input.thinking ?? 'auto',
      thinking_budget: input.thinkingBudget ?? null,
      created_at: at,
    });
    if (input.collectionIds?.length) setCollections(row!.id, input.collectionIds);
    return getChat(row!.id);
  });

  const attachCollection = db.transaction((chatId: string, collectionId: string, dropped: boolean): Chat => {
    getChat(chatId);
    checkCollection(collectionId);
    sql.attachCollection.run({ chat_id: chatId, collection_id: collectionId, dropped: dropped ? 1 : 0 });
    return getChat(chatId);
  });

  return {
    createChat: (input) => createChat(input),
    getChat,
    findChat,
    attachCollection: (chatId, collectionId, options) => attachCollection(chatId, collectionId, options?.dropped ?? false),
    droppedCollectionId: (chatId) => sql.droppedCollection.get(chatId)?.collection_id ?? null,
    isCollectionAttached: (collectionId) => sql.collectionAttached.get(collectionId) !== undefined,
    listChats(options = {}) {
      return sql.listChats.all(clampLimit(options.limit, -1)).map(rowToChatSummary);
    },
    updateChat: (chatId, patch) => updateChat(chatId, patch),
    deleteChat(chatId) {
      const deleted = sql.deleteChat.run(chatId).changes > 0;
      // The search index keeps a deleted row's terms until its segments merge: merge them now (migration 0160).
      // secure_delete (openDatabase) zeroes the freed pages; the WAL still holds the pages as they were until
      // it is checkpointed and cut to zero.
      if (deleted) {
        sql.purgeSearch.run();
        db.pragma('wal_checkpoint(TRUNCATE)');
      }
      return deleted;
    },

    addMessage: (input) => addMessage(input),
    getMessage,
    *messagesBefore(chatId, messageId) {
      for (const row of sql.messagesBefore.iterate(chatId, messageId)) yield rowToMessage(row);
    },
    lastMessage(chatId) {
      const row = sql.lastMessage.get(chatId);
      return row ? rowToMessage(row) : null;
    },
    lastRoutedDomain(chatId, beforeMessageId) {
      const row = sql.lastRoutedBefore.get(chatId, beforeMessageId ?? null);
      return row ? (routingFrom(row.routing_json)?.domain ?? null) : null;
    },
    listMessages(chatId) {
      const rows = sql.listMessages.all(chatId);
      if (rows.length === 0 && !sql.getChat.get(chatId)) throw chatNotFound(chatId);
      return rows.map(rowToMessage);
    },
    updateMessage(messageId, patch) {
      const row = sql.updateMessage.get({
        id: messageId,
        has_content: has(patch.content),
        content: patch.content ?? null,
        has_status: has(patch.status),
        status: patch.status ?? null,
        has_stats: has(patch.stats),
        stats_json: json(patch.stats),
        has_error: has(patch.error),
        error: patch.error ?? null,
        has_finish_reason: has(patch.finishReason),
        finish_reason: patch.finishReason ?? null,
        has_model_id: has(patch.modelId),
        model_id: patch.modelId ?? null,
        has_domain: has(patch.domain),
        domain: patch.domain ?? null,
        has_routing: has(patch.routing),
        routing_json: json(patch.routing),
        has_context: has(patch.context),
        context_json: json(patch.context),
        has_thought: has(patch.thought),
        thought_json: json(patch.thought),
        has_sources: has(patch.sources),
        sources_json: json(patch.sources),
        updated_at: now(),
      });
      if (!row) throw messageNotFound(messageId);
      return rowToMessage(row);
    },
    saveDraft(messageId, content, thought) {
      // Four snapshots a second while a reply streams: an fsync each would block this thread for a disk
      // round trip (0.44 ms alone, several ms while decode threads hold both cores) for text that is
      // superseded a moment later. The final text is written with updateMessage at FULL.
      db.pragma('synchronous = NORMAL');
      try {
        if (sql.saveDraft.run({ id: messageId, content, has_thought: has(thought), thought_json: json(thought), updated_at: now() }).changes === 0) throw messageNotFound(messageId);
      } finally {
        db.pragma('synchronous = FULL');
      }
    },
    deleteMessagesFrom: (messageId) => deleteMessagesFrom(messageId),
    recoverInterrupted: () => sql.recoverInterrupted.run({ updated_at: now(), error: INTERRUPTED_ERROR }).changes,

    search(text, options = {}) {
      const match = ftsQuery(text);
      if (match === null) return [];
      return sql.search.all(match, clampLimit(options.limit, DEFAULT_SEARCH_LIMIT)).map((r) => ({
        chatId: r.chat_id,
        chatTitle: r.title,
        messageId: r.id,
        role: r.role,
        snippet: r.snippet,
        createdAt: r.created_at,
      }));
    },
    exportChat(chatId, format, options = {}) {
      const read = db.transaction(() => ({ chat: getChat(chatId), messages: sql.listMessages.all(chatId).map(rowToMessage) }));
      const { chat, messages } = read();
      return formatExport(chat, messages, format, now(), options);
    },

    getSettings,
    updateSettings: (patch) => updateSettings(patch),

    upsertModel(record) {
      const parsed = ModelRecord.omit({ broken: true }).extend({ role: ModelRecord.shape.role.optional() }).safeParse(record);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new HearthError('INVALID_PARAMS', `Model record ${record.id} was not saved: ${issue?.path.join('.') || 'record'}: ${issue?.message ?? 'invalid'}.`);
      }
      const m = parsed.data;
      const row = sql.upsertModel.get({
        id: m.id,
        name: m.name,
        path: m.path,
        source: m.source,
        size_bytes: m.sizeBytes,
        sha256: m.sha256,
        architecture: m.architecture,
        parameters: m.parameters,
        quantization: m.quantization,
        context_length: m.contextLength,
        has_chat_template: m.hasChatTemplate ? 1 : 0,
        added_at: m.addedAt,
        role: record.role ?? null,
        metadata_json: json(record.metadata),
      });
      return rowToModel(row!);
    },
    setModelBroken(modelId, reason) {
      // Prepared on first use, not with the others: a database that reached a
      // later version before migration 0100 existed lacks the column, and must
      // still open (only marking fails there, with SQLite naming the column).
      setBroken ??= db.prepare<[string | null, string], ModelRow>('UPDATE models SET broken_reason = ? WHERE id = ? RETURNING *');
      const row = setBroken.get(reason, modelId);
      if (!row) throw modelNotFound(modelId);
      return rowToModel(row);
    },
    getModel(modelId) {
      const model = findModel(modelId);
      if (!model) throw modelNotFound(modelId);
      return model;
    },
    findModel,
    findModelByPath(path) {
      const row = sql.getModelByPath.get(path);
      return row ? rowToModel(row) : null;
    },
    listModels: () => sql.listModels.all().map(rowToModel),
    modelsWithoutRole: () => sql.listModels.all().filter((row) => row.role == null).map(rowToModel),
    removeModel: (modelId) => sql.deleteModel.run(modelId).changes > 0,

    counts: () => sql.counts.get()!,
    deleteAllChats: () => sql.deleteAllChats.run().changes,
    transaction: (fn) => db.transaction(fn)(),
    close() {
      if (!db.open) return;
      // Lets SQLite refresh the planner's statistics where they went stale; cheap when they did not.
      if (!db.readonly) db.pragma('optimize');
      db.close();
    },
  };
}
