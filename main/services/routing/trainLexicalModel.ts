import { createSpellingIndex } from './spellingIndex.js';
import { textFeatures, type FeatureOptions, type TextFeatures } from './textFeatures.js';

/** One labelled phrase; weight < 1 for the lexicon's single terms. */
export interface TrainingPhrase {
  text: string;
  label: string;
  weight?: number;
}

export interface LexicalOptions {
  features?: FeatureOptions;
  /** Scales each kind of feature (by prefix: w, b, c, s) before length normalisation. */
  groupWeights?: Partial<Record<'w' | 'b' | 'c' | 's', number>>;
  /** L2 penalty per update. */
  l2?: number;
  epochs?: number;
  learningRate?: number;
  /** Softmax temperature applied to the logits at prediction, fitted so that confidence tracks accuracy. */
  temperature?: number;
  seed?: number;
  /** Read unknown words one edit away from a known one as that word. Default true. */
  spelling?: boolean;
  /**
   * Weight of a multinomial naive Bayes log-likelihood (binary features, add-alpha smoothing)
   * added to the regression's logits: it trusts a word seen once in training
   * more than the regularised regression does, which helps on short messages. 0: off.
   */
  naiveBayes?: number;
  naiveBayesAlpha?: number;
}

/**
 * Defaults chosen by cross-validation on the shipped examples (scripts/routing/tuneRouter.ts),
 * never on the development set.
 */
export const DEFAULT_LEXICAL_OPTIONS: Required<Omit<LexicalOptions, 'features'>> & { features: FeatureOptions } = {
  // 4-letter pieces for the words of messages not in English (inflections the light stems miss, compounds,
  // romanised spellings): cross-validation per language preferred them to none and to 3-4 or 3-5 (--grid languages).
  features: { charNgrams: [], bigrams: true, signals: true, foreignCharNgrams: [4] },
  groupWeights: { w: 1, b: 1, c: 0.5, s: 1 },
  l2: 1e-3,
  epochs: 15,
  learningRate: 0.5,
  temperature: 1,
  seed: 7,
  spelling: true,
  naiveBayes: 0.3,
  naiveBayesAlpha: 0.3,
};

export interface Contribution {
  /** The word as written, or a signal's description. */
  term: string;
  /** How much it pushed toward the label, in logit units, against the average of the others. */
  weight: number;
}

export interface LexicalResult {
  labels: readonly string[];
  /** Probabilities per label, summing to 1, in the order of `labels`. */
  probabilities: Float64Array;
  /** How many of the message's features the model knows. */
  knownFeatures: number;
  /** Per label index, lazily: the words that weighed most toward it. */
  explain(labelIndex: number, limit?: number): Contribution[];
  features: TextFeatures;
}

export interface LexicalModel {
  readonly labels: readonly string[];
  readonly vocabularySize: number;
  classify(text: string): LexicalResult;
}

function seeded(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface Encoded {
  index: Int32Array;
  value: Float64Array;
  /** Feature names, parallel to index: for explanations. */
  names: string[];
}

/**
 * A multinomial logistic regression over TF-IDF weighted words, bigrams,
 * (optionally) character n-grams and code/number signals, trained with
 * AdaGrad in about a tenth of a second, plus a naive Bayes term. Both are
 * linear in the features, so every score decomposes into per-word
 * contributions: the decision explains itself.
 */
export function trainLexicalModel(phrases: readonly TrainingPhrase[], options: LexicalOptions = {}): LexicalModel {
  const o = { ...DEFAULT_LEXICAL_OPTIONS, ...options, features: { ...DEFAULT_LEXICAL_OPTIONS.features, ...options.features } };
  const groupWeights = { ...DEFAULT_LEXICAL_OPTIONS.groupWeights, ...options.groupWeights };
  const labels = [...new Set(phrases.map((p) => p.label))];
  const k = labels.length;
  const labelIndex = new Map(labels.map((l, i) => [l, i]));

  const extracted = phrases.map((p) => textFeatures(p.text, o.features));
  const vocabulary = new Map<string, number>();
  const documentFrequency: number[] = [];
  for (const f of extracted) {
    for (const name of f.counts.keys()) {
      let id = vocabulary.get(name);
      if (id === undefined) {
        id = vocabulary.size;
        vocabulary.set(name, id);
        documentFrequency.push(0);
      }
      documentFrequency[id]!++;
    }
  }
  // Typo tolerance at prediction time, from the words the model was trained on.
  const wordCounts = new Map<string, number>();
  for (const f of extracted) for (const w of f.words) wordCounts.set(w, (wordCounts.get(w) ?? 0) + 1);
  const spelling = o.spelling ? createSpellingIndex(wordCounts) : null;
  const predictFeatures: FeatureOptions = spelling ? { ...o.features, correct: (w) => spelling.correct(w) } : o.features;
  const n = phrases.length;
  const idf = Float64Array.from(documentFrequency, (d) => Math.log((1 + n) / (1 + d)) + 1);
  const groupWeight = (name: string) => groupWeights[name[0] as 'w' | 'b' | 'c' | 's'] ?? 1;

  function encode(features: TextFeatures): Encoded {
    const index: number[] = [];
    const value: number[] = [];
    const names: string[] = [];
    let norm = 0;
    for (const [name, count] of features.counts) {
      const id = vocabulary.get(name);
      if (id === undefined) continue;
      const v = (1 + Math.log(count)) * idf[id]! * groupWeight(name);
      index.push(id);
      value.push(v);
      names.push(name);
      norm += v * v;
    }
    norm = Math.sqrt(norm) || 1;
    return { index: Int32Array.from(index), value: Float64Array.from(value, (v) => v / norm), names };
  }

  // Naive Bayes: per feature and label, the smoothed log-likelihood, scaled and centred over the labels
  // (a per-feature constant does not change the softmax, and centring makes it read as evidence).
  const naiveBayes = new Float64Array(vocabulary.size * k);
  const naiveBayesPrior = new Float64Array(k);
  if (o.naiveBayes > 0 && k > 1) {
    const counts = new Float64Array(vocabulary.size * k);
    const totals = new Float64Array(k);
    extracted.forEach((f, i) => {
      const c = labelIndex.get(phrases[i]!.label)!;
      const w = phrases[i]!.weight ?? 1;
      naiveBayesPrior[c]! += w;
      for (const name of f.counts.keys()) counts[vocabulary.get(name)! * k + c]! += w;
      totals[c]! += w * f.counts.size;
    });
    const a = o.naiveBayesAlpha;
    for (let id = 0; id < vocabulary.size; id++) {
      let mean = 0;
      for (let c = 0; c < k; c++) {
        naiveBayes[id * k + c] = Math.log((counts[id * k + c]! + a) / (totals[c]! + a * vocabulary.size));
        mean += naiveBayes[id * k + c]! / k;
      }
      for (let c = 0; c < k; c++) naiveBayes[id * k + c] = o.naiveBayes * (naiveBayes[id * k + c]! - mean);
    }
    const sum = naiveBayesPrior.reduce((x, y) => x + y, 0);
    const logs = Array.from(naiveBayesPrior, (p) => Math.log(p / sum));
    const mean = logs.reduce((x, y) => x + y, 0) / k;
    logs.forEach((l, c) => (naiveBayesPrior[c] = o.naiveBayes * (l - mean)));
  }
  const weights = new Float64Array(vocabulary.size * k);
  const bias = new Float64Array(k);
  const squared = new Float64Array(vocabulary.size * k);
  const biasSquared = new Float64Array(k);
  if (k > 1) {
    const data = extracted.map((f, i) => ({ x: encode(f), y: labelIndex.get(phrases[i]!.label)!, w: phrases[i]!.weight ?? 1 }));
    const random = seeded(o.seed);
    const order = data.map((_, i) => i);
    const logits = new Float64Array(k);
    const errors = new Float64Array(k);
    for (let epoch = 0; epoch < o.epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      for (const i of order) {
        const { x, y, w } = data[i]!;
        softmaxInto(logits, x, weights, bias, k, 1);
        for (let c = 0; c < k; c++) {
          const e = (logits[c]! - (c === y ? 1 : 0)) * w;
          errors[c] = e;
          biasSquared[c]! += e * e;
          bias[c]! -= (o.learningRate / Math.sqrt(biasSquared[c]! + 1e-8)) * e;
        }
        for (let j = 0; j < x.index.length; j++) {
          const row = x.index[j]! * k;
          const v = x.value[j]!;
          for (let c = 0; c < k; c++) {
            const at = row + c;
            const g = errors[c]! * v + o.l2 * weights[at]!;
            squared[at]! += g * g;
            weights[at]! -= (o.learningRate * g) / Math.sqrt(squared[at]! + 1e-8);
          }
        }
      }
    }
  }

  return {
    labels,
    vocabularySize: vocabulary.size,
    classify(text) {
      const features = textFeatures(text, predictFeatures);
      const x = encode(features);
      const probabilities = new Float64Array(k);
      if (k === 1) probabilities[0] = 1;
      else {
        const extra = Float64Array.from(naiveBayesPrior);
        for (const id of x.index) for (let c = 0; c < k; c++) extra[c]! += naiveBayes[id * k + c]!;
        softmaxInto(probabilities, x, weights, bias, k, o.temperature, extra);
      }
      return {
        labels,
        probabilities,
        knownFeatures: x.index.length,
        features,
        explain(target, limit = 3) {
          // Contribution of a feature toward `target` against the mean of the other labels.
          const byWord = new Map<string, number>();
          for (let j = 0; j < x.index.length; j++) {
            const row = x.index[j]! * k;
            let others = 0;
            for (let c = 0; c < k; c++) if (c !== target) others += weights[row + c]! * x.value[j]! + naiveBayes[row + c]!;
            const push = weights[row + target]! * x.value[j]! + naiveBayes[row + target]! - others / Math.max(1, k - 1);
            const name = x.names[j]!;
            const from = features.origin.get(name) ?? -1;
            const term = from >= 0 ? features.words[from]! : `s:${name.slice(2)}`;
            byWord.set(term, (byWord.get(term) ?? 0) + push);
          }
          return [...byWord]
            .filter(([, weight]) => weight > 0)
            .sort((a, b) => b[1] - a[1])
            .slice(0, limit)
            .map(([term, weight]) => ({ term, weight }));
        },
      };
    },
  };
}

function softmaxInto(out: Float64Array, x: Encoded, weights: Float64Array, bias: Float64Array, k: number, temperature: number, extra?: Float64Array): void {
  out.set(bias);
  if (extra) for (let c = 0; c < k; c++) out[c]! += extra[c]!;
  for (let j = 0; j < x.index.length; j++) {
    const row = x.index[j]! * k;
    const v = x.value[j]!;
    for (let c = 0; c < k; c++) out[c]! += weights[row + c]! * v;
  }
  let max = -Infinity;
  for (let c = 0; c < k; c++) {
    out[c] = out[c]! / temperature;
    if (out[c]! > max) max = out[c]!;
  }
  let sum = 0;
  for (let c = 0; c < k; c++) {
    out[c] = Math.exp(out[c]! - max);
    sum += out[c]!;
  }
  for (let c = 0; c < k; c++) out[c] = out[c]! / sum;
}
