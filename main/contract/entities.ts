import { z } from 'zod';

/**
 * The data that crosses the boundary: chats, messages, models, engine state,
 * settings. Services return these shapes; the renderer renders them. Types are
 * inferred from the schemas so nothing is typed twice.
 */

export const Id = z.string().min(1).max(128).regex(/^[A-Za-z0-9._:-]+$/, 'ids use letters, digits, . _ : -');

export const MessageRole = z.enum(['system', 'user', 'assistant']);
export type MessageRole = z.infer<typeof MessageRole>;

export const MessageStatus = z.enum(['complete', 'streaming', 'interrupted', 'error']);
export type MessageStatus = z.infer<typeof MessageStatus>;

export const FinishReason = z.enum(['eos', 'stop', 'length', 'aborted', 'error', 'crashed']);
export type FinishReason = z.infer<typeof FinishReason>;

export const Backend = z.enum(['metal', 'cuda', 'vulkan', 'cpu']);
export type Backend = z.infer<typeof Backend>;

/** Sampling options; every field is optional and falls back to the engine default. */
export const Sampling = z.strictObject({
  temperature: z.number().min(0).max(5).optional(),
  topP: z.number().min(0).max(1).optional(),
  topK: z.number().int().min(0).max(10_000).optional(),
  minP: z.number().min(0).max(1).optional(),
  repeatPenalty: z.number().min(0.5).max(3).optional(),
  seed: z.number().int().min(0).max(2 ** 32 - 1).optional(),
  maxTokens: z.number().int().min(1).max(1_000_000).optional(),
  stop: z.array(z.string().min(1).max(200)).max(16).optional(),
});
export type Sampling = z.infer<typeof Sampling>;

export const ReplyStats = z.object({
  promptTokens: z.number().int().nonnegative(),
  completionTokens: z.number().int().nonnegative(),
  /** Time from request to the first generated token, in milliseconds. */
  timeToFirstTokenMs: z.number().nonnegative(),
  /** Completion tokens per second, measured from the first token to the last. */
  tokensPerSecond: z.number().nonnegative(),
  totalMs: z.number().nonnegative(),
  backend: Backend,
  modelId: z.string(),
  threads: z.number().int().nonnegative().optional(),
  /** Of completionTokens, those the model spent thinking (reasoning models); absent when it did not think. */
  thoughtTokens: z.number().int().nonnegative().optional(),
});
export type ReplyStats = z.infer<typeof ReplyStats>;

/** Domain routing (see routing.ts for profiles and methods). */
export const ProfileId = z.string().min(1).max(40).regex(/^[a-z0-9][a-z0-9-]*$/, 'profile ids use lower-case letters, digits and -');

export const RoutingMode = z.union([z.literal('auto'), ProfileId]);
export type RoutingMode = z.infer<typeof RoutingMode>;

export const RoutingDecision = z.object({
  domain: ProfileId,
  confidence: z.number().min(0).max(1),
  /** Score per enabled profile, summing to about 1. */
  scores: z.record(z.string(), z.number()),
  /** Human-readable: the words that weighed most, context carried over, threshold applied... */
  reasons: z.array(z.string()),
  tier: z.enum(['fast', 'standard']),
  /** The model that answers, after fallbacks; null only when no model is installed. */
  modelId: z.string().nullable(),
  /** Set when the preferred model was missing or failed to load: what happened instead, for the user. */
  fallback: z.string().nullable(),
  /** auto: the router chose; pinned: the chat is pinned to a profile; override: the user re-routed this reply. */
  mode: z.enum(['auto', 'pinned', 'override']),
  /** The system prompt the reply was generated with (the profile's, plus the chat's own instructions if any). */
  systemPrompt: z.string().nullable(),
  /** Which classifiers contributed. */
  method: z.enum(['lexical', 'lexical+embedding', 'context', 'pinned', 'override']),
  /**
   * The message's language as the router read it: ISO 639-1 ('es'), or 'und' when it could not tell.
   * Optional: decisions stored before it existed parse without it, and read as 'und'.
   */
  language: z.string().regex(/^(?:[a-z]{2}|und)$/).optional(),
});
export type RoutingDecision = z.infer<typeof RoutingDecision>;


/**
 * What one reply's prompt used of its model's context window, and what did not
 * fit. Earlier messages are left out oldest first; the system prompt, the new
 * message and the room kept for the reply never are.
 */
export const ContextUse = z.object({
  /** The model's context window, in tokens. */
  windowTokens: z.number().int().nonnegative(),
  systemTokens: z.number().int().nonnegative(),
  /** Earlier messages that fit, template included. */
  historyTokens: z.number().int().nonnegative(),
  /** The message being answered, template included. */
  newMessageTokens: z.number().int().nonnegative(),
  /** Kept free for the reply. */
  reservedTokens: z.number().int().nonnegative(),
  /** Earlier messages in the prompt. */
  includedMessages: z.number().int().nonnegative(),
  /** Earlier messages that did not fit and were left out (the oldest ones). */
  leftOutMessages: z.number().int().nonnegative(),
  /** The oldest message still in the prompt; everything before it was left out. Null when nothing was. */
  oldestIncludedId: Id.nullable(),
});
export type ContextUse = z.infer<typeof ContextUse>;

/**
 * A reasoning model's thinking before its answer, kept apart from the answer:
 * shown collapsed, left out of the next turn's prompt as the family's template
 * expects, exported only when asked.
 */
export const Thought = z.object({
  text: z.string(),
  /** From the first thought token to the last. */
  durationMs: z.number().nonnegative(),
  tokens: z.number().int().nonnegative(),
});
export type Thought = z.infer<typeof Thought>;

/** One excerpt a document chat's reply was given, numbered as the prompt numbered it ([1], [2]...). */
export const ReplySource = z.object({
  n: z.number().int().positive(),
  /** Absolute path of the original file. */
  path: z.string(),
  title: z.string().nullable(),
  heading: z.string().nullable(),
  /** 1-based PDF page. */
  page: z.number().int().nullable(),
  /** 1-based inclusive line range in the original file. */
  lines: z.tuple([z.number().int(), z.number().int()]).nullable(),
  /** The excerpt as the model saw it. */
  text: z.string(),
  score: z.number(),
  collectionId: Id,
  chunkId: z.number().int(),
});
export type ReplySource = z.infer<typeof ReplySource>;

export const Message = z.object({
  id: Id,
  chatId: Id,
  role: MessageRole,
  /** The answer (for a reasoning model, without its thinking: see thought). */
  content: z.string(),
  /** A reply's thinking, apart from the answer; absent or null when the model did not think. */
  thought: Thought.nullable().optional(),
  status: MessageStatus,
  modelId: z.string().nullable(),
  domain: z.string().nullable(),
  /** How this reply was routed; null for user messages and replies sent without routing. */
  routing: RoutingDecision.nullable(),
  stats: ReplyStats.nullable(),
  /** For a reply: how its prompt used the context window (null for user messages and replies from before this was recorded). */
  context: ContextUse.nullable(),
  /** The document excerpts a reply was given, as numbered in its prompt; absent or null when none were. */
  sources: z.array(ReplySource).nullable().optional(),
  /** Why a reply failed or finished early, for the UI; null when complete. */
  error: z.string().nullable(),
  finishReason: FinishReason.nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Message = z.infer<typeof Message>;

export const Chat = z.object({
  id: Id,
  title: z.string(),
  modelId: z.string().nullable(),
  systemPrompt: z.string().nullable(),
  sampling: Sampling,
  /** 'auto' routes each message; a profile id pins the chat to that profile. */
  routingMode: RoutingMode,
  /** Document collections each message of the chat retrieves from (absent: none). */
  collectionIds: z.array(Id).optional(),
  /**
   * For hybrid reasoning models (Qwen3-style): 'auto' leaves it to the model's default, 'on' / 'off' switch
   * thinking for this chat. thinkingBudget caps thought tokens (the answer is still produced); null: no cap.
   */
  thinking: z.enum(['auto', 'on', 'off']).optional(),
  thinkingBudget: z.number().int().min(1).max(1_000_000).nullable().optional(),
  createdAt: z.number(),
  updatedAt: z.number(),
  messageCount: z.number().int().nonnegative(),
});
export type Chat = z.infer<typeof Chat>;

export const ChatSummary = Chat.pick({ id: true, title: true, updatedAt: true, messageCount: true, modelId: true });
export type ChatSummary = z.infer<typeof ChatSummary>;

export const SearchHit = z.object({
  chatId: Id,
  chatTitle: z.string(),
  messageId: Id,
  role: MessageRole,
  /** A short excerpt with the matches wrapped in [[ and ]]. */
  snippet: z.string(),
  createdAt: z.number(),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const ModelSource = z.enum(['import', 'link', 'download']);
export type ModelSource = z.infer<typeof ModelSource>;

/** What a model is for: chat models answer; embedding models give vectors (routing, documents); rerankers score excerpts against a question. */
export const ModelRole = z.enum(['chat', 'embedding', 'reranker']);
export type ModelRole = z.infer<typeof ModelRole>;

export const ModelRecord = z.object({
  id: Id,
  name: z.string(),
  path: z.string(),
  source: ModelSource,
  sizeBytes: z.number().int().nonnegative(),
  sha256: z.string().nullable(),
  architecture: z.string(),
  /** Parameter count when the file states it or it can be derived from the tensors. */
  parameters: z.number().nullable(),
  quantization: z.string(),
  contextLength: z.number().int().nonnegative(),
  hasChatTemplate: z.boolean(),
  /** Read from the file (see modelRole); only chat models are offered for chats. */
  role: ModelRole,
  addedAt: z.number(),
  /** Why loading it crashed the engine; null when it never did or it passed `models.verify` since. A broken model is not offered for chats. */
  broken: z.string().nullable(),
});
export type ModelRecord = z.infer<typeof ModelRecord>;

export const FitVerdict = z.enum(['fits', 'tight', 'wont-fit']);
export type FitVerdict = z.infer<typeof FitVerdict>;

export const ModelFit = z.object({
  verdict: FitVerdict,
  ramNeededBytes: z.number().nonnegative(),
  vramNeededBytes: z.number().nonnegative(),
  ramAvailableBytes: z.number().nonnegative(),
  vramAvailableBytes: z.number().nonnegative(),
  gpuLayers: z.number().int().nonnegative(),
  totalLayers: z.number().int().nonnegative(),
  contextSize: z.number().int().nonnegative(),
});
export type ModelFit = z.infer<typeof ModelFit>;

/** What helps choose a model: its family, how Hearth talks to it, what it can do, its contexts and licence. */
export const ModelFamily = z.object({
  architecture: z.string(),
  /** node-llama-cpp's chat wrapper the engine uses; null until the engine has loaded the model (it resolves it with the tokenizer). */
  chatWrapper: z.string().nullable(),
  /** Why the model's own chat template is not used (replies then use plain text), or null when it is. */
  templateFallback: z.string().nullable(),
  /** As in the catalog: 'hybrid' thinks by default and can be told not to; null when nothing says. */
  thinking: z.enum(['none', 'hybrid', 'always']).nullable(),
  tools: z.boolean().nullable(),
  /** The context the model was trained with (from the file). */
  trainedContext: z.number().int().nonnegative(),
  /** The context Hearth loads it with (or would, by the fit estimate); null when not known. */
  contextUsed: z.number().int().nonnegative().nullable(),
  licence: z.string().nullable(),
  /** The catalog entry the file belongs to, when it is one of the catalog's files. */
  catalogId: z.string().nullable(),
});
export type ModelFamily = z.infer<typeof ModelFamily>;

export const ModelDetails = ModelRecord.extend({ fit: ModelFit.nullable(), loaded: z.boolean(), family: ModelFamily.nullable().optional() });
export type ModelDetails = z.infer<typeof ModelDetails>;

export const Device = z.object({ name: z.string(), vramTotalBytes: z.number().nonnegative() });

export const LoadedModel = z.object({
  modelId: z.string(),
  contextSize: z.number().int().nonnegative(),
  gpuLayers: z.number().int().nonnegative(),
  ramBytes: z.number().nonnegative(),
  vramBytes: z.number().nonnegative(),
  lastUsedAt: z.number(),
  /** The chat wrapper's name (node-llama-cpp's wrapperName, 'Plain' for the plain-text fallback), when the engine reports it. */
  chatWrapper: z.string().optional(),
});
export type LoadedModel = z.infer<typeof LoadedModel>;

export const EngineStatus = z.object({
  /** False until the first request starts the engine process; no backend is probed before. */
  started: z.boolean(),
  backend: Backend.nullable(),
  devices: z.array(Device),
  threads: z.number().int().nonnegative(),
  ramTotalBytes: z.number().nonnegative(),
  ramFreeBytes: z.number().nonnegative(),
  vramTotalBytes: z.number().nonnegative(),
  vramFreeBytes: z.number().nonnegative(),
  loaded: z.array(LoadedModel),
});
export type EngineStatus = z.infer<typeof EngineStatus>;

export const Theme = z.enum(['system', 'light', 'dark']);

export const EngineSettings = z.strictObject({
  /** null: choose from the real core count and the model size. */
  threads: z.number().int().min(1).max(256).nullable(),
  /** 'auto' lets node-llama-cpp fit layers to free VRAM; 0 keeps everything on the CPU. */
  gpuLayers: z.union([z.literal('auto'), z.literal('max'), z.number().int().min(0).max(1000)]),
  /** null: the model's trained context, capped to what fits. */
  contextSize: z.number().int().min(256).max(1_048_576).nullable(),
  idleUnloadMinutes: z.number().int().min(0).max(24 * 60),
  /** Upper bound for all loaded models together; null: what the machine has. */
  memoryBudgetMb: z.number().int().min(64).nullable(),
});
export type EngineSettings = z.infer<typeof EngineSettings>;

/** A BCP 47 tag of the UI language ("en", "pt", "zh-CN"); the renderer ships the catalogues and falls back to English. */
export const UiLanguage = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a language tag such as "en" or "zh-CN"');
export type UiLanguage = z.infer<typeof UiLanguage>;

/** An origin as browsers send it: scheme, host and port, no path (http://localhost:3000). */
export const WebOrigin = z.string().max(300).regex(/^https?:\/\/[^/\s?#]+$/, 'an origin such as http://localhost:3000 (scheme and host, no path)');

/**
 * The local OpenAI-compatible API (services/api). Off until the user turns it
 * on; loopback only unless bindAddress names another interface on purpose.
 */
export const ApiSettings = z.strictObject({
  enabled: z.boolean(),
  port: z.number().int().min(1).max(65535),
  /** An IP literal; anything but a loopback address exposes the API to the network (the UI and CLI warn). */
  bindAddress: z.union([z.ipv4(), z.ipv6()]),
  /** A bearer key is required unless the user turns this off (the UI warns). */
  requireKey: z.boolean(),
  /** Web pages allowed to call the API from a browser (CORS); empty: none. */
  allowedOrigins: z.array(WebOrigin).max(50),
  /** Keep prompts and answers in the request log (off: only counts, model, status). */
  logContent: z.boolean(),
  /** Store each API conversation as a chat tagged with the key's name, so history and search cover it. */
  storeAsChats: z.boolean(),
  /** API requests generated at once (parallel sequences where the engine supports them). */
  parallel: z.number().int().min(1).max(16),
});
export type ApiSettings = z.infer<typeof ApiSettings>;

export const RerankMode = z.enum(['auto', 'on', 'off']);
export type RerankMode = z.infer<typeof RerankMode>;

export const DocumentSettings = z.strictObject({
  /**
   * Reorder the best excerpts with an installed reranker before search
   * returns them or a chat gets them. It reads every excerpt with the
   * question, which a GPU does quickly and a CPU slowly (see the rerank
   * bench), so 'auto' reranks only when the engine runs on a GPU.
   */
  rerank: RerankMode,
});
export type DocumentSettings = z.infer<typeof DocumentSettings>;

export const Settings = z.strictObject({
  engine: EngineSettings,
  theme: Theme,
  defaultModelId: z.string().nullable(),
  defaultSystemPrompt: z.string().max(20_000),
  offline: z.boolean(),
  /** The UI language; null follows the system (the browser's or OS's preferred languages). */
  language: UiLanguage.nullable(),
  api: ApiSettings,
  documents: DocumentSettings,
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = {
  engine: { threads: null, gpuLayers: 'auto', contextSize: null, idleUnloadMinutes: 15, memoryBudgetMb: null },
  theme: 'system',
  defaultModelId: null,
  defaultSystemPrompt: 'You are Hearth, a helpful assistant running privately on this computer. Answer clearly and concisely.',
  offline: false,
  language: null,
  api: { enabled: false, port: 1338, bindAddress: '127.0.0.1', requireKey: true, allowedOrigins: [], logContent: false, storeAsChats: false, parallel: 1 },
  documents: { rerank: 'auto' },
};
