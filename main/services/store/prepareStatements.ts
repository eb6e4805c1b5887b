import type { Database, RunResult } from 'better-sqlite3-multiple-ciphers';
import type { MessageRole } from '../../contract/entities.js';
import type { ChatRow, MessageRow, ModelRow } from './rowToEntity.js';

type Row = Record<string, string | number | null>;

const CHAT_SUMMARY = 'id, title, updated_at, message_count, model_id';

/**
 * Every statement the store runs, compiled once per store: the streaming
 * update runs several times a second and re-preparing would dominate it.
 */
/** The part of a better-sqlite3 statement the store uses, typed by its parameters and row. */
export interface Prepared<P extends unknown[], R> {
  run(...params: P): RunResult;
  get(...params: P): R | undefined;
  all(...params: P): R[];
  iterate(...params: P): IterableIterator<R>;
}

export function prepareStatements(db: Database) {
  // Through an interface of our own: better-sqlite3's Statement type cannot be named in declarations.
  const prepare = <P extends unknown[], R = unknown>(source: string): Prepared<P, R> => db.prepare<P, R>(source);
  return {
    insertChat: prepare<[Row], ChatRow>(`
      INSERT INTO chats (id, title, model_id, system_prompt, sampling_json, routing_mode, thinking, thinking_budget, created_at, updated_at)
      VALUES (@id, @title, @model_id, @system_prompt, @sampling_json, @routing_mode, @thinking, @thinking_budget, @created_at, @created_at)
      RETURNING *`),
    // With the attached collections, in the order the user gave them: a chat is read whole in one statement.
    getChat: prepare<[string], ChatRow>(`
      SELECT c.*, (SELECT json_group_array(collection_id) FROM (SELECT collection_id FROM chat_collections WHERE chat_id = c.id ORDER BY position)) AS collection_ids
      FROM chats c WHERE c.id = ?`),
    listChats: prepare<[number], Pick<ChatRow, 'id' | 'title' | 'updated_at' | 'message_count' | 'model_id'>>(
      `SELECT ${CHAT_SUMMARY} FROM chats ORDER BY updated_at DESC, rowid DESC LIMIT ?`,
    ),
    updateChat: prepare<[Row]>(`
      UPDATE chats SET title = @title, model_id = @model_id, system_prompt = @system_prompt,
        sampling_json = @sampling_json, routing_mode = @routing_mode, thinking = @thinking,
        thinking_budget = @thinking_budget, updated_at = @updated_at
      WHERE id = @id`),
    touchChat: prepare<[number, string]>('UPDATE chats SET updated_at = ? WHERE id = ?'),
    deleteChat: prepare<[string]>('DELETE FROM chats WHERE id = ?'),
    deleteAllChats: prepare<[]>('DELETE FROM chats'),
    /** Merges the search index into one segment, dropping deleted rows' terms from the file (see migration 0160). */
    purgeSearch: prepare<[]>("INSERT INTO messages_fts (messages_fts) VALUES ('optimize')"),
    collectionExists: prepare<[string], { id: string }>('SELECT id FROM doc_collections WHERE id = ?'),
    detachCollectionsExcept: prepare<[string, string]>('DELETE FROM chat_collections WHERE chat_id = ? AND collection_id NOT IN (SELECT value FROM json_each(?))'),
    // The user's order (chats.update): an attached collection moves to its new place and keeps its dropped mark.
    placeCollection: prepare<[{ chat_id: string; collection_id: string; position: number }]>(`
      INSERT INTO chat_collections (chat_id, collection_id, position) VALUES (@chat_id, @collection_id, @position)
      ON CONFLICT (chat_id, collection_id) DO UPDATE SET position = excluded.position`),
    // One more, last; attached already: it stays where it is.
    attachCollection: prepare<[{ chat_id: string; collection_id: string; dropped: number }]>(`
      INSERT INTO chat_collections (chat_id, collection_id, position, dropped)
      VALUES (@chat_id, @collection_id, (SELECT coalesce(max(position) + 1, 0) FROM chat_collections WHERE chat_id = @chat_id), @dropped)
      ON CONFLICT (chat_id, collection_id) DO UPDATE SET dropped = max(dropped, excluded.dropped)`),
    collectionAttached: prepare<[string], { one: number }>('SELECT 1 AS one FROM chat_collections WHERE collection_id = ? LIMIT 1'),
    droppedCollection: prepare<[string], { collection_id: string }>('SELECT collection_id FROM chat_collections WHERE chat_id = ? AND dropped = 1 ORDER BY position LIMIT 1'),

    insertMessage: prepare<[Row], MessageRow>(`
      INSERT INTO messages (id, chat_id, role, content, status, model_id, domain, routing_json, stats_json, error, finish_reason, sources_json, created_at, updated_at)
      VALUES (@id, @chat_id, @role, @content, @status, @model_id, @domain, @routing_json, @stats_json, @error, @finish_reason, @sources_json, @created_at, @created_at)
      RETURNING *`),
    getMessage: prepare<[string], MessageRow>('SELECT * FROM messages WHERE id = ?'),
    listMessages: prepare<[string], MessageRow>('SELECT * FROM messages WHERE chat_id = ? ORDER BY seq'),
    // Newest first, from just before a message: a turn reads only as much history as its context can hold.
    messagesBefore: prepare<[string, string], MessageRow>(`
      SELECT * FROM messages WHERE chat_id = ? AND seq < (SELECT seq FROM messages WHERE id = ?) ORDER BY seq DESC`),
    lastMessage: prepare<[string], MessageRow>('SELECT * FROM messages WHERE chat_id = ? ORDER BY seq DESC LIMIT 1'),
    lastRoutedBefore: prepare<[string, string | null], { routing_json: string }>(`
      SELECT routing_json FROM messages
      WHERE chat_id = ? AND routing_json IS NOT NULL AND role = 'assistant'
        AND seq < coalesce((SELECT seq FROM messages WHERE id = ?), 9223372036854775807)
      ORDER BY seq DESC LIMIT 1`),
    // One statement whatever the patch holds: a flag per field says "set" or "keep".
    updateMessage: prepare<[Row], MessageRow>(`
      UPDATE messages SET
        content       = CASE WHEN @has_content       THEN @content       ELSE content       END,
        status        = CASE WHEN @has_status        THEN @status        ELSE status        END,
        stats_json    = CASE WHEN @has_stats         THEN @stats_json    ELSE stats_json    END,
        error         = CASE WHEN @has_error         THEN @error         ELSE error         END,
        finish_reason = CASE WHEN @has_finish_reason THEN @finish_reason ELSE finish_reason END,
        model_id      = CASE WHEN @has_model_id      THEN @model_id      ELSE model_id      END,
        domain        = CASE WHEN @has_domain        THEN @domain        ELSE domain        END,
        routing_json  = CASE WHEN @has_routing       THEN @routing_json  ELSE routing_json  END,
        context_json  = CASE WHEN @has_context       THEN @context_json  ELSE context_json  END,
        thought_json  = CASE WHEN @has_thought       THEN @thought_json  ELSE thought_json  END,
        sources_json  = CASE WHEN @has_sources       THEN @sources_json  ELSE sources_json  END,
        updated_at    = @updated_at
      WHERE id = @id
      RETURNING *`),
    // The thought is written beside the text (when the model thinks): a crash keeps both as far as they had come.
    saveDraft: prepare<[{ id: string; content: string; has_thought: 0 | 1; thought_json: string | null; updated_at: number }]>(`
      UPDATE messages SET content = @content, updated_at = @updated_at,
        thought_json = CASE WHEN @has_thought THEN @thought_json ELSE thought_json END
      WHERE id = @id`),
    deleteMessagesFrom: prepare<[string, number]>('DELETE FROM messages WHERE chat_id = ? AND seq >= ?'),
    recoverInterrupted: prepare<[{ updated_at: number; error: string }]>(`
      UPDATE messages SET status = 'interrupted', updated_at = @updated_at,
        finish_reason = coalesce(finish_reason, 'crashed'), error = coalesce(error, @error)
      WHERE status = 'streaming'`),

    // FTS5 consumes ORDER BY rank itself (the plan shows no sorter), so the joins
    // and snippets run only for the rows within LIMIT; the cost that remains is
    // ranking every match, which scripts/bench/storeBench.ts measures.
    search: prepare<[string, number], { id: string; chat_id: string; title: string; role: MessageRole; created_at: number; snippet: string }>(`
      SELECT m.id, m.chat_id, c.title, m.role, m.created_at,
        snippet(messages_fts, 0, '[[', ']]', '…', 16) AS snippet
      FROM messages_fts
      JOIN messages m ON m.seq = messages_fts.rowid
      JOIN chats c ON c.id = m.chat_id
      WHERE messages_fts MATCH ?
      ORDER BY rank
      LIMIT ?`),

    listSettings: prepare<[], { key: string; value_json: string }>('SELECT key, value_json FROM settings'),
    putSetting: prepare<[string, string]>(
      'INSERT INTO settings (key, value_json) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json',
    ),

    upsertModel: prepare<[Row], ModelRow>(`
      INSERT INTO models (id, name, path, source, size_bytes, sha256, architecture, parameters, quantization,
        context_length, has_chat_template, added_at, metadata_json, role)
      VALUES (@id, @name, @path, @source, @size_bytes, @sha256, @architecture, @parameters, @quantization,
        @context_length, @has_chat_template, @added_at, @metadata_json, @role)
      ON CONFLICT (id) DO UPDATE SET name = excluded.name, path = excluded.path, source = excluded.source,
        size_bytes = excluded.size_bytes, sha256 = excluded.sha256, architecture = excluded.architecture,
        parameters = excluded.parameters, quantization = excluded.quantization, context_length = excluded.context_length,
        has_chat_template = excluded.has_chat_template, added_at = excluded.added_at,
        metadata_json = coalesce(excluded.metadata_json, models.metadata_json), role = coalesce(excluded.role, models.role)
      RETURNING *`),
    getModel: prepare<[string], ModelRow>('SELECT * FROM models WHERE id = ?'),
    getModelByPath: prepare<[string], ModelRow>('SELECT * FROM models WHERE path = ? ORDER BY added_at LIMIT 1'),
    listModels: prepare<[], ModelRow>('SELECT * FROM models ORDER BY name COLLATE NOCASE, id'),
    deleteModel: prepare<[string]>('DELETE FROM models WHERE id = ?'),

    counts: prepare<[], { chats: number; messages: number; models: number }>(`
      SELECT (SELECT count(*) FROM chats) AS chats, (SELECT count(*) FROM messages) AS messages, (SELECT count(*) FROM models) AS models`),
  };
}
