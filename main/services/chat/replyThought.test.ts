import { afterEach, describe, expect, it } from 'vitest';
import { methods, type EventName, type ModelRecord, type PayloadOf } from '../../contract/index.js';
import type { GenerateArgs, GenerateEvent, GenerateResult } from '../engine/engineOps.js';
import { createEventBus } from '../events/eventBus.js';
import { silentLogger } from '../log/createLogger.js';
import { tempStore } from '../store/tempStore.js';
import { createChatService } from './createChatService.js';

const model = {
  id: 'm',
  name: 'm',
  path: '/nowhere/m.gguf',
  source: 'link',
  sizeBytes: 1,
  sha256: null,
  architecture: 'qwen3',
  parameters: 1,
  quantization: 'F32',
  contextLength: 4096,
  hasChatTemplate: true,
  addedAt: 0,
} as ModelRecord;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const stats = { promptTokens: 5, completionTokens: 9, thoughtTokens: 6, tokensPerSecond: 10, timeToFirstTokenMs: 1, backend: 'cpu', modelId: 'm' } as const;

/** One scripted step of the fake engine: a delta (thought or answer), or a wait. */
type Step = { thought: string } | { answer: string } | { wait: Promise<unknown> };

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

/** A chat service over a real store and a fake engine that plays `script` for each reply and records every generate call. */
function setup(script: () => Step[], result?: (args: GenerateArgs) => Partial<GenerateResult>) {
  const temp = tempStore();
  cleanup = temp.cleanup;
  const { store } = temp;
  store.upsertModel(model);
  const bus = createEventBus();
  const events: Array<{ event: EventName; payload: unknown }> = [];
  bus.subscribe((event, payload) => void events.push({ event, payload }));
  const calls: GenerateArgs[] = [];
  const chat = createChatService({
    store,
    bus,
    logger: silentLogger,
    models: { get: () => store.getModel('m'), list: () => store.listModels() },
    persistIntervalMs: 30,
    engine: {
      async generate(args, { onEvent, signal }: { onEvent: (e: GenerateEvent) => void; signal: AbortSignal }) {
        calls.push(args);
        let text = '';
        let thought = '';
        for (const step of script()) {
          if (signal.aborted) throw Object.assign(new Error('stopped'), { code: 'ABORTED' });
          if ('wait' in step) await step.wait;
          else if ('thought' in step) {
            thought += step.thought;
            onEvent({ type: 'delta', text: step.thought, segment: 'thought' });
          } else {
            text += step.answer;
            onEvent({ type: 'delta', text: step.answer });
          }
        }
        if (signal.aborted) throw Object.assign(new Error('stopped'), { code: 'ABORTED' });
        return {
          text,
          thought: thought ? { text: thought, durationMs: 1400, tokens: 6 } : null,
          finishReason: 'eos',
          stats,
          context: { windowTokens: 4096, systemTokens: 0, historyTokens: 0, newMessageTokens: 2, reservedTokens: 64, includedMessages: 0, leftOutMessages: 0, oldestIncludedId: null },
          ...result?.(args),
        } as GenerateResult;
      },
      knownContextSize: () => null,
    },
  });
  const of = <E extends EventName>(event: E) => events.filter((e) => e.event === event).map((e) => e.payload as PayloadOf<E>);
  return { store, chat, calls, of };
}

describe('a reasoning model’s reply', () => {
  it('streams the thought as thought deltas, stores it apart from the answer, and sends it with chat.done', async () => {
    const { store, chat, of } = setup(() => [{ thought: 'The user greets. ' }, { thought: 'Greet back.' }, { answer: 'Hello' }, { answer: ' there!' }]);
    const turn = await chat.turn({ newChat: {}, modelId: 'm', action: { type: 'send', text: 'hi' } });
    const stored = await chat.whenDone(turn.reply.id);
    expect(stored).toMatchObject({ content: 'Hello there!', thought: { text: 'The user greets. Greet back.', durationMs: 1400, tokens: 6 }, status: 'complete' });
    expect(store.getMessage(turn.reply.id)).toEqual(stored);
    expect(of('chat.delta').map(({ seq, text, segment }) => ({ seq, text, segment }))).toEqual([
      { seq: 0, text: 'The user greets. ', segment: 'thought' },
      { seq: 1, text: 'Greet back.', segment: 'thought' },
      { seq: 2, text: 'Hello', segment: undefined },
      { seq: 3, text: ' there!', segment: undefined },
    ]);
    const [done] = of('chat.done');
    expect(done).toMatchObject({ content: 'Hello there!', thought: { text: 'The user greets. Greet back.', tokens: 6 }, stats: { thoughtTokens: 6 } });
    await chat.dispose();
  });

  it('persists the thought as it streams, before any answer, so a crash keeps it', async () => {
    let release!: () => void;
    const stall = new Promise<void>((resolve) => (release = resolve));
    const { store, chat } = setup(() => [{ thought: 'Step one. ' }, { wait: sleep(50) }, { thought: 'Step two.' }, { wait: stall }, { answer: 'Done.' }]);
    const turn = await chat.turn({ newChat: {}, modelId: 'm', action: { type: 'send', text: 'plan' } });
    await sleep(150);
    // What a crash here would leave: the thought so far, no answer yet, still streaming.
    expect(store.getMessage(turn.reply.id)).toMatchObject({ content: '', status: 'streaming', thought: { text: 'Step one. Step two.' } });
    release();
    await expect(chat.whenDone(turn.reply.id)).resolves.toMatchObject({ content: 'Done.', thought: { text: 'Step one. Step two.' } });
    await chat.dispose();
  });

  it('keeps the thought when the reply is stopped while thinking', async () => {
    let release!: () => void;
    const stall = new Promise<void>((resolve) => (release = resolve));
    const { chat, of } = setup(() => [{ thought: 'Hmm, let me see' }, { wait: stall }, { answer: 'never' }]);
    const turn = await chat.turn({ newChat: {}, modelId: 'm', action: { type: 'send', text: 'hard one' } });
    await sleep(20);
    chat.stop(turn.reply.id);
    release();
    const stored = await chat.whenDone(turn.reply.id);
    expect(stored).toMatchObject({ content: '', finishReason: 'aborted', thought: { text: 'Hmm, let me see' } });
    expect(of('chat.done')[0]).toMatchObject({ finishReason: 'aborted', thought: { text: 'Hmm, let me see' } });
    await chat.dispose();
  });

  it('stores no thought and sends null for a model that does not think', async () => {
    const { chat, of } = setup(() => [{ answer: 'Plain.' }]);
    const turn = await chat.turn({ newChat: {}, modelId: 'm', action: { type: 'send', text: 'hi' } });
    const stored = await chat.whenDone(turn.reply.id);
    expect(stored.content).toBe('Plain.');
    expect(stored.thought).toBeUndefined();
    expect(of('chat.done')[0]!.thought).toBeNull();
    expect(of('chat.delta').every((d) => d.segment === undefined)).toBe(true);
    await chat.dispose();
  });
});

describe('the next turn and the chat’s thinking settings', () => {
  it('gives the next prompt the earlier answers only, never their thoughts', async () => {
    const { chat, calls } = setup(() => [{ thought: 'SECRET-REASONING' }, { answer: 'Paris.' }]);
    const first = await chat.turn({ newChat: {}, modelId: 'm', action: { type: 'send', text: 'Capital of France?' } });
    await chat.whenDone(first.reply.id);
    const second = await chat.turn({ chatId: first.chat.id, action: { type: 'send', text: 'And of Italy?' } });
    await chat.whenDone(second.reply.id);
    expect(calls[1]!.history).toEqual([
      { id: first.userMessage.id, role: 'user', content: 'Capital of France?' },
      { id: first.reply.id, role: 'assistant', content: 'Paris.' },
    ]);
    expect(JSON.stringify(calls[1])).not.toContain('SECRET-REASONING');
    await chat.dispose();
  });

  it('skips an earlier reply that only thought (no answer) in the next prompt', async () => {
    let n = 0;
    const { chat, calls } = setup(() => (n++ === 0 ? [{ thought: 'thinking only' }] : [{ answer: 'ok' }]));
    const first = await chat.turn({ newChat: {}, modelId: 'm', action: { type: 'send', text: 'one' } });
    await chat.whenDone(first.reply.id);
    const second = await chat.turn({ chatId: first.chat.id, action: { type: 'send', text: 'two' } });
    await chat.whenDone(second.reply.id);
    expect(calls[1]!.history).toEqual([{ id: first.userMessage.id, role: 'user', content: 'one' }]);
    await chat.dispose();
  });

  it("passes the chat's thinking switch and budget to the engine: auto and no cap until changed", async () => {
    const { chat, calls } = setup(() => [{ answer: 'ok' }]);
    const first = await chat.turn({ newChat: {}, modelId: 'm', action: { type: 'send', text: 'one' } });
    await chat.whenDone(first.reply.id);
    expect(calls[0]!.thinking).toEqual({ mode: 'auto', budget: null });
    expect(chat.updateChat(first.chat.id, { thinking: 'off', thinkingBudget: 256 })).toMatchObject({ thinking: 'off', thinkingBudget: 256 });
    const second = await chat.turn({ chatId: first.chat.id, action: { type: 'send', text: 'two' } });
    await chat.whenDone(second.reply.id);
    expect(calls[1]!.thinking).toEqual({ mode: 'off', budget: 256 });
    await chat.dispose();
  });

  it("a new chat's first reply already uses the thinking settings it was created with", async () => {
    const { chat, calls } = setup(() => [{ answer: 'ok' }]);
    const first = await chat.turn({ newChat: { thinking: 'on', thinkingBudget: 64 }, modelId: 'm', action: { type: 'send', text: 'one' } });
    await chat.whenDone(first.reply.id);
    expect(calls[0]!.thinking).toEqual({ mode: 'on', budget: 64 });
    expect(first.chat).toMatchObject({ thinking: 'on', thinkingBudget: 64 });
    await chat.dispose();
  });

  it('chats.update validates the switch and the budget at the boundary', () => {
    const params = methods['chats.update'].params;
    const chatId = '00000000-0000-4000-8000-000000000000';
    expect(params.safeParse({ chatId, thinking: 'on', thinkingBudget: 1024 }).success).toBe(true);
    expect(params.safeParse({ chatId, thinkingBudget: null }).success).toBe(true);
    expect(params.safeParse({ chatId, thinking: 'maybe' }).success).toBe(false);
    expect(params.safeParse({ chatId, thinkingBudget: 0 }).success).toBe(false);
    expect(params.safeParse({ chatId, thinkingBudget: 1.5 }).success).toBe(false);
  });
});
