/**
 * How the lexical router's settings were chosen: stratified k-fold
 * cross-validation on the shipped training phrases only (the lexicon always
 * stays in the training part). The development set is never used here.
 *
 *   npx tsx scripts/routing/tuneRouter.ts [--folds 5] [--reps 2] [--grid name]
 */
import { parseArgs } from 'node:util';
import { accuracyBy, evaluateRouting, formatEvaluation } from '../../main/services/routing/evaluateRouting.js';
import { shippedExamplesByLanguage, shippedLexicon } from '../../main/services/routing/shippedRoutingData.js';
import { DEFAULT_LEXICAL_OPTIONS, trainLexicalModel, type LexicalOptions, type TrainingPhrase } from '../../main/services/routing/trainLexicalModel.js';
import { LEXICON_WEIGHT, lexiconPhrases } from '../../main/services/routing/buildRouterModel.js';

const { values } = parseArgs({ options: { misses: { type: 'boolean', default: false }, folds: { type: 'string', default: '5' }, reps: { type: 'string', default: '1' }, grid: { type: 'string', default: 'default' } } });
const folds = Number(values.folds);
const reps = Number(values.reps);

function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Every example with its language, so that the folds report accuracy per language too. */
const tagged = Object.entries(shippedExamplesByLanguage()).flatMap(([language, sets]) =>
  Object.entries(sets).flatMap(([label, texts]) => texts.map((text) => ({ text, label, language }))),
);
const labels = [...new Set(tagged.map((t) => t.label))];
const lexicon = shippedLexicon();

function crossValidate(options: LexicalOptions, lexiconWeight: number) {
  const gold: string[] = [];
  const predicted: string[] = [];
  const confidences: number[] = [];
  let nll = 0;
  const languages: string[] = [];
  for (let rep = 0; rep < reps; rep++) {
    const random = seeded(100 + rep);
    // Stratified by domain and language: each fold holds out a share of every language's examples of every domain.
    const shuffled = labels.flatMap((label) =>
      [...new Set(tagged.map((t) => t.language))].map((language) =>
        tagged.filter((t) => t.label === label && t.language === language).map((t) => ({ t, k: random() })).sort((a, b) => a.k - b.k).map((x) => x.t),
      ),
    );
    for (let f = 0; f < folds; f++) {
      const train: TrainingPhrase[] = lexiconPhrases(lexicon, lexiconWeight);
      const test: Array<{ text: string; label: string; language: string }> = [];
      for (const group of shuffled) group.forEach((t, i) => (i % folds === f ? test.push(t) : train.push({ text: t.text, label: t.label })));
      const model = trainLexicalModel(train, options);
      for (const t of test) {
        const p = model.classify(t.text).probabilities;
        const label = model.labels[p.indexOf(Math.max(...p))]!;
        confidences.push(Math.max(...p));
        nll -= Math.log(Math.max(1e-9, p[model.labels.indexOf(t.label)] ?? 0));
        gold.push(t.label);
        predicted.push(label);
        languages.push(t.language);
        if (values.misses && label !== t.label) console.log(`  ${t.language} ${t.label} -> ${label} (${Math.max(...p).toFixed(2)}): ${t.text}`);
      }
    }
  }
  return { ...evaluateRouting(gold, predicted), perLanguage: accuracyBy(languages, gold, predicted), nll: nll / gold.length, calibration: calibration(gold, predicted, confidences) };
}

/** Expected calibration error over 10 bins, and accuracy and macro-F1 when messages under each threshold go to general. */
function calibration(gold: string[], predicted: string[], confidences: number[]) {
  let ece = 0;
  for (let b = 0; b < 10; b++) {
    const inBin = confidences.map((c, i) => (c >= b / 10 && c < (b + 1) / 10 ? i : -1)).filter((i) => i >= 0);
    if (inBin.length === 0) continue;
    const accuracy = inBin.filter((i) => gold[i] === predicted[i]).length / inBin.length;
    const confidence = inBin.reduce((s, i) => s + confidences[i]!, 0) / inBin.length;
    ece += (inBin.length / gold.length) * Math.abs(accuracy - confidence);
  }
  const thresholds = [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, LEXICON_WEIGHT].map((t) => {
    const e = evaluateRouting(gold, predicted.map((p, i) => (confidences[i]! < t ? 'general' : p)));
    return `${t}: ${e.accuracy.toFixed(3)}/${e.macroF1.toFixed(3)}`;
  });
  return `ECE ${ece.toFixed(3)}; threshold acc/F1 ${thresholds.join(' ')}`;
}

const grids: Record<string, Array<[string, LexicalOptions, number]>> = {
  default: [['defaults', {}, LEXICON_WEIGHT]],
  lexicon: [0, 0.2, 0.35, 0.5, 0.75, 1].map((w) => [`lexicon weight ${w}`, {}, w]),
  groups: [
    ['c 0.3', { groupWeights: { c: 0.3 } }, LEXICON_WEIGHT],
    ['c 0.5', { groupWeights: { c: 0.5 } }, LEXICON_WEIGHT],
    ['c 0.8', { groupWeights: { c: 0.8 } }, LEXICON_WEIGHT],
    ['b 0.4', { groupWeights: { b: 0.4 } }, LEXICON_WEIGHT],
    ['b 1', { groupWeights: { b: 1 } }, LEXICON_WEIGHT],
    ['no chars', { features: { charNgrams: [] } }, LEXICON_WEIGHT],
    ['chars 3-4', { features: { charNgrams: [3, 4] } }, LEXICON_WEIGHT],
    ['chars 4-5', { features: { charNgrams: [4, 5] } }, LEXICON_WEIGHT],
  ],
  temperature: [1, 1.5, 2, 3].map((t) => [`temperature ${t}`, { temperature: t }, LEXICON_WEIGHT]),
  naiveBayes: [0, 0.1, 0.3, 0.6, 1].flatMap((nb) => [0.3, 1].map((a) => [`nb ${nb} alpha ${a}`, { naiveBayes: nb, naiveBayesAlpha: a }, LEXICON_WEIGHT] as [string, LexicalOptions, number])),
  spelling: [
    ['spelling on', { spelling: true }, LEXICON_WEIGHT],
    ['spelling off', { spelling: false }, LEXICON_WEIGHT],
  ],
  /** How words of the other languages are read: Porter alone, light stems beside it, character n-grams as well. */
  languages: [
    ['porter only', { features: { lightStems: false } }, LEXICON_WEIGHT],
    ['light stems', { features: { lightStems: true } }, LEXICON_WEIGHT],
    ['porter + chars 3-4', { features: { lightStems: false, foreignCharNgrams: [3, 4] } }, LEXICON_WEIGHT],
    ['light + chars 3-4', { features: { lightStems: true, foreignCharNgrams: [3, 4] } }, LEXICON_WEIGHT],
    ['light + chars 3-5', { features: { lightStems: true, foreignCharNgrams: [3, 4, 5] } }, LEXICON_WEIGHT],
    ['light + chars 4', { features: { lightStems: true, foreignCharNgrams: [4] } }, LEXICON_WEIGHT],
  ],
  training: [
    ['l2 1e-4', { l2: 1e-4 }, LEXICON_WEIGHT],
    ['l2 3e-3', { l2: 3e-3 }, LEXICON_WEIGHT],
    ['epochs 8', { epochs: 8 }, LEXICON_WEIGHT],
    ['epochs 25', { epochs: 25 }, LEXICON_WEIGHT],
    ['lr 0.2', { learningRate: 0.2 }, LEXICON_WEIGHT],
    ['lr 1', { learningRate: 1 }, LEXICON_WEIGHT],
  ],
};

console.log(`defaults ${JSON.stringify(DEFAULT_LEXICAL_OPTIONS)}; ${folds}-fold x ${reps}`);
for (const [name, options, lexiconWeight] of grids[values.grid] ?? []) {
  const started = performance.now();
  const e = crossValidate(options, lexiconWeight);
  const f1 = e.labels.map((l) => `${l.slice(0, 4)} ${e.perDomain[l]!.f1.toFixed(2)}`).join(' ');
  if (values.misses) console.log(formatEvaluation(e));
  console.log(`${name.padEnd(22)} accuracy ${e.accuracy.toFixed(3)} macro-F1 ${e.macroF1.toFixed(3)}  ${f1}  (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  console.log(`${''.padEnd(22)} NLL ${e.nll.toFixed(3)} ${e.calibration}`);
  console.log(`${''.padEnd(22)} per language ${Object.entries(e.perLanguage).map(([l, a]) => `${l} ${a.accuracy.toFixed(3)}`).join(' ')}`);
}
