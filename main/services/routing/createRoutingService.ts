import type { Database } from 'better-sqlite3-multiple-ciphers';
import { HearthError, type Chat, type ModelRecord, type Profile, type RoutingDecision, type Sampling } from '../../contract/index.js';
import type { Store } from '../store/createStore.js';
import { GENERAL } from './builtInProfiles.js';
import { complexityTier, type Tier } from './complexityTier.js';
import type { ProfileService } from './createProfileService.js';
import { EMBEDDING_WEIGHT, type Classification, type Router } from './createRouter.js';
import { describeFallback, modelCandidates, type ModelCandidate } from './selectModel.js';

/** Embedding similarity to the example phrases, when an embedding model is installed (see createEmbeddingScorer). */
export interface EmbeddingScorer {
  /** Scores per label summing to 1, or null when no embedding model is usable now. */
  score(text: string, labels: readonly string[], signal?: AbortSignal): Promise<Record<string, number> | null>;
  /** False until the embedding model has answered once in this process (its load is still to come). */
  warm?(): boolean;
}

/**
 * How long a message waits for its embedding before it is routed on words
 * alone: the engine runs one request at a time, and a reply streaming in
 * another chat must not hold up sending this one.
 */
export const EMBEDDING_TIMEOUT_MS = 250;
/**
 * The first message of a process waits for the embedding model's load too:
 * a one-shot CLI command is always that first message, and it must route as
 * the running app does (same path, same scores), not fall back to words.
 */
export const COLD_EMBEDDING_TIMEOUT_MS = 20_000;

export interface RoutingServiceDeps {
  store: Pick<Store, 'findChat' | 'lastRoutedDomain' | 'getSettings'>;
  db: Database;
  profiles: Pick<ProfileService, 'find' | 'get' | 'list'>;
  router: Router;
  models: { list(): ModelRecord[] };
  /** Installed model ids of a catalog entry, from the model library; ids are matched by prefix without it. */
  catalogInstalled?: (catalogId: string) => readonly string[];
  embeddings?: EmbeddingScorer;
  embeddingTimeoutMs?: number;
}

/** Everything a reply needs from routing. */
export interface RoutedReply {
  decision: RoutingDecision;
  profile: Profile;
  /** Models to try, best first; the decision names the first. */
  candidates: ModelCandidate[];
  sampling: Sampling;
  systemPrompt: string;
}

export interface RouteRequest {
  /** The chat the message belongs to; omitted for a new chat. */
  chat?: Chat | null;
  text: string;
  /** A model named in the request itself: it answers whatever the domain. */
  requestedModelId?: string | null;
  /** Re-route: answer with this profile (counts as an override). */
  overrideProfileId?: string | null;
  /** The message being answered, so context comes only from what precedes it. */
  beforeMessageId?: string | null;
}

export interface RoutingStats {
  total: number;
  perDomain: Record<string, number>;
  overrides: number;
  fallbacks: number;
  averageConfidence: number | null;
}

export interface RoutingService {
  /** Lexical routing (plus context): synchronous, under 2 ms. */
  route(request: RouteRequest): RoutedReply;
  /** The same, blended with embedding similarity when an embedding model is installed. */
  routeAsync(request: RouteRequest, signal?: AbortSignal): Promise<RoutedReply>;
  /** A decision after the first candidate failed: the next model, and why. */
  withFallback(routed: RoutedReply, used: ModelCandidate | undefined, failed: ReadonlyArray<{ modelId: string; reason: string }>): RoutingDecision;
  stats(): RoutingStats;
}

export function createRoutingService(deps: RoutingServiceDeps): RoutingService {
  const { store, profiles, router } = deps;
  const statsQuery = deps.db.prepare<[], { domain: string | null; n: number; overrides: number; fallbacks: number; confidence: number | null }>(`
    SELECT domain, count(*) AS n,
      sum(json_extract(routing_json, '$.mode') = 'override') AS overrides,
      sum(json_extract(routing_json, '$.fallback') IS NOT NULL) AS fallbacks,
      sum(CASE WHEN json_extract(routing_json, '$.mode') = 'auto' THEN json_extract(routing_json, '$.confidence') END) AS confidence
    FROM messages WHERE role = 'assistant' AND routing_json IS NOT NULL GROUP BY domain`);
  const autoCount = deps.db.prepare<[], { n: number }>(
    "SELECT count(*) AS n FROM messages WHERE role = 'assistant' AND json_extract(routing_json, '$.mode') = 'auto'",
  );

  /** The domain of the latest routed reply before `beforeMessageId` (or at all). */
  function previousDomain(chat: Chat | null | undefined, beforeMessageId: string | null | undefined): string | null {
    if (!chat) return null;
    return store.lastRoutedDomain(chat.id, beforeMessageId);
  }

  function usableProfile(id: string | null | undefined): Profile | null {
    if (!id) return null;
    const p = profiles.find(id);
    return p && p.enabled ? p : null;
  }

  function classification(request: RouteRequest, embeddingScores: Record<string, number> | null): { profile: Profile; mode: RoutingDecision['mode']; c: Classification } {
    const override = request.overrideProfileId;
    if (override) {
      const profile = profiles.get(override);
      if (!profile.enabled) throw new HearthError('INVALID_PARAMS', `"${profile.name}" is disabled. Enable it on the Routing page to re-route to it.`);
      const c = router.classify(request.text);
      return { profile, mode: 'override', c: { ...c, domain: profile.id, confidence: 1, method: 'lexical', reasons: [`Re-routed by you to ${profile.name}`] } };
    }
    const pinnedId = request.chat && request.chat.routingMode !== 'auto' ? request.chat.routingMode : null;
    const pinned = usableProfile(pinnedId);
    if (pinned) {
      const c = router.classify(request.text);
      return { profile: pinned, mode: 'pinned', c: { ...c, domain: pinned.id, confidence: 1, reasons: [`This chat is pinned to ${pinned.name}`] } };
    }
    const c = router.classify(request.text, { previousDomain: previousDomain(request.chat, request.beforeMessageId), embeddingScores, embeddingWeight: EMBEDDING_WEIGHT });
    if (pinnedId) c.reasons.unshift(`The chat's pinned profile "${pinnedId}" is disabled or gone: routed automatically`);
    const profile = usableProfile(c.domain) ?? profiles.get(GENERAL);
    return { profile, mode: 'auto', c };
  }

  function decide(request: RouteRequest, embeddingScores: Record<string, number> | null): RoutedReply {
    const { profile, mode, c } = classification(request, embeddingScores);
    const { tier, reason: tierReason } = complexityTier(request.text);
    const installed = deps.models.list();
    const candidates = modelCandidates({
      profile,
      tier,
      installed,
      requested: request.requestedModelId,
      chatModelId: request.chat?.modelId,
      defaultModelId: store.getSettings().defaultModelId,
      catalogInstalled: deps.catalogInstalled,
    });
    const chosen = candidates[0];
    const reasons = [...c.reasons, tierReason];
    if (chosen?.source === 'requested') reasons.push(`${chosen.modelId} was chosen for this message`);
    const systemPrompt = request.chat?.systemPrompt ? `${profile.systemPrompt}\n\n${request.chat.systemPrompt}` : profile.systemPrompt;
    const decision: RoutingDecision = {
      domain: profile.id,
      confidence: c.confidence,
      scores: c.scores,
      reasons,
      tier,
      modelId: chosen?.modelId ?? null,
      fallback: describeFallback(profile, tier, chosen),
      mode,
      systemPrompt,
      method: mode === 'pinned' ? 'pinned' : mode === 'override' ? 'override' : c.method,
      language: c.language,
    };
    return { decision, profile, candidates, sampling: { ...profile.sampling, ...(request.chat?.sampling ?? {}) }, systemPrompt };
  }

  return {
    route: (request) => decide(request, null),

    async routeAsync(request, signal) {
      const auto = !request.overrideProfileId && !usableProfile(request.chat && request.chat.routingMode !== 'auto' ? request.chat.routingMode : null);
      if (!auto || !deps.embeddings) return decide(request, null);
      let scores: Record<string, number> | null = null;
      const controller = new AbortController();
      const onAbort = () => controller.abort();
      signal?.addEventListener('abort', onAbort, { once: true });
      let timer: NodeJS.Timeout | undefined;
      try {
        const timeout = new Promise<null>((resolve) => {
          timer = setTimeout(() => {
            controller.abort();
            resolve(null);
          }, deps.embeddings?.warm?.() === false ? Math.max(COLD_EMBEDDING_TIMEOUT_MS, deps.embeddingTimeoutMs ?? 0) : (deps.embeddingTimeoutMs ?? EMBEDDING_TIMEOUT_MS));
        });
        scores = await Promise.race([deps.embeddings.score(request.text, router.labels(), controller.signal), timeout]);
      } catch {
        // Embeddings only refine the lexical decision; never fail a message over them.
        scores = null;
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      }
      return decide(request, scores);
    },

    withFallback(routed, used, failed) {
      return { ...routed.decision, modelId: used?.modelId ?? null, fallback: describeFallback(routed.profile, routed.decision.tier as Tier, used, failed) };
    },

    stats() {
      const rows = statsQuery.all();
      const perDomain: Record<string, number> = {};
      let total = 0;
      let overrides = 0;
      let fallbacks = 0;
      let confidenceSum = 0;
      for (const r of rows) {
        perDomain[r.domain ?? GENERAL] = (perDomain[r.domain ?? GENERAL] ?? 0) + r.n;
        total += r.n;
        overrides += r.overrides ?? 0;
        fallbacks += r.fallbacks ?? 0;
        confidenceSum += r.confidence ?? 0;
      }
      const autos = autoCount.get()?.n ?? 0;
      return { total, perDomain, overrides, fallbacks, averageConfidence: autos > 0 ? Math.min(1, confidenceSum / autos) : null };
    },
  };
}
