import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type ModelRecord } from '../../contract/index.js';
import type { CompleteArgs, CompleteEvent, CompleteResult } from '../engine/completeOps.js';
import { createApiQueue } from './createApiQueue.js';
import { createApiServer, type ApiServer } from './createApiServer.js';

/**
 * A reasoning model's thinking through the API: apart from the answer, as
 * reasoning_content (the field DeepSeek's, vLLM's and LM Studio's servers use),
 * never in content. The engine is scripted here; the real engine's thought
 * segments are covered by the engine's own tests.
 */
const MODEL: ModelRecord = {
  id: 'thinker',
  name: 'Thinker',
  path: '/models/thinker.gguf',
  source: 'import',
  sizeBytes: 1,
  sha256: null,
  architecture: 'qwen3',
  parameters: null,
  quantization: 'Q4_0',
  contextLength: 4096,
  hasChatTemplate: true,
  role: 'chat',
  addedAt: 0,
  broken: null,
};

const STREAM: CompleteEvent[] = [
  { type: 'thought', text: 'The user greets me. ' },
  { type: 'thought', text: 'I should greet back.' },
  { type: 'delta', text: 'Hello' },
  { type: 'delta', text: ' there!' },
];

function fakeComplete(_args: CompleteArgs, options: { onEvent(event: CompleteEvent): void }): Promise<CompleteResult> {
  for (const event of STREAM) options.onEvent(event);
  return Promise.resolve({
    text: 'Hello there!',
    thought: 'The user greets me. I should greet back.',
    toolCalls: [],
    finishReason: 'stop',
    context: { windowTokens: 4096, promptTokens: 12 },
    stats: { promptTokens: 12, completionTokens: 9, timeToFirstTokenMs: 1, tokensPerSecond: 100, totalMs: 5, backend: 'cpu', modelId: MODEL.id },
  });
}

describe('local API: reasoning_content', () => {
  let server: ApiServer;
  let client: OpenAI;
  beforeAll(async () => {
    const settings = DEFAULT_SETTINGS.api;
    server = createApiServer({
      engine: { complete: fakeComplete, embed: () => Promise.reject(new Error('not used')) } as never,
      models: { list: () => [MODEL], get: () => MODEL },
      isEmbeddingModel: () => false,
      queue: createApiQueue({ parallel: () => 1, maxWaiting: 4, chatBusy: () => false }),
      settings: () => settings,
      features: { tools: true, responseFormat: true },
      keys: { verify: (key) => (key === 'hk-test' ? { id: 'k1', name: 'test', prefix: 'hk-te', createdAt: 0, lastUsedAt: null } : null) },
      record: () => {},
    });
    const { url } = await server.start({ host: '127.0.0.1', port: 0 });
    client = new OpenAI({ baseURL: url, apiKey: 'hk-test', maxRetries: 0 });
  });
  afterAll(async () => server.stop());

  it('gives the thinking as message.reasoning_content, and the answer alone as content', async () => {
    const r = await client.chat.completions.create({ model: MODEL.id, messages: [{ role: 'user', content: 'Hi' }] });
    const message = r.choices[0]!.message as typeof r.choices[0]['message'] & { reasoning_content?: string };
    expect(message.content).toBe('Hello there!');
    expect(message.reasoning_content).toBe('The user greets me. I should greet back.');
  });

  it('streams the thinking as delta.reasoning_content, never in delta.content', async () => {
    const stream = await client.chat.completions.create({ model: MODEL.id, messages: [{ role: 'user', content: 'Hi' }], stream: true });
    let content = '';
    let reasoning = '';
    for await (const chunk of stream) {
      const delta = (chunk.choices[0]?.delta ?? {}) as { content?: string | null; reasoning_content?: string };
      content += delta.content ?? '';
      reasoning += delta.reasoning_content ?? '';
    }
    expect(content).toBe('Hello there!');
    expect(reasoning).toBe('The user greets me. I should greet back.');
  });

  it('keeps thinking out of a text completion', async () => {
    const r = await client.completions.create({ model: MODEL.id, prompt: 'Hi' });
    expect(r.choices[0]!.text).toBe('Hello there!');
  });
});
