import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hyperparameterCases, layerTensorCases } from './hyperparameterCases.js';
import type { MalformedCase } from './MalformedCase.js';
import { mergesCases, valueTypeCases, vocabularyCases } from './metadataCases.js';
import {
  arrayCases,
  countCases,
  dataOffsetCases,
  magicCases,
  stringLengthCases,
  structureCases,
  tensorShapeCases,
  truncationCases,
  versionCases,
} from './structureCases.js';
import { templateCases } from './templateCases.js';

/** Every case, in a fixed order: the same bytes and names on every run. */
export function malformedCases(): MalformedCase[] {
  const cases = [
    ...truncationCases(),
    ...magicCases(),
    ...versionCases(),
    ...countCases(),
    ...stringLengthCases(),
    ...tensorShapeCases(),
    ...dataOffsetCases(),
    ...arrayCases(),
    ...structureCases(),
    ...valueTypeCases(),
    ...vocabularyCases(),
    ...mergesCases(),
    ...templateCases(),
    ...hyperparameterCases(),
    ...layerTensorCases(),
  ];
  const names = new Set<string>();
  for (const c of cases) {
    const name = fileNameOf(c);
    if (names.has(name)) throw new Error(`two malformed cases are both named ${name}`);
    names.add(name);
  }
  return cases;
}

export function fileNameOf(c: MalformedCase): string {
  return `${c.kind}--${c.slug}.gguf`;
}

export interface CorpusEntry {
  file: string;
  kind: MalformedCase['kind'];
  what: string;
  expect: string;
  bytes: number;
  sha256: string;
}

export interface Corpus {
  dir: string;
  entries: CorpusEntry[];
}

const MANIFEST = 'manifest.json';

/** Under the repository's .cache (gitignored), beside the fixture models. */
export const DEFAULT_CORPUS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '.cache', 'malformed-gguf');

/**
 * Writes the corpus into `dir` (wiped first, so a removed case leaves no
 * stale file behind) with a manifest.json naming each file's class, what is
 * wrong with it, the refusal it must get and its hash. Deterministic: the
 * same source writes the same bytes.
 */
export function writeMalformedCorpus(dir: string): Corpus {
  const cases = malformedCases();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const entries = cases.map((c): CorpusEntry => {
    const file = fileNameOf(c);
    fs.writeFileSync(path.join(dir, file), c.bytes);
    return { file, kind: c.kind, what: c.what, expect: c.expect, bytes: c.bytes.length, sha256: createHash('sha256').update(c.bytes).digest('hex') };
  });
  fs.writeFileSync(path.join(dir, MANIFEST), `${JSON.stringify(entries, null, 1)}\n`);
  return { dir, entries };
}

export function readCorpusManifest(dir: string): CorpusEntry[] {
  return JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), 'utf8')) as CorpusEntry[];
}
