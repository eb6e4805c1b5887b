import { toErrorPayload, type Chat, type ContextUse, type FinishReason, type Message, type ModelRecord, type ReplySource, type ReplyStats, type RoutingDecision, type Thought } from '../../contract/index.js';
import type { GenerateArgs } from '../engine/engineOps.js';
import type { EngineClient } from '../engine/createEngineClient.js';
import type { EventBus } from '../events/eventBus.js';
import type { ModelRegistry } from '../library/registry/createModelRegistry.js';
import type { Logger } from '../log/createLogger.js';
import type { RoutingService } from '../routing/createRoutingService.js';
import type { Store } from '../store/createStore.js';
import { retrieveSources, withExcerpts, type ChatDocuments } from './documentSources.js';
import { LOAD_FAILURES, type ReplyPlan } from './planReply.js';
import { contextWindow, promptHistory } from './promptHistory.js';

export interface ReplyDeps {
  store: Store;
  engine: Pick<EngineClient, 'generate' | 'knownContextSize'>;
  models: Pick<ModelRegistry, 'get' | 'list'> & { markBroken?(modelId: string, reason: string): unknown };
  bus: EventBus;
  logger: Logger;
  /** Domain routing: each reply gets a profile's prompt, sampling and model. Without it, replies use the chat's settings. */
  routing?: RoutingService;
  /** Documents: a chat with collections attached answers from excerpts. Without it, chats answer without documents. */
  documents?: ChatDocuments;
  /** How often a streaming reply is written to the database (a crash loses at most this much of it). */
  persistIntervalMs: number;
}

export interface ReplyJob {
  chatId: string;
  messageId: string;
  /** The user message the reply answers. */
  answeredId: string;
  plan: ReplyPlan;
  signal: AbortSignal;
  /** Files dropped with the message: indexed into this collection (the chat's own) before the reply retrieves. */
  index?: { collectionId: string; files: string[] } | null;
}

interface Outcome {
  content: string;
  /** A reasoning model's thinking, apart from the answer; null when it did not think. */
  thought: Thought | null;
  finishReason: FinishReason;
  stats: ReplyStats | null;
  context: ContextUse | null;
  error: { code: string; message: string } | null;
  /** The model could not be loaded and nothing was generated: another model may answer instead. */
  loadFailure: boolean;
  /** The engine died while loading this model: it may be broken. */
  crashedLoading: boolean;
  tooLong: boolean;
}

/**
 * Writes one reply: generates with the plan's model, and when that model
 * cannot be loaded and nothing was written yet, with the next candidate. The
 * reply's life goes out as events that carry its messageId: chat.reply
 * (queued, loading with progress, generating with what fitted), chat.delta,
 * chat.done. The text is stored as it grows, at most every persistIntervalMs,
 * and so is a reasoning model's thought, which streams as chat.delta with
 * segment 'thought' and is stored apart from the answer.
 */
export async function runReply(deps: ReplyDeps, job: ReplyJob): Promise<Message> {
  const { plan } = job;
  let model = plan.model;
  let systemPrompt: string | null = plan.systemPrompt || null;
  const queue = [...plan.fallbacks];
  const failed: Array<{ modelId: string; reason: string }> = [];
  let routing = plan.routed?.decision ?? null;
  let shortened = false;
  let sources: ReplySource[] | null;
  try {
    sources = await prepareSources(deps, job, model);
  } catch (caught) {
    return finish(deps, job, failedBeforeGenerating(deps, job, caught), routing, null);
  }
  for (;;) {
    const outcome = await generateOnce(deps, job, model, systemPrompt, routing, sources);
    if (outcome.crashedLoading) deps.models.markBroken?.(model.id, `The engine stopped while loading it: ${outcome.error?.message ?? 'unknown reason'}`);
    if (outcome.tooLong && plan.routed && !shortened && systemPrompt !== (plan.plainSystemPrompt || null)) {
      // The profile's instructions are what overflow a small model's context: answer with the chat's usual ones.
      shortened = true;
      systemPrompt = plan.plainSystemPrompt || null;
      routing = {
        ...routing!,
        systemPrompt: plan.plainSystemPrompt,
        fallback: [routing!.fallback, `${plan.routed.profile.name}'s instructions do not fit ${model.id}'s context, so it answered with the chat's usual instructions.`].filter(Boolean).join(' '),
      };
      deps.store.updateMessage(job.messageId, { routing });
      continue;
    }
    if (outcome.tooLong && sources && sources.length > 0) {
      // After the profile's instructions (the user attached the documents, so they are kept longer).
      // The excerpts are estimated in characters; a tokenizer that spends more tokens on them overflows: keep the better half.
      sources = sources.slice(0, Math.floor(sources.length / 2));
      deps.store.updateMessage(job.messageId, { sources });
      continue;
    }
    const next = queue.shift();
    if (!outcome.loadFailure || !next || job.signal.aborted || !plan.routed || !deps.routing) return finish(deps, job, outcome, routing, sources);
    failed.push({ modelId: model.id, reason: outcome.error!.message });
    deps.logger.warn(`reply ${job.messageId}: ${model.id} failed to load (${outcome.error!.code}); trying ${next.modelId}`);
    try {
      model = deps.models.get(next.modelId);
    } catch {
      continue;
    }
    routing = { ...deps.routing.withFallback(plan.routed, next, failed), systemPrompt: routing?.systemPrompt ?? null };
    deps.store.updateMessage(job.messageId, { modelId: model.id, routing });
  }
}

/** The chat's thinking switch and budget as the engine takes them. */
export function thinkingOf(chat: Pick<Chat, 'thinking' | 'thinkingBudget'>): NonNullable<GenerateArgs['thinking']> {
  return { mode: chat.thinking ?? 'auto', budget: chat.thinkingBudget ?? null };
}

/** Thought text as it streams: when it started and ended, for the stored duration. */
class ThoughtDraft {
  text = '';
  private first = 0;
  private last = 0;

  add(text: string): void {
    const at = performance.now();
    if (this.text === '') this.first = at;
    this.last = at;
    this.text += text;
  }

  /** The engine's own thought (its token count, its timing) where it returned one; the tokens are known only then. */
  toThought(fromEngine?: Thought | null): Thought | null {
    if (fromEngine && fromEngine.text.length >= this.text.length) return fromEngine;
    if (this.text === '') return fromEngine ?? null;
    return { text: this.text, durationMs: fromEngine?.durationMs ?? Math.round(this.last - this.first), tokens: fromEngine?.tokens ?? 0 };
  }
}

/**
 * Indexes the files dropped with the message (waiting for them: the user asked
 * about them), then retrieves the excerpts for the answered message and stores
 * them with the reply at once, so a reload while it streams shows them too.
 */
async function prepareSources(deps: ReplyDeps, job: ReplyJob, model: ModelRecord): Promise<ReplySource[] | null> {
  if (!deps.documents) return null;
  if (job.index) await deps.documents.addPaths(job.index.collectionId, job.index.files, job.signal);
  const chat = deps.store.getChat(job.chatId);
  const answered = deps.store.getMessage(job.answeredId);
  const sources = await retrieveSources(deps.documents, chat, answered.content, contextWindow(deps.store, model, deps.engine.knownContextSize(model.id)), job.signal);
  if (sources) deps.store.updateMessage(job.messageId, { sources });
  return sources;
}

/** Indexing or retrieval failed, or the user stopped the reply while files were indexing: nothing was generated. */
function failedBeforeGenerating(deps: ReplyDeps, job: ReplyJob, caught: unknown): Outcome {
  const error = toErrorPayload(caught);
  const base = { content: '', thought: null, stats: null, context: null, loadFailure: false, crashedLoading: false, tooLong: false };
  if (error.code === 'ABORTED' || job.signal.aborted) return { ...base, finishReason: 'aborted', error: null };
  deps.logger.warn(`reply ${job.messageId}: documents failed before generating: ${error.code} ${error.message}`);
  return { ...base, finishReason: 'error', error };
}

async function generateOnce(deps: ReplyDeps, job: ReplyJob, model: ModelRecord, system: string | null, routing: RoutingDecision | null, sources: ReplySource[] | null): Promise<Outcome> {
  const { store, bus } = deps;
  const { chatId, messageId } = job;
  let content = '';
  const thought = new ThoughtDraft();
  let seq = 0;
  let lastPersist = performance.now();
  let context: ContextUse | null = null;
  let loading = false;
  let result: Omit<Outcome, 'loadFailure' | 'tooLong' | 'crashedLoading'>;
  // Text that arrived inside an interval is saved when the interval ends, even if no delta follows
  // (a stall, a slow token): a crash then loses at most persistIntervalMs of what the user saw.
  let trailing: NodeJS.Timeout | null = null;
  const persist = () => {
    trailing = null;
    lastPersist = performance.now();
    store.saveDraft(messageId, content, thought.toThought() ?? undefined);
  };
  const phase = (p: 'loading' | 'generating', progress: number | null) =>
    bus.emit('chat.reply', { chatId, messageId, phase: p, modelId: model.id, progress, context, routing });
  try {
    const chat = store.getChat(chatId);
    const answered = store.getMessage(job.answeredId);
    const { history, olderOmitted } = promptHistory(store, chat, answered, model, deps.engine.knownContextSize(model.id));
    const r = await deps.engine.generate(
      { modelId: model.id, modelPath: model.path, system, history, olderOmitted, message: { id: answered.id, role: 'user', content: withExcerpts(answered.content, sources) }, sampling: job.plan.sampling, thinking: thinkingOf(chat) },
      {
        signal: job.signal,
        onEvent: (event) => {
          if (event.type === 'delta') {
            if (event.segment === 'thought') {
              thought.add(event.text);
              bus.emit('chat.delta', { chatId, messageId, seq: seq++, text: event.text, segment: 'thought' });
            } else {
              content += event.text;
              bus.emit('chat.delta', { chatId, messageId, seq: seq++, text: event.text });
            }
            const elapsed = performance.now() - lastPersist;
            if (elapsed >= deps.persistIntervalMs) {
              if (trailing) clearTimeout(trailing);
              persist();
            } else {
              trailing ??= setTimeout(persist, deps.persistIntervalMs - elapsed);
            }
          } else if (event.type === 'loading') {
            loading = true;
            phase('loading', event.progress);
          } else {
            loading = false;
            context = event.context;
            store.updateMessage(messageId, { context });
            phase('generating', null);
          }
        },
      },
    );
    result = { content: r.text.length >= content.length ? r.text : content, thought: thought.toThought(r.thought), finishReason: r.finishReason, stats: r.stats, context: r.context, error: null };
  } catch (caught) {
    const error = toErrorPayload(caught);
    // A stop the engine did not answer in time restarted it: still a stop, with the text so far.
    if (error.code === 'ABORTED') result = { content, thought: thought.toThought(), finishReason: 'aborted', stats: null, context, error: null };
    else {
      result = { content, thought: thought.toThought(), finishReason: error.code === 'ENGINE_CRASHED' ? 'crashed' : 'error', stats: null, context, error };
      if (error.code === 'INTERNAL') deps.logger.error(`reply ${messageId} failed: ${(caught as Error)?.stack ?? String(caught)}`);
      else deps.logger.warn(`reply ${messageId} failed: ${error.code}`);
    }
  } finally {
    if (trailing) clearTimeout(trailing);
  }
  const code = result.error?.code;
  return {
    ...result,
    loadFailure: code !== undefined && content === '' && thought.text === '' && LOAD_FAILURES.has(code),
    crashedLoading: code === 'ENGINE_CRASHED' && loading,
    tooLong: code === 'PROMPT_TOO_LONG',
  };
}

function finish(deps: ReplyDeps, job: ReplyJob, o: Outcome, routing: RoutingDecision | null, sources: ReplySource[] | null): Message {
  const message = deps.store.updateMessage(job.messageId, {
    sources,
    content: o.content,
    thought: o.thought,
    status: o.error ? 'error' : 'complete',
    stats: o.stats,
    context: o.context,
    finishReason: o.finishReason,
    error: o.error?.message ?? null,
  });
  deps.bus.emit('chat.done', {
    chatId: job.chatId,
    messageId: job.messageId,
    content: message.content,
    thought: message.thought ?? null,
    sources,
    finishReason: o.finishReason,
    stats: o.stats,
    error: o.error,
    routing,
    context: o.context,
  });
  return message;
}
