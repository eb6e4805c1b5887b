import { roleFromArchitecture } from '../gguf/modelRole.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ModelRecord, Profile } from '../../contract/index.js';
import { createEmbeddingScorer } from './createEmbeddingScorer.js';

const record = (id: string, architecture: string): ModelRecord => ({
  id, name: id, path: `/m/${id}.gguf`, source: 'download', sizeBytes: 1, sha256: null, architecture, parameters: 1e8,
  quantization: 'Q8_0', contextLength: 512, hasChatTemplate: false, addedAt: 0, broken: null,
  role: roleFromArchitecture(architecture),
});

const profile = (id: string, examples: string[]): Profile => ({
  id, name: id, description: '', systemPrompt: 'x', sampling: {}, models: { fast: [], standard: [] }, color: '#000000', icon: 'x',
  enabled: true, builtIn: true, modified: false, examples,
});

/** A stand-in encoder: a hashed bag of words, so texts sharing words are close. */
function bagOfWords(text: string): number[] {
  const v = new Array<number>(64).fill(0);
  for (const w of text.toLowerCase().replace(/^classification: /, '').split(/\W+/).filter(Boolean)) {
    let h = 0;
    for (const ch of w) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
    v[h % 64]! += 1;
  }
  return v;
}

describe('embedding scorer', () => {
  let dir: string;
  let calls: string[][];
  let installed: ModelRecord[];
  let profiles: Profile[];
  const make = () =>
    createEmbeddingScorer({
      embed: async (_ref, texts) => {
        calls.push(texts);
        return texts.map(bagOfWords);
      },
      models: { list: () => installed },
      profiles: { list: () => profiles },
      cacheDir: dir,
    });

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-emb-'));
    calls = [];
    installed = [record('llama-3.2-1b-instruct-q4_k_m', 'llama'), record('nomic-embed-text-v1.5.q4_k_m', 'nomic-bert')];
    profiles = [
      profile('healthcare', ['my knee hurts when I run', 'fever and sore throat', 'what dose of ibuprofen']),
      profile('coding', ['python list comprehension', 'git rebase conflict', 'javascript promise error']),
    ];
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('answers null until the example vectors exist, then probabilities that favour the nearer examples', async () => {
    const scorer = make();
    expect(await scorer.score('my knee hurts', ['healthcare', 'coding'])).toBeNull();
    expect(await scorer.ready()).toBe(true);
    const scores = (await scorer.score('my knee hurts after a run', ['healthcare', 'coding']))!;
    expect(scores.healthcare! + scores.coding!).toBeCloseTo(1, 6);
    expect(scores.healthcare).toBeGreaterThan(0.9);
    expect((await scorer.score('rebase conflict in git', ['healthcare', 'coding']))!.coding).toBeGreaterThan(0.9);
    // The task prefix nomic-embed expects.
    expect(calls[0]![0]).toMatch(/^classification: /);
  });

  it('keeps the example vectors on disk: a new scorer (a restart) embeds only the message', async () => {
    await make().ready();
    const before = calls.length;
    const again = make();
    expect(await again.ready()).toBe(true);
    expect(calls.length).toBe(before);
    await again.score('fever', ['healthcare', 'coding']);
    expect(calls.at(-1)).toEqual(['classification: fever']);
  });

  it('recomputes after the examples change, and answers null without an embedding model', async () => {
    const scorer = make();
    await scorer.ready();
    profiles = [...profiles, profile('creative', ['write a poem about the sea', 'a short story about a dragon'])];
    scorer.invalidate();
    await scorer.ready();
    expect((await scorer.score('a poem about the sea', ['healthcare', 'coding', 'creative']))!.creative).toBeGreaterThan(0.9);
    installed = [record('llama-3.2-1b-instruct-q4_k_m', 'llama')];
    expect(await scorer.score('a poem', ['creative'])).toBeNull();
    expect(await scorer.ready()).toBe(false);
  });

  it('an encoder that fails leaves routing lexical (null), not broken, and is not retried on every message', async () => {
    let attempts = 0;
    const scorer = createEmbeddingScorer({
      embed: async () => {
        attempts++;
        throw new Error('cannot load');
      },
      models: { list: () => installed },
      profiles: { list: () => profiles },
    });
    expect(await scorer.ready()).toBe(false);
    expect(await scorer.score('x', ['healthcare'])).toBeNull();
    expect(await scorer.score('y', ['healthcare'])).toBeNull();
    expect(attempts).toBe(1);
    scorer.invalidate();
    await scorer.ready();
    expect(attempts).toBe(2);
  });
});
