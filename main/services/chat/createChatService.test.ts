import { afterEach, describe, expect, it } from 'vitest';
import type { ModelRecord } from '../../contract/index.js';
import { createEventBus } from '../events/eventBus.js';
import { silentLogger } from '../log/createLogger.js';
import { tempStore } from '../store/tempStore.js';
import { createChatService } from './createChatService.js';

const model: ModelRecord = {
  id: 'm',
  name: 'm',
  path: '/nowhere/m.gguf',
  source: 'link',
  sizeBytes: 1,
  sha256: null,
  architecture: 'llama',
  parameters: 1,
  quantization: 'F32',
  contextLength: 128,
  hasChatTemplate: false,
  addedAt: 0,
} as ModelRecord;

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('chat service persistence', () => {
  it('saves text that arrived just before a stall once the interval ends, without waiting for another token', async () => {
    const temp = tempStore();
    cleanup = temp.cleanup;
    const { store } = temp;
    store.upsertModel(model);
    let release!: () => void;
    const chat = createChatService({
      store,
      bus: createEventBus(),
      logger: silentLogger,
      models: { get: () => store.getModel('m'), list: () => store.listModels() },
      persistIntervalMs: 40,
      engine: {
        async generate(_args, { onEvent }) {
          const onDelta = (text: string) => onEvent({ type: 'delta', text });
          onDelta('one ');
          await sleep(60);
          onDelta('two '); // saved at once: the interval has passed
          onDelta('and '); // inside the next interval: not saved at once
          await new Promise<void>((resolve) => (release = resolve)); // then the model stalls
          onDelta('three');
          return { text: 'one two and three', finishReason: 'stop', stats: { promptTokens: 1, completionTokens: 3, tokensPerSecond: 1, timeToFirstTokenMs: 1, backend: 'cpu' } } as never;
        },
        knownContextSize: () => null,
      },
    });
    const messageId = (await chat.turn({ newChat: {}, modelId: 'm', action: { type: 'send', text: 'hi' } })).reply.id;
    await sleep(200);
    // What a crash here would leave: everything the user had seen, still marked streaming.
    expect(store.getMessage(messageId)).toMatchObject({ content: 'one two and ', status: 'streaming' });
    release();
    await expect(chat.whenDone(messageId)).resolves.toMatchObject({ content: 'one two and three', status: 'complete' });
    await chat.dispose();
  });
});

describe('chat service and a model that crashes the engine', () => {
  it('marks the model broken when the engine dies while loading it, and not when it dies mid-reply', async () => {
    const temp = tempStore();
    cleanup = temp.cleanup;
    const { store } = temp;
    store.upsertModel(model);
    const marked: Array<[string, string]> = [];
    let crashWhile: 'loading' | 'generating' = 'loading';
    const crash = () => Object.assign(new Error('The inference engine stopped unexpectedly (signal SIGSEGV).'), { code: 'ENGINE_CRASHED' });
    const chat = createChatService({
      store,
      bus: createEventBus(),
      logger: silentLogger,
      models: { get: () => store.getModel('m'), list: () => store.listModels(), markBroken: (id, reason) => void marked.push([id, reason]) },
      engine: {
        async generate(_args, { onEvent }) {
          onEvent({ type: 'loading', progress: 0.3 });
          if (crashWhile === 'generating') {
            onEvent({ type: 'generating', context: { windowTokens: 128, systemTokens: 0, historyTokens: 0, newMessageTokens: 2, reservedTokens: 64, includedMessages: 0, leftOutMessages: 0, oldestIncludedId: null } });
            onEvent({ type: 'delta', text: 'half a rep' });
          }
          throw crash();
        },
        knownContextSize: () => null,
      },
    });
    const first = await chat.turn({ newChat: {}, modelId: 'm', action: { type: 'send', text: 'hi' } });
    await expect(chat.whenDone(first.reply.id)).resolves.toMatchObject({ status: 'error', finishReason: 'crashed' });
    expect(marked).toEqual([['m', expect.stringMatching(/stopped while loading it: The inference engine stopped unexpectedly/)]]);
    crashWhile = 'generating';
    const second = await chat.turn({ chatId: first.chat.id, action: { type: 'send', text: 'again' } });
    await expect(chat.whenDone(second.reply.id)).resolves.toMatchObject({ status: 'error', content: 'half a rep' });
    expect(marked).toHaveLength(1);
    await chat.dispose();
  });
});
