import type { Profile } from '../../contract/index.js';
import { GENERAL } from './builtInProfiles.js';
import { buildRouterModel } from './buildRouterModel.js';
import type { PhraseSets } from './shippedRoutingData.js';
import { detectLanguage } from './detectLanguage.js';
import type { LanguageCode } from './languageStopwords.js';
import { SIGNALS } from './textFeatures.js';
import type { LexicalModel } from './trainLexicalModel.js';

/**
 * Below this confidence no domain is clear and the message goes to General.
 * Cross-validation on the examples is flat from 0.2 to 0.35 (tuneRouter.ts);
 * the development set prefers 0.35 to 0.4: 0.35 serves both.
 */
export const CONFIDENCE_THRESHOLD = 0.35;
/**
 * How much the chat's current domain counts, as probability mass added to it
 * before renormalising: a follow-up leaves it only when another domain beats
 * it by more than this.
 */
export const FOLLOW_UP_WEIGHT = 0.6;
export const CONTEXT_WEIGHT = 0.2;
/**
 * Share of the embedding similarity in the blend when an embedding model is
 * installed. Not tuned (no embedding model could be run where the router was
 * measured): the measured lexical scores stay the larger part.
 */
export const EMBEDDING_WEIGHT = 0.4;

export interface Classification {
  domain: string;
  confidence: number;
  /** Per enabled profile, summing to 1. */
  scores: Record<string, number>;
  reasons: string[];
  method: 'lexical' | 'lexical+embedding' | 'context';
  /** The message's language as the router read it (ISO 639-1, or 'und'). */
  language: LanguageCode;
}

export interface ClassifyContext {
  /** The domain of the chat's latest reply, if any. */
  previousDomain?: string | null;
  /**
   * Scores from the embedding similarity (same labels, summing to 1), blended
   * with the lexical ones when an embedding model is installed.
   */
  embeddingScores?: Record<string, number> | null;
  /** Share of the embedding scores in the blend (0..1). */
  embeddingWeight?: number;
}

export interface Router {
  classify(text: string, context?: ClassifyContext): Classification;
  /** Drops the model: the next classify rebuilds it from the current profiles (after an edit). */
  invalidate(): void;
  /** Builds the model now if it is not built (start-up warms it so the first message does not wait). */
  warm(): void;
  /** The labels the current model knows (enabled profiles with examples). */
  labels(): readonly string[];
}

export interface RouterDeps {
  profiles: { list(): Profile[] };
  lexicon: PhraseSets;
  onBuilt?: (info: { labels: number; vocabulary: number; ms: number }) => void;
  /** Default CONFIDENCE_THRESHOLD. */
  threshold?: number;
}

const FOLLOW_UP_START = /^\s*(and|but|also|so|then|or|plus|what about|how about|what if|and if|ok|okay|thanks|thank you|why|how come|same|it|that|this|those|these|they|them|he|she|what else|more|another|again|shorter|longer|simpler|can you|could you)\b/i;
const FOLLOW_UP_MAX_WORDS = 8;

export function isFollowUp(text: string): boolean {
  const words = text.trim().split(/\s+/).filter(Boolean).length;
  return words <= FOLLOW_UP_MAX_WORDS || FOLLOW_UP_START.test(text);
}

const quote = (terms: string[]) => terms.map((t) => `"${t}"`).join(', ');

/**
 * The explainable router: a linear lexical model over the enabled profiles'
 * example phrases (plus the shipped domain vocabulary), optionally blended
 * with embedding similarity, then the chat's context and a confidence
 * threshold below which the message goes to General.
 */
export function createRouter(deps: RouterDeps): Router {
  const threshold = deps.threshold ?? CONFIDENCE_THRESHOLD;
  let model: LexicalModel | null = null;
  let names = new Map<string, string>();

  function current(): LexicalModel {
    if (model) return model;
    const started = performance.now();
    const profiles = deps.profiles.list();
    names = new Map(profiles.map((p) => [p.id, p.name]));
    model = buildRouterModel(profiles, deps.lexicon);
    deps.onBuilt?.({ labels: model.labels.length, vocabulary: model.vocabularySize, ms: performance.now() - started });
    return model;
  }

  const nameOf = (id: string) => names.get(id) ?? id;

  return {
    invalidate() {
      model = null;
    },
    warm() {
      current();
    },
    labels: () => current().labels,

    classify(text, context = {}) {
      const m = current();
      const result = m.classify(text);
      const labels = m.labels;
      const reasons: string[] = [];
      let method: Classification['method'] = 'lexical';
      let p = Array.from(result.probabilities);

      if (labels.length === 0) {
        return { domain: GENERAL, confidence: 1, scores: { [GENERAL]: 1 }, reasons: ['No profile has example phrases to learn from: General'], method, language: detectLanguage(text) };
      }

      const embedding = context.embeddingScores;
      if (embedding) {
        const beta = Math.min(1, Math.max(0, context.embeddingWeight ?? 0.5));
        p = p.map((x, i) => (1 - beta) * x + beta * (embedding[labels[i]!] ?? 0));
        const sum = p.reduce((a, b) => a + b, 0) || 1;
        p = p.map((x) => x / sum);
        method = 'lexical+embedding';
      }
      const alone = argmax(p);

      const previous = context.previousDomain;
      const previousIndex = previous ? labels.indexOf(previous) : -1;
      if (previousIndex >= 0) {
        const followUp = isFollowUp(text);
        const weight = followUp ? FOLLOW_UP_WEIGHT : CONTEXT_WEIGHT;
        p = p.map((x, i) => (x + (i === previousIndex ? weight : 0)) / (1 + weight));
        if (argmax(p) === previousIndex && alone !== previousIndex) {
          method = 'context';
          reasons.push(
            `${followUp ? 'A follow-up' : 'Not clearly a new topic'}: stays with ${nameOf(previous!)} from earlier in this chat (this message alone: ${nameOf(labels[alone]!)} ${result.probabilities[alone]!.toFixed(2)})`,
          );
        }
      }

      let chosen = argmax(p);
      const best = p[chosen]!;
      const top = result.explain(chosen, 3);
      const words = top.filter((c) => !c.term.startsWith('s:')).map((c) => c.term);
      const signals = top.filter((c) => c.term.startsWith('s:')).map((c) => SIGNALS.find(([name]) => `s:${name}` === c.term)?.[2] ?? c.term.slice(2));
      if (method !== 'context') {
        if (words.length > 0) reasons.push(`Words that point to ${nameOf(labels[chosen]!)}: ${quote(words)}`);
        if (signals.length > 0) reasons.push(`Looks like ${signals.join(' and ')}`);
        if (method === 'lexical+embedding') reasons.push('Meaning compared with the example phrases (embedding model) as well as the words');
      }

      const generalIndex = labels.indexOf(GENERAL);
      if (result.knownFeatures === 0 && previousIndex < 0 && !embedding) {
        reasons.length = 0;
        reasons.push('No words the router knows: General');
        if (generalIndex >= 0) chosen = generalIndex;
      } else if (best < threshold && labels[chosen] !== GENERAL) {
        reasons.push(`No domain is clear (best: ${nameOf(labels[chosen]!)} ${best.toFixed(2)}, below ${threshold}): General`);
        if (generalIndex >= 0) chosen = generalIndex;
      }

      const domain = labels[chosen] ?? GENERAL;
      const scores: Record<string, number> = {};
      labels.forEach((l, i) => (scores[l] = round(p[i]!)));
      return { domain, confidence: round(p[chosen] ?? 0), scores, reasons, method, language: result.features.language };
    },
  };
}

function argmax(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;
