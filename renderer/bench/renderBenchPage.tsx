/**
 * The page `npm run bench -- --only render` drives in Chromium: the real App,
 * store and components over an in-memory fake of main, showing one chat of
 * `?messages=N` messages whose last reply is streaming. The script calls
 * window.hearthBench.deltas(k) and gets, per delta, the time from dispatch
 * (inside an animation frame, as the client's frame-batched flush does) to the
 * end of that frame's rendering work.
 */
import { createRoot } from 'react-dom/client';
import type { Message } from '../../main/contract/index.js';
import { App } from '../src/features/shell/App.js';
import { bindClient, createHearthStore } from '../src/store/createHearthStore.js';
import { StoreProvider } from '../src/store/StoreContext.js';
import { createFakeBackend } from '../src/test/fakeBackend.js';
import { makeChat, makeMessage, makeModel } from '../src/test/fixtures.js';
import '../src/styles/tokens.css';
import '../src/styles/app.css';
import '../src/styles/chat.css';
import '../src/styles/pages.css';
import '../src/styles/highlight.css';

export interface RenderBench {
  messages: number;
  /** Rows the virtualiser has in the DOM. */
  rowsInDom(): number;
  /** k deltas, one per frame; per delta, ms from dispatch to the end of its frame's rendering. */
  deltas(k: number): Promise<number[]>;
  /** k frames with no delta: what a frame costs the page by itself. */
  idleFrames(k: number): Promise<number[]>;
  /** Characters of the streaming reply so far. */
  replyLength(): number;
}

const CHAT = 'bench';
const REPLY = 'live';

/** Replies like a model's: paragraphs, a list, a fenced code block, so rows have different heights and Markdown. */
const ANSWER = [
  'Write-ahead logging keeps **every change** in a separate file first, so readers never wait for a writer.',
  '',
  '1. The writer appends pages to the WAL.',
  '2. A checkpoint copies them back into the database.',
  '3. Readers see a consistent snapshot the whole time.',
  '',
  '```ts',
  "db.pragma('journal_mode = WAL');",
  "db.pragma('synchronous = FULL');",
  '```',
  '',
  'With `synchronous = FULL` a commit survives a power cut; the cost is one more fsync per transaction.',
  '',
].join('\n');

function history(count: number): Message[] {
  const out: Message[] = [];
  for (let i = 0; i < count - 1; i++) {
    const user = i % 2 === 0;
    out.push(
      makeMessage({
        id: `m${i}`,
        chatId: CHAT,
        role: user ? 'user' : 'assistant',
        content: user ? `Question ${i}: how does SQLite keep readers and a writer apart?` : ANSWER,
        modelId: user ? null : 'tiny',
        stats: user ? null : { promptTokens: 40, completionTokens: 120, timeToFirstTokenMs: 80, tokensPerSecond: 30, totalMs: 4000, backend: 'cpu', modelId: 'tiny' },
      }),
    );
  }
  out.push(makeMessage({ id: REPLY, chatId: CHAT, role: 'assistant', status: 'streaming', content: 'Sure. ', modelId: 'tiny' }));
  return out;
}

/** The reply's text in pieces of about four tokens, as coalesced deltas carry it. */
const PIECES = ANSWER.match(/(?:\S+\s*){1,4}|\s+/g) ?? [ANSWER];

const messages = Number(new URLSearchParams(location.search).get('messages') ?? 10);
const backend = createFakeBackend([makeModel({ id: 'tiny', loaded: true })]);
backend.addChat(makeChat({ id: CHAT, title: 'Bench chat', modelId: 'tiny' }), history(messages));
const store = createHearthStore(backend.client);
// As main.tsx does (the connection shows as open); deltas below skip its 50 ms batching and apply one per frame.
bindClient(store, backend.client);
let seq = 0;

const afterFrame = (t0: number) =>
  new Promise<number>((resolve) => {
    // A task posted during the frame's callbacks runs after that frame's style, layout and paint.
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve(performance.now() - t0);
    channel.port2.postMessage(null);
  });

function frames(k: number, work: () => void): Promise<number[]> {
  const out: number[] = [];
  return new Promise((resolve) => {
    const step = () =>
      requestAnimationFrame(() => {
        const t0 = performance.now();
        work();
        void afterFrame(t0).then((ms) => {
          out.push(ms);
          if (out.length < k) step();
          else resolve(out);
        });
      });
    step();
  });
}

const bench: RenderBench = {
  messages,
  rowsInDom: () => document.querySelectorAll('[data-testid=message-row]').length,
  deltas: (k) =>
    frames(k, () => {
      const text = PIECES[seq % PIECES.length]!;
      store.getState().applyDeltas([{ chatId: CHAT, messageId: REPLY, seq: seq++, text }]);
    }),
  idleFrames: (k) => frames(k, () => {}),
  replyLength: () => store.getState().messagesById[REPLY]?.content.length ?? 0,
};

async function start() {
  await store.getState().syncAll();
  store.getState().selectChat(CHAT);
  createRoot(document.getElementById('root')!).render(
    <StoreProvider store={store}>
      <App shell="browser" />
    </StoreProvider>,
  );
  const deadline = performance.now() + 30_000;
  while (!document.querySelector(`[data-message-id=${REPLY}]`)) {
    if (performance.now() > deadline) throw new Error('the streaming reply never appeared');
    await new Promise((r) => setTimeout(r, 20));
  }
  (window as unknown as { hearthBench: RenderBench }).hearthBench = bench;
}

void start();
