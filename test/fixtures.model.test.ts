import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Llama } from 'node-llama-cpp';
import { inspectGguf } from '../main/services/gguf/readGgufHeader.js';
import { CHAT_FIXTURE_NAMES, ensureFixtureModels, fixturePath, type FixtureName } from './fixtures.js';

let llama: Llama;
beforeAll(async () => {
  const { getLlama } = await import('node-llama-cpp');
  llama = await getLlama({ gpu: false });
});
afterAll(async () => {
  await llama?.dispose();
});

/** Loads a fixture, greedily generates a few tokens and checks the chat template is recognised. */
async function exercise(name: FixtureName, generate: number): Promise<void> {
  const { resolveChatWrapper, ChatMLChatWrapper, LlamaChatSession } = await import('node-llama-cpp');
  const model = await llama.loadModel({ modelPath: fixturePath(name) });
  try {
    // Threads: 1, as everywhere in tests: the default 4 is ~70x slower on a 2-core machine.
    const context = await model.createContext({ contextSize: 256, threads: 1 });
    try {
      const sequence = context.getSequence();
      const prompt = model.tokenize('Hello there, tell me a story about the little girl');
      expect(prompt.length).toBeGreaterThan(3);
      expect(model.detokenize(prompt)).toContain('tell me a story');
      const produced = [];
      for await (const token of sequence.evaluate(prompt, { temperature: 0 })) {
        produced.push(token);
        if (produced.length >= generate) break;
      }
      expect(produced).toHaveLength(generate);
      const { vocabSize } = await inspectGguf(fixturePath(name));
      expect(produced.every((t) => Number.isInteger(t) && t >= 0 && t < vocabSize!)).toBe(true);
      expect(model.detokenize(produced, true).length).toBeGreaterThan(0);

      // The ChatML template resolves to the ChatML wrapper, and its markers are single control tokens.
      expect(resolveChatWrapper(model)).toBeInstanceOf(ChatMLChatWrapper);
      expect(model.tokens.eosString).toBe('<|im_end|>');
      expect(model.tokenize('<|im_start|>', true)).toHaveLength(1);
      await sequence.clearHistory();
      const session = new LlamaChatSession({ contextSequence: sequence });
      expect(session.chatWrapper).toBeInstanceOf(ChatMLChatWrapper);
      const reply = await session.prompt('Hi', { maxTokens: 3, temperature: 0 });
      expect(typeof reply).toBe('string');
      session.dispose();
    } finally {
      await context.dispose();
    }
  } finally {
    await model.dispose();
  }
}

describe('node-llama-cpp loads and runs the fixture models', () => {
  it.each(CHAT_FIXTURE_NAMES)('%s', async (name) => {
    await ensureFixtureModels([name]);
    await exercise(name, 4);
    expect((await inspectGguf(fixturePath(name))).role).toBe('chat');
  });

  // What llama.cpp's converter makes of Qwen3-Reranker: node-llama-cpp sees a ranking model and scores with it.
  it('reranker', async () => {
    await ensureFixtureModels(['reranker']);
    const summary = await inspectGguf(fixturePath('reranker'));
    expect(summary).toMatchObject({ architecture: 'qwen3', role: 'reranker', hasChatTemplate: true });
    const model = await llama.loadModel({ modelPath: fixturePath('reranker') });
    try {
      expect(model.fileInsights.supportsRanking).toBe(true);
      const context = await model.createRankingContext({ contextSize: 512, threads: 1 });
      try {
        const documents = ['The ferry leaves at noon.', 'Trains run every hour.', 'Buy tickets at the pier.'];
        const scores = await context.rankAll('When does the ferry leave?', documents);
        expect(scores).toHaveLength(3);
        expect(scores.every((p) => p > 0 && p < 1)).toBe(true);
        expect(new Set(scores).size).toBe(3);
        expect(await context.rankAll('When does the ferry leave?', documents)).toEqual(scores);
      } finally {
        await context.dispose();
      }
    } finally {
      await model.dispose();
    }
  });

  // About 620 MB, generated once into .cache/fixtures and reused by later runs.
  it('1b', { timeout: 600_000 }, async () => {
    await ensureFixtureModels(['1b']);
    const summary = await inspectGguf(fixturePath('1b'));
    expect(summary).toMatchObject({ quantization: 'Q4_0', blockCount: 22, embeddingLength: 2048, vocabSize: 32000 });
    expect(summary.parameters).toBeGreaterThan(1_000_000_000);
    await exercise('1b', 2);
  });
});
