/**
 * The page e2e/thinking.spec.ts drives in Chromium: the real App, store and
 * components over an in-memory fake of main (as renderer/bench does), with a
 * reasoning model installed. Main's side of a reply is played by the spec
 * through window.hearthFake: each call pushes the events main would push
 * (chat.delta with or without segment 'thought', then chat.done) over the same
 * client the real transports implement. What the real engine sends is covered
 * by the engine's scripted-stream tests; this covers what the UI makes of it.
 */
import { createRoot } from 'react-dom/client';
import type { ModelFamily, Thought } from '../../main/contract/index.js';
import { App } from '../src/features/shell/App.js';
import { streamingMessageId } from '../src/store/chatSlice.js';
import { bindClient, createHearthStore } from '../src/store/createHearthStore.js';
import { StoreProvider } from '../src/store/StoreContext.js';
import { createFakeBackend } from '../src/test/fakeBackend.js';
import { makeModel } from '../src/test/fixtures.js';
import '../src/styles/tokens.css';
import '../src/styles/app.css';
import '../src/styles/chat.css';
import '../src/styles/pages.css';
import '../src/styles/highlight.css';

export interface HearthFake {
  /** The reply being written now (after a send), or null. */
  replyId(): string | null;
  /** A piece of the model's thinking. */
  think(text: string): void;
  /** A piece of the answer. */
  answer(text: string): void;
  /** The reply ends as main ends it: chat.done with the stored answer and the engine's thought. */
  done(thought: Pick<Thought, 'durationMs' | 'tokens'>): void;
}

const family: ModelFamily = { architecture: 'qwen3', chatWrapper: 'QwenChatWrapper', templateFallback: null, thinking: 'hybrid', tools: true, trainedContext: 32_768, contextUsed: 4096, licence: 'apache-2.0', catalogId: null };
const backend = createFakeBackend([makeModel({ id: 'qwen3-0.6b', name: 'Qwen3 0.6B', architecture: 'qwen3', loaded: true, family })]);
const store = createHearthStore(backend.client);
bindClient(store, backend.client);

let seq = 0;
let thought = '';
let content = '';

function current(): { chatId: string; messageId: string } {
  const s = store.getState();
  const messageId = streamingMessageId(s, s.activeChatId);
  if (!s.activeChatId || !messageId) throw new Error('no reply is being written: send a message first');
  return { chatId: s.activeChatId, messageId };
}

const fake: HearthFake = {
  replyId: () => streamingMessageId(store.getState(), store.getState().activeChatId),
  think(text) {
    thought += text;
    backend.client.emit('chat.delta', { ...current(), seq: seq++, text, segment: 'thought' });
  },
  answer(text) {
    content += text;
    backend.client.emit('chat.delta', { ...current(), seq: seq++, text });
  },
  done({ durationMs, tokens }) {
    const { chatId, messageId } = current();
    const final: Thought = { text: thought, durationMs, tokens };
    const stats = { promptTokens: 14, completionTokens: tokens + 12, thoughtTokens: tokens, tokensPerSecond: 31, timeToFirstTokenMs: 90, totalMs: 15_000, backend: 'cpu' as const, modelId: 'qwen3-0.6b' };
    // What main stored: a later chats.get reads the same reply.
    const list = backend.messages.get(chatId)!;
    const i = list.findIndex((m) => m.id === messageId);
    list[i] = { ...list[i]!, content, thought: final, status: 'complete', finishReason: 'eos', stats };
    backend.client.emit('chat.done', { chatId, messageId, content, thought: final, finishReason: 'eos', stats, error: null, routing: null, context: null });
    seq = 0;
    thought = '';
    content = '';
  },
};

async function start() {
  await store.getState().syncAll();
  createRoot(document.getElementById('root')!).render(
    <StoreProvider store={store}>
      <App shell="browser" />
    </StoreProvider>,
  );
  (window as unknown as { hearthFake: HearthFake }).hearthFake = fake;
}

void start();
