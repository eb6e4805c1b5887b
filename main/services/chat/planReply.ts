import { HearthError, type Chat, type ModelRecord, type RoutingDecision, type Sampling } from '../../contract/index.js';
import type { ModelRegistry } from '../library/registry/createModelRegistry.js';
import type { RoutedReply } from '../routing/createRoutingService.js';
import type { ModelCandidate } from '../routing/selectModel.js';
import type { Store } from '../store/createStore.js';

/** How one reply is written: the model (and what to try if it fails to load), prompt, sampling, the routing decision. */
export interface ReplyPlan {
  model: ModelRecord;
  /** Models to fall back to, in order, when `model` fails to load. */
  fallbacks: ModelCandidate[];
  systemPrompt: string;
  /** The chat's own instructions without the profile's: used when the profile's prompt does not fit a small model's context. */
  plainSystemPrompt: string;
  sampling: Sampling;
  routed: RoutedReply | null;
}

export interface PlanInput {
  chat: Chat | null;
  text: string;
  modelId?: string;
  systemPrompt?: string;
  sampling?: Sampling;
  /** The routing decision, made once per turn before planning; null without routing. */
  routed: RoutedReply | null;
}

export interface PlanDeps {
  store: Store;
  models: Pick<ModelRegistry, 'get' | 'list'>;
}

export function noModelError(installed: number): HearthError {
  return new HearthError(
    'MODEL_NOT_FOUND',
    installed === 0
      ? 'No model is installed yet. Add a GGUF model first (Models → Import, or `hearth models add <file.gguf>`).'
      : 'No model is selected for this chat. Pick one of the installed models.',
  );
}

/** Without routing: the requested, the chat's, the default or the only installed model, as before routing existed. */
function plainModel(deps: PlanDeps, requested: string | undefined, chatModel: string | null): ModelRecord {
  const id = requested ?? chatModel ?? deps.store.getSettings().defaultModelId;
  if (id) return deps.models.get(id);
  const installed = deps.models.list();
  if (installed.length === 1) return installed[0]!;
  throw noModelError(installed.length);
}

/**
 * Decides how a reply is written. With routing, the profile's system prompt
 * (then the chat's own instructions), sampling and preferred model; a model
 * asked for in the request still wins, and a chat's explicit system prompt
 * for this message is appended to the profile's.
 */
export function planReply(deps: PlanDeps, input: PlanInput): ReplyPlan {
  const { store } = deps;
  const plainSystemPrompt = input.systemPrompt ?? input.chat?.systemPrompt ?? store.getSettings().defaultSystemPrompt;
  const { routed } = input;
  if (!routed) {
    const model = plainModel(deps, input.modelId, input.chat?.modelId ?? null);
    return {
      model,
      fallbacks: [],
      systemPrompt: plainSystemPrompt,
      plainSystemPrompt,
      sampling: { ...(input.chat?.sampling ?? {}), ...input.sampling },
      routed: null,
    };
  }
  if (input.modelId) deps.models.get(input.modelId); // MODEL_NOT_FOUND for a bad request, before anything is written
  const [first, ...rest] = routed.candidates;
  if (!first) throw noModelError(deps.models.list().length);
  const extra = input.systemPrompt && input.systemPrompt !== input.chat?.systemPrompt ? input.systemPrompt : null;
  const systemPrompt = extra ? `${routed.systemPrompt}\n\n${extra}` : routed.systemPrompt;
  const decision: RoutingDecision = { ...routed.decision, systemPrompt };
  return {
    model: deps.models.get(first.modelId),
    fallbacks: rest,
    systemPrompt,
    plainSystemPrompt,
    sampling: { ...routed.sampling, ...input.sampling },
    routed: { ...routed, decision, systemPrompt },
  };
}

/** Load failures worth trying the next model for; anything else is the reply's own error. */
export const LOAD_FAILURES: ReadonlySet<string> = new Set(['MODEL_LOAD_FAILED', 'INSUFFICIENT_MEMORY', 'MODEL_INVALID', 'FILE_NOT_FOUND', 'MODEL_NOT_FOUND']);
