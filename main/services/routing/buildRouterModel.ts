import type { Profile } from '../../contract/index.js';
import type { PhraseSets } from './shippedRoutingData.js';
import { trainLexicalModel, type LexicalModel, type LexicalOptions, type TrainingPhrase } from './trainLexicalModel.js';

/**
 * Weight of one lexicon entry against one example phrase. Chosen by
 * cross-validation (scripts/routing/tuneRouter.ts --grid lexicon).
 */
export const LEXICON_WEIGHT = 0.35;

export function lexiconPhrases(lexicon: PhraseSets, weight = LEXICON_WEIGHT, only?: ReadonlySet<string>): TrainingPhrase[] {
  const phrases: TrainingPhrase[] = [];
  for (const [label, terms] of Object.entries(lexicon)) {
    if (only && !only.has(label)) continue;
    for (const text of terms) phrases.push({ text, label, weight });
  }
  return phrases;
}

/**
 * The lexical model for the enabled profiles: each profile's example phrases
 * (shipped or the user's own), plus the shipped vocabulary of the built-in
 * domains that are enabled and have not had their examples replaced.
 */
export function buildRouterModel(profiles: readonly Profile[], lexicon: PhraseSets, options?: LexicalOptions): LexicalModel {
  const enabled = profiles.filter((p) => p.enabled && p.examples.length > 0);
  const phrases: TrainingPhrase[] = enabled.flatMap((p) => p.examples.map((text) => ({ text, label: p.id })));
  const withLexicon = new Set(enabled.filter((p) => p.builtIn).map((p) => p.id));
  phrases.push(...lexiconPhrases(lexicon, LEXICON_WEIGHT, withLexicon));
  return trainLexicalModel(phrases, options);
}
