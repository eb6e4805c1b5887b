import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { RoutingDecision } from '../contract/index.js';
import type { Services } from '../app/createServices.js';
import { accuracyBy, evaluateRouting, formatAccuracyBy, formatEvaluation, type GroupAccuracy } from '../services/routing/evaluateRouting.js';
import { parse, UsageError, withServices, type Io } from './cliContext.js';
import { terminalIo } from './terminalText.js';

export const ROUTE_USAGE = `hearth route "text" [--json]                 which domain profile Auto mode picks, why, and which model answers
hearth route --jsonl                           stdin lines {"text"} -> stdout lines {"text","domain","confidence","scores"}, in order
hearth route eval <labelled.jsonl> [--json] [--misses]
                                               accuracy, macro-F1, per-domain P/R/F1, confusion, and accuracy per
                                               language and per kind (lines {"text","domain"[,"lang"][,"kind"]};
                                               without "lang" a line counts under the language detected, as "~es")`;

const round3 = (x: number) => Math.round(x * 1000) / 1000;

function describe(decision: RoutingDecision, services: Services): string {
  const name = (id: string) => services.profiles.find(id)?.name ?? id;
  const scores = Object.entries(decision.scores)
    .sort((a, b) => b[1] - a[1])
    .map(([id, s]) => `${id} ${s.toFixed(2)}`)
    .join(', ');
  const lines = [
    `${name(decision.domain)} · ${decision.confidence.toFixed(2)}  (${decision.method}, ${decision.tier} tier, language ${decision.language ?? 'und'})`,
    `model: ${decision.modelId ?? 'none installed'}${decision.fallback ? ` (${decision.fallback})` : ''}`,
    ...decision.reasons.map((r) => `  - ${r}`),
    `scores: ${scores}`,
  ];
  return `${lines.join('\n')}\n`;
}

async function* jsonLines(input: NodeJS.ReadableStream): AsyncGenerator<{ line: number; value: unknown; error?: string }> {
  let line = 0;
  for await (const text of readline.createInterface({ input, crlfDelay: Infinity })) {
    line++;
    if (text.trim() === '') continue;
    try {
      yield { line, value: JSON.parse(text) as unknown };
    } catch (error) {
      yield { line, value: null, error: `line ${line} is not JSON: ${(error as Error).message}` };
    }
  }
}

function textOf(value: unknown): string | null {
  const text = (value as { text?: unknown } | null)?.text;
  return typeof text === 'string' && text.trim() !== '' ? text : null;
}

export async function routeCommand(argv: string[], io: Io): Promise<number> {
  // GGUF strings, file names and model text reach stdout: no escape sequences on a terminal.
  io = terminalIo(io);
  const { values, positionals } = parse(argv, { jsonl: { type: 'boolean', default: false }, misses: { type: 'boolean', default: false } });
  const dataDir = values['data-dir'];

  if (values.jsonl) {
    if (positionals.length > 0) throw new UsageError('--jsonl reads the messages from stdin; give no text');
    return withServices(dataDir, async (services) => {
      let failures = 0;
      // One line out per line in, as each arrives: the output can be piped on while input still streams.
      for await (const { line, value, error } of jsonLines(io.input ?? process.stdin)) {
        const text = textOf(value);
        if (error || text === null) {
          failures++;
          io.out(`${JSON.stringify({ line, error: error ?? `line ${line} has no "text" string` })}\n`);
          continue;
        }
        const c = services.router.classify(text);
        io.out(`${JSON.stringify({ text, domain: c.domain, confidence: c.confidence, scores: c.scores })}\n`);
      }
      if (failures > 0) io.err(`hearth route: ${failures} line(s) could not be routed (see the "error" lines)\n`);
      return failures > 0 ? 1 : 0;
    });
  }

  if (positionals[0] === 'eval') {
    const file = positionals[1];
    if (!file) throw new UsageError('route eval needs a labelled .jsonl file (lines {"text", "domain"})');
    if (!fs.existsSync(file)) throw new UsageError(`no file at ${file}`);
    return withServices(dataDir, async (services) => {
      const gold: string[] = [];
      const predicted: string[] = [];
      const languages: string[] = [];
      const kinds: string[] = [];
      const misses: string[] = [];
      let labelledLanguages = 0;
      let detectedAsLabelled = 0;
      for await (const { line, value, error } of jsonLines(fs.createReadStream(file))) {
        const text = textOf(value);
        const row = (value ?? {}) as { domain?: unknown; lang?: unknown; kind?: unknown };
        if (error || text === null || typeof row.domain !== 'string') throw new UsageError(error ?? `${file} line ${line} needs "text" and "domain" strings`);
        const c = services.router.classify(text);
        gold.push(row.domain);
        predicted.push(c.domain);
        if (typeof row.lang === 'string') {
          labelledLanguages++;
          if (row.lang === c.language) detectedAsLabelled++;
        }
        languages.push(typeof row.lang === 'string' ? row.lang : `~${c.language}`);
        kinds.push(typeof row.kind === 'string' ? row.kind : '-');
        if (c.domain !== row.domain) misses.push(`${row.domain} -> ${c.domain} (${c.confidence.toFixed(2)}, ${c.language}): ${text}`);
      }
      const evaluation = evaluateRouting(gold, predicted);
      const set = evaluationSet(file);
      const perLanguage = accuracyBy(languages, gold, predicted);
      const perKind = accuracyBy(kinds, gold, predicted);
      const detection = labelledLanguages > 0 ? { labelled: labelledLanguages, detectedAsLabelled } : null;
      if (values.json) {
        const perDomain = Object.fromEntries(Object.entries(evaluation.perDomain).map(([d, m]) => [d, { precision: round3(m.precision), recall: round3(m.recall), f1: round3(m.f1), support: m.support }]));
        const rounded = (groups: Record<string, GroupAccuracy>) => Object.fromEntries(Object.entries(groups).map(([g, a]) => [g, { ...a, accuracy: round3(a.accuracy) }]));
        io.out(
          `${JSON.stringify({ set: set.kind, ...evaluation, accuracy: round3(evaluation.accuracy), macroF1: round3(evaluation.macroF1), perDomain, perLanguage: rounded(perLanguage), perKind: rounded(perKind), languageDetection: detection, ...(values.misses ? { misses } : {}) })}\n`,
        );
      } else {
        io.out(`${set.note}\n`);
        io.out(formatEvaluation(evaluation));
        io.out(`\n${formatAccuracyBy('language', perLanguage)}`);
        if (detection) io.out(`language detected as labelled: ${detection.detectedAsLabelled}/${detection.labelled} (the rest read as another language or 'und')\n`);
        io.out(`\n${formatAccuracyBy('kind', perKind)}`);
        if (values.misses && misses.length > 0) io.out(`\nmisrouted:\n${misses.map((m) => `  ${m}`).join('\n')}\n`);
      }
      return 0;
    });
  }

  const text = positionals.join(' ').trim();
  if (!text) throw new UsageError('give the text to route: hearth route "my knee hurts when I run"');
  return withServices(dataDir, async (services) => {
    const { decision } = await services.routing.routeAsync({ text });
    io.out(values.json ? `${JSON.stringify(decision)}\n` : describe(decision, services));
    return 0;
  });
}

/**
 * Says what a figure on this file is worth: the dev files were used to tune
 * the router (threshold, vocabulary entries), so their figures are optimistic;
 * test.jsonl was written apart and nothing is tuned on it.
 */
export function evaluationSet(file: string): { kind: 'tuning' | 'test' | 'other'; note: string } {
  const name = path.basename(file);
  if (name === 'dev.multilingual.jsonl') {
    return { kind: 'tuning', note: `${name}: multilingual dev set: written before the multilingual examples and settings, which were chosen by cross-validation on the examples; its figures set the test floors, and its author also wrote the examples, so an independent set may score lower` };
  }
  if (/^dev(\.|$)/.test(name)) return { kind: 'tuning', note: `${name}: tuning set (dev): the router's settings were tuned on it, so these figures are optimistic; see test.jsonl for an untuned figure` };
  if (/^test(\.|$)/.test(name)) return { kind: 'test', note: `${name}: test set: nothing was tuned on it` };
  return { kind: 'other', note: `${name}: a set Hearth knows nothing about` };
}
