import { roleFromArchitecture } from '../gguf/modelRole.js';
import { ContextUse, FinishReason, ReplySource, ReplyStats, RoutingDecision, RoutingMode, Sampling, Thought, type Chat, type ChatSummary, type Message, type ModelRecord } from '../../contract/entities.js';

/** Column names exactly as stored; the store selects `*` or these columns. */
export interface ChatRow {
  id: string;
  title: string;
  model_id: string | null;
  system_prompt: string | null;
  sampling_json: string;
  /** From migration 0070: 'auto' or a profile id. */
  routing_mode: string;
  /** From migration 0140. */
  thinking: string;
  thinking_budget: number | null;
  message_count: number;
  created_at: number;
  updated_at: number;
  /** From migration 0130, as getChat reads it: a JSON array of collection ids; absent where a statement does not select it. */
  collection_ids?: string | null;
}

export interface MessageRow {
  seq: number;
  id: string;
  chat_id: string;
  role: Message['role'];
  content: string;
  status: Message['status'];
  model_id: string | null;
  domain: string | null;
  routing_json: string | null;
  stats_json: string | null;
  context_json: string | null;
  /** From migration 0140: the contract's Thought. */
  thought_json: string | null;
  /** From migration 0130: the contract's ReplySource[] as JSON. */
  sources_json?: string | null;
  error: string | null;
  finish_reason: string | null;
  created_at: number;
  updated_at: number;
}

export interface ModelRow {
  id: string;
  name: string;
  path: string;
  source: ModelRecord['source'];
  size_bytes: number;
  sha256: string | null;
  architecture: string;
  parameters: number | null;
  quantization: string;
  context_length: number;
  has_chat_template: number;
  added_at: number;
  metadata_json: string | null;
  broken_reason: string | null;
  /** Absent before migration 0170; NULL until the file was read for it. */
  role?: ModelRecord['role'] | null;
}

/** JSON from a column: anything unreadable is null, never a crash while listing. */
export function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

export function rowToChat(row: ChatRow): Chat {
  const sampling = Sampling.safeParse(parseJson(row.sampling_json));
  const collectionIds = collectionIdsFrom(row.collection_ids);
  return {
    id: row.id,
    title: row.title,
    modelId: row.model_id,
    systemPrompt: row.system_prompt,
    sampling: sampling.success ? sampling.data : {},
    routingMode: routingModeFrom(row.routing_mode),
    // Defaults are left out, as the contract's optional fields allow: a chat that never touched the switch reads as before it existed.
    ...(row.thinking === 'on' || row.thinking === 'off' ? { thinking: row.thinking } : {}),
    ...(row.thinking_budget ? { thinkingBudget: row.thinking_budget } : {}),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    messageCount: row.message_count,
    // Present only when some are attached: a chat without documents reads as it did before 0130.
    ...(collectionIds.length ? { collectionIds } : {}),
  };
}

function collectionIdsFrom(text: string | null | undefined): string[] {
  const ids = parseJson(text ?? null);
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}

const SourcesList = ReplySource.array();

/** Null when the reply was given no excerpts (or the column cannot be read); [] when a document chat found none. */
function sourcesFrom(text: string | null | undefined): ReplySource[] | null {
  if (text === null || text === undefined) return null;
  const sources = SourcesList.safeParse(parseJson(text));
  return sources.success ? sources.data : null;
}

function routingModeFrom(text: string | undefined): Chat['routingMode'] {
  const mode = RoutingMode.safeParse(text);
  return mode.success ? mode.data : 'auto';
}

export function rowToChatSummary(row: Pick<ChatRow, 'id' | 'title' | 'updated_at' | 'message_count' | 'model_id'>): ChatSummary {
  return { id: row.id, title: row.title, updatedAt: row.updated_at, messageCount: row.message_count, modelId: row.model_id };
}

export function routingFrom(text: string | null): RoutingDecision | null {
  if (text === null) return null;
  const routing = RoutingDecision.safeParse(parseJson(text));
  return routing.success ? routing.data : null;
}

function contextFrom(text: string | null | undefined): ContextUse | null {
  if (!text) return null;
  const context = ContextUse.safeParse(parseJson(text));
  return context.success ? context.data : null;
}

function thoughtFrom(text: string | null | undefined): Thought | null {
  if (!text) return null;
  const thought = Thought.safeParse(parseJson(text));
  return thought.success ? thought.data : null;
}

function statsFrom(text: string | null): ReplyStats | null {
  if (text === null) return null;
  const stats = ReplyStats.safeParse(parseJson(text));
  return stats.success ? stats.data : null;
}

export function rowToMessage(row: MessageRow): Message {
  const finishReason = row.finish_reason === null ? null : FinishReason.safeParse(row.finish_reason);
  const thought = thoughtFrom(row.thought_json);
  const sources = sourcesFrom(row.sources_json);
  return {
    id: row.id,
    chatId: row.chat_id,
    role: row.role,
    content: row.content,
    // Only a reply that thought has the field (see rowToChat).
    ...(thought ? { thought } : {}),
    status: row.status,
    modelId: row.model_id,
    domain: row.domain,
    routing: routingFrom(row.routing_json),
    stats: statsFrom(row.stats_json),
    context: contextFrom(row.context_json),
    error: row.error,
    finishReason: finishReason?.success ? finishReason.data : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    // Present only on a document chat's replies, as their prompt numbered them.
    ...(sources ? { sources } : {}),
  };
}

export function rowToModel(row: ModelRow): ModelRecord {
  return {
    id: row.id,
    name: row.name,
    path: row.path,
    source: row.source,
    sizeBytes: row.size_bytes,
    sha256: row.sha256,
    architecture: row.architecture,
    parameters: row.parameters,
    quantization: row.quantization,
    contextLength: row.context_length,
    hasChatTemplate: row.has_chat_template === 1,
    role: row.role ?? roleFromArchitecture(row.architecture),
    addedAt: row.added_at,
    broken: row.broken_reason ?? null,
  };
}
