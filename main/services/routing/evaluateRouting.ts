/** One labelled line of an evaluation set. */
export interface Labelled {
  text: string;
  domain: string;
}

export interface ClassMetrics {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface RoutingEvaluation {
  total: number;
  accuracy: number;
  /** Unweighted mean of the per-domain F1 over the domains present in the gold labels. */
  macroF1: number;
  perDomain: Record<string, ClassMetrics>;
  /** Labels in a stable order: gold domains first (as first seen), then any predicted-only ones. */
  labels: string[];
  /** confusion[gold][predicted] = count. */
  confusion: Record<string, Record<string, number>>;
}

/** Accuracy, macro-F1, per-domain precision/recall/F1 and the confusion matrix. */
export function evaluateRouting(gold: readonly string[], predicted: readonly string[]): RoutingEvaluation {
  if (gold.length !== predicted.length) throw new Error(`evaluateRouting: ${gold.length} gold labels but ${predicted.length} predictions`);
  const labels = [...new Set(gold)];
  for (const p of predicted) if (!labels.includes(p)) labels.push(p);
  const confusion: Record<string, Record<string, number>> = {};
  for (const g of labels) confusion[g] = Object.fromEntries(labels.map((p) => [p, 0]));
  let correct = 0;
  gold.forEach((g, i) => {
    const p = predicted[i]!;
    confusion[g]![p]!++;
    if (g === p) correct++;
  });
  const perDomain: Record<string, ClassMetrics> = {};
  const goldLabels = new Set(gold);
  for (const label of labels) {
    const tp = confusion[label]![label]!;
    const support = labels.reduce((sum, p) => sum + confusion[label]![p]!, 0);
    const predictedAs = labels.reduce((sum, g) => sum + confusion[g]![label]!, 0);
    const precision = predictedAs === 0 ? 0 : tp / predictedAs;
    const recall = support === 0 ? 0 : tp / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    perDomain[label] = { precision, recall, f1, support };
  }
  const present = labels.filter((l) => goldLabels.has(l));
  const macroF1 = present.length === 0 ? 0 : present.reduce((sum, l) => sum + perDomain[l]!.f1, 0) / present.length;
  return { total: gold.length, accuracy: gold.length === 0 ? 0 : correct / gold.length, macroF1, perDomain, labels, confusion };
}

/** The report `route eval` prints. */
export function formatEvaluation(e: RoutingEvaluation): string {
  const pct = (x: number) => x.toFixed(3);
  const lines = [`${e.total} messages  accuracy ${pct(e.accuracy)}  macro-F1 ${pct(e.macroF1)}`, ''];
  const width = Math.max(10, ...e.labels.map((l) => l.length));
  lines.push(`${'domain'.padEnd(width)}  precision  recall     F1  support`);
  for (const l of e.labels) {
    const m = e.perDomain[l]!;
    lines.push(`${l.padEnd(width)}  ${pct(m.precision).padStart(9)}  ${pct(m.recall).padStart(6)}  ${pct(m.f1).padStart(5)}  ${String(m.support).padStart(7)}`);
  }
  lines.push('', 'confusion (rows: labelled, columns: routed)');
  const short = e.labels.map((l) => l.slice(0, 6));
  lines.push(`${''.padEnd(width)}  ${short.map((s) => s.padStart(6)).join(' ')}`);
  for (const g of e.labels) lines.push(`${g.padEnd(width)}  ${e.labels.map((p) => String(e.confusion[g]![p]).padStart(6)).join(' ')}`);
  return `${lines.join('\n')}\n`;
}

export interface GroupAccuracy {
  total: number;
  correct: number;
  accuracy: number;
}

/**
 * Accuracy per group (language, kind of message...), groups in order of first
 * appearance: where the router is weak hides in an overall figure.
 */
export function accuracyBy(groups: readonly string[], gold: readonly string[], predicted: readonly string[]): Record<string, GroupAccuracy> {
  if (groups.length !== gold.length || gold.length !== predicted.length) {
    throw new Error(`accuracyBy: ${groups.length} groups, ${gold.length} gold labels and ${predicted.length} predictions`);
  }
  const out: Record<string, GroupAccuracy> = {};
  groups.forEach((group, i) => {
    const g = (out[group] ??= { total: 0, correct: 0, accuracy: 0 });
    g.total++;
    if (gold[i] === predicted[i]) g.correct++;
  });
  for (const g of Object.values(out)) g.accuracy = g.correct / g.total;
  return out;
}

/** A small table for `route eval`: one line per group with its accuracy and size. */
export function formatAccuracyBy(title: string, groups: Record<string, GroupAccuracy>): string {
  const width = Math.max(title.length, ...Object.keys(groups).map((g) => g.length));
  const lines = [`${title.padEnd(width)}  accuracy  messages`];
  for (const [name, g] of Object.entries(groups)) lines.push(`${name.padEnd(width)}  ${g.accuracy.toFixed(3).padStart(8)}  ${String(g.total).padStart(8)}`);
  return `${lines.join('\n')}\n`;
}
