import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFixtureModel } from '../scripts/fixtures/writeFixtureModel.js';
import type { FixtureModelInput } from '../scripts/fixtures/resolveFixtureOptions.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Generated models live here (gitignored), shared by every test process of a run and across runs. */
export const FIXTURE_DIR = path.join(repoRoot, '.cache', 'fixtures');

const FIXTURES = {
  /** The default: Q8_0 with a SentencePiece tokenizer. */
  tiny: { preset: 'tiny', type: 'Q8_0', tokenizer: 'spm' },
  'tiny-f16': { preset: 'tiny', type: 'F16', tokenizer: 'spm' },
  'tiny-q4_0': { preset: 'tiny', type: 'Q4_0', tokenizer: 'spm' },
  'tiny-bpe': { preset: 'tiny', type: 'Q8_0', tokenizer: 'bpe' },
  /**
   * 8 MB, ~200 tok/s on one thread, and a vocabulary large enough that a
   * random-weight model practically never samples end-of-sequence: for tests
   * that need a reply to keep streaming (stop, kill -9, long streams).
   */
  small: { preset: 'tiny', type: 'Q8_0', tokenizer: 'spm', vocab: 8192, nEmbd: 256, nLayer: 4, nHead: 4, nFf: 768, ctx: 4096 },
  /** A Qwen3-architecture reranker (rank pooling, yes/no head), as llama.cpp converts Qwen3-Reranker: not a chat model. */
  reranker: { preset: 'tiny', type: 'Q8_0', tokenizer: 'bpe', kind: 'qwen3-reranker' },
  /**
   * Qwen3-Reranker-0.6B's shape as near as the writer's square attention allows (28 layers, 1024 wide,
   * feed-forward widened to 3584 so the layers hold ~430M weights against the real 440M), Q8_0 like the
   * catalog's file, with a 32k vocabulary (the vocabulary is only looked up): for the rerank bench, about 470 MB.
   */
  'reranker-0.6b': { preset: '1b', type: 'Q8_0', tokenizer: 'bpe', kind: 'qwen3-reranker', nEmbd: 1024, nLayer: 28, nHead: 8, nHeadKv: 8, nFf: 3584, vocab: 32000, ctx: 4096 },
  /** TinyLlama-1.1B's shape at Q4_0, about 620 MB: for load-time and memory tests. */
  '1b': { preset: '1b', type: 'Q4_0', tokenizer: 'spm' },
} as const satisfies Record<string, FixtureModelInput>;

export type FixtureName = keyof typeof FIXTURES;
export const FIXTURE_NAMES = Object.keys(FIXTURES) as FixtureName[];
export const TINY_FIXTURE_NAMES: readonly FixtureName[] = FIXTURE_NAMES.filter((n) => n !== '1b' && n !== 'reranker-0.6b');
/** The tiny fixtures that chat (every one but the reranker). */
export const CHAT_FIXTURE_NAMES: readonly FixtureName[] = TINY_FIXTURE_NAMES.filter((n) => n !== 'reranker');

export function fixturePath(name: FixtureName): string {
  if (!(name in FIXTURES)) throw new Error(`Unknown fixture model ${name}: use one of ${FIXTURE_NAMES.join(', ')}.`);
  return path.join(FIXTURE_DIR, `${name}.gguf`);
}

/**
 * The generator's own source is part of the key: editing the writer
 * regenerates the fixtures on the next run, with no version to remember to bump.
 */
let generatorHash: string | undefined;
function hashGenerator(): string {
  if (generatorHash) return generatorHash;
  const hash = createHash('sha256');
  const sources = [
    ...fs
      .readdirSync(path.join(repoRoot, 'scripts', 'fixtures'))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .sort()
      .map((f) => path.join(repoRoot, 'scripts', 'fixtures', f)),
    path.join(repoRoot, 'main', 'services', 'gguf', 'ggmlTypes.ts'),
    path.join(repoRoot, 'main', 'services', 'gguf', 'ggufFormat.ts'),
  ];
  for (const file of sources) hash.update(path.relative(repoRoot, file)).update(fs.readFileSync(file));
  generatorHash = hash.digest('hex');
  return generatorHash;
}

interface Sidecar {
  key: string;
  bytes: number;
}

function isCurrent(name: FixtureName, key: string): boolean {
  try {
    const sidecar = JSON.parse(fs.readFileSync(`${fixturePath(name)}.json`, 'utf8')) as Sidecar;
    return sidecar.key === key && fs.statSync(fixturePath(name)).size === sidecar.bytes;
  } catch {
    return false;
  }
}

const inFlight = new Map<FixtureName, Promise<void>>();

async function ensureOne(name: FixtureName): Promise<void> {
  const key = createHash('sha256').update(hashGenerator()).update(JSON.stringify(FIXTURES[name])).digest('hex');
  if (isCurrent(name, key)) return;
  const written = await writeFixtureModel(fixturePath(name), FIXTURES[name]);
  // The model is renamed into place first: a process that sees the new model
  // with the old sidecar only regenerates the same bytes, never reads half a file.
  const sidecar = `${fixturePath(name)}.json`;
  const temp = `${sidecar}.${process.pid}.partial`;
  fs.writeFileSync(temp, JSON.stringify({ key, bytes: written.bytes } satisfies Sidecar));
  fs.renameSync(temp, sidecar);
}

/** Generates the named fixtures (default: every tiny one, not 1b) unless they are already current. */
export async function ensureFixtureModels(names: readonly string[] = TINY_FIXTURE_NAMES): Promise<void> {
  for (const name of names) if (!(name in FIXTURES)) throw new Error(`Unknown fixture model ${name}: use one of ${FIXTURE_NAMES.join(', ')}.`);
  await Promise.all(
    (names as FixtureName[]).map((name) => {
      let pending = inFlight.get(name);
      if (!pending) {
        pending = ensureOne(name).finally(() => inFlight.delete(name));
        inFlight.set(name, pending);
      }
      return pending;
    }),
  );
}

/** A real trained tiny llama (TinyStories) kept outside the repository; tests skip when it is absent. */
export const STORIES_MODEL = path.resolve(repoRoot, '..', 'shared', 'models', 'stories260K.gguf');
export const hasStoriesModel = fs.existsSync(STORIES_MODEL);
