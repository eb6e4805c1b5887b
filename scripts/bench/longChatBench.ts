/**
 * Time to first token in a long chat: the same new message sent to chats with
 * 10, 1,000 and 10,000 earlier messages, interleaved, on the real services
 * (store, router, chat turn, engine process) and the small fixture model
 * (a 4,096-token context).
 *
 * Every earlier message is long enough that the 10 of the shortest chat
 * already overflow the model's context, so each prompt holds the same amount
 * of history and the engine evaluates as many tokens in all three: what grows
 * with the chat is only Hearth's own work (reading the history, choosing what
 * fits), which is what the ratio measures. Both sides of the ratio time the
 * same events: chat.turn called -> first chat.delta of that reply on the bus.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServices, type Services } from '../../main/app/createServices.js';
import { fixturePath } from '../../test/fixtures.js';
import { median, spreadPct } from './stats.js';

export const LONGCHAT_SIZES = [10, 1_000, 10_000] as const;

export interface LongChatRow {
  earlierMessages: number;
  ttftMs: number;
  spreadPct: number;
  /** What the last reply's prompt held: the same in every row when the bench is fair. */
  includedMessages: number;
  leftOutMessages: number;
  promptTokens: number;
}

export interface LongChatResult {
  rows: LongChatRow[];
  /** TTFT at 10,000 earlier messages over TTFT at 10. */
  ratio: number;
  reps: number;
  contextSize: number;
}

const PARAGRAPH =
  'The lighthouse keeper climbed the spiral stairs every evening, counting the steps, checking the lamp, writing the weather in a small book with a green cover. ';

function fillChat(s: Services, modelId: string, count: number): string {
  const chat = s.chat.createChat({ title: `longchat ${count}`, modelId });
  s.store.transaction(() => {
    for (let i = 0; i < count; i++) {
      s.store.addMessage({ chatId: chat.id, role: i % 2 === 0 ? 'user' : 'assistant', content: `${i}: ${PARAGRAPH.repeat(12)}` });
    }
  });
  return chat.id;
}

async function ttft(s: Services, chatId: string, modelId: string, seed: number): Promise<{ ms: number; row: Omit<LongChatRow, 'earlierMessages' | 'ttftMs' | 'spreadPct'> }> {
  let first = 0;
  let replyId: string | null = null;
  const early: Array<[string, number]> = [];
  const off = s.bus.subscribe((event, payload) => {
    if (event !== 'chat.delta' || first) return;
    const at = performance.now();
    const id = (payload as { messageId: string }).messageId;
    if (replyId === null) early.push([id, at]);
    else if (id === replyId) first = at;
  });
  const started = performance.now();
  const turn = await s.chat.turn({ chatId, modelId, action: { type: 'send', text: `And what did he write on day ${seed}?` } });
  replyId = turn.reply.id;
  first ||= early.find(([id]) => id === replyId)?.[1] ?? 0;
  const reply = await s.chat.whenDone(replyId);
  off();
  if (reply.status !== 'complete' || !reply.context || !reply.stats) throw new Error(`longchat: the reply failed: ${reply.error}`);
  if (!first) throw new Error('longchat: the reply produced no token (raise maxTokens or change the seed)');
  // Keep the chat at its size: the turn's two messages go again.
  s.store.deleteMessagesFrom(turn.userMessage.id);
  return { ms: first - started, row: { includedMessages: reply.context.includedMessages, leftOutMessages: reply.context.leftOutMessages, promptTokens: reply.stats.promptTokens } };
}

export async function runLongChatBench(options: { reps: number; log: (line: string) => void }): Promise<LongChatResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-longchat-'));
  const contextSize = 4096;
  const s = await createServices({ dataDir, shell: 'browser', networkGuard: false });
  try {
    s.store.updateSettings({ engine: { threads: 1, contextSize } });
    await s.engine.configure(s.store.getSettings().engine);
    const modelId = (await s.models.add(fixturePath('small'), { mode: 'link' })).id;
    // A short, fixed reply: the first token is what is timed; sampling is seeded so each side decodes alike.
    s.store.updateSettings({ defaultModelId: modelId });
    const chats = LONGCHAT_SIZES.map((n) => ({ n, chatId: fillChat(s, modelId, n) }));
    for (const c of chats) s.chat.updateChat(c.chatId, { sampling: { maxTokens: 2, seed: 7, temperature: 0 } });
    options.log(`longchat: chats of ${LONGCHAT_SIZES.join(', ')} earlier messages, ${options.reps} interleaved rounds`);
    for (const c of chats) await ttft(s, c.chatId, modelId, 0); // warm-up: model load, caches, JIT
    const samples = new Map<number, number[]>(LONGCHAT_SIZES.map((n) => [n, []]));
    const last = new Map<number, Omit<LongChatRow, 'earlierMessages' | 'ttftMs' | 'spreadPct'>>();
    for (let r = 1; r <= options.reps; r++) {
      // Rotate the order each round, so drift of the machine falls on every size alike.
      const order = chats.map((_, i) => chats[(i + r) % chats.length]!);
      for (const c of order) {
        const { ms, row } = await ttft(s, c.chatId, modelId, r);
        samples.get(c.n)!.push(ms);
        last.set(c.n, row);
      }
    }
    const rows = LONGCHAT_SIZES.map((n) => ({ earlierMessages: n, ttftMs: median(samples.get(n)!), spreadPct: spreadPct(samples.get(n)!), ...last.get(n)! }));
    const [shortest, , longest] = rows;
    // Within 2 %: the message numbers are longer in longer chats ("9:" against "9999:"); more would be other work.
    if (rows.some((row) => Math.abs(row.promptTokens - shortest!.promptTokens) > 0.02 * shortest!.promptTokens)) {
      throw new Error(`longchat: the prompts differ in size (${rows.map((row) => row.promptTokens).join(' / ')} tokens): the comparison would not be like for like`);
    }
    return { rows, ratio: longest!.ttftMs / shortest!.ttftMs, reps: options.reps, contextSize };
  } finally {
    await s.dispose();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export function printLongChatTable(result: LongChatResult): void {
  console.log(`\nlongchat: time to first token with more earlier messages (small fixture, ${result.contextSize}-token context, ${result.reps} interleaved rounds)`);
  console.table(
    result.rows.map((r) => ({
      'earlier messages': r.earlierMessages,
      'TTFT ms (median)': r.ttftMs.toFixed(1),
      'spread %': r.spreadPct.toFixed(1),
      'in prompt': r.includedMessages,
      'left out': r.leftOutMessages,
      'prompt tokens': r.promptTokens,
    })),
  );
  console.log(`TTFT at 10,000 / TTFT at 10: ${result.ratio.toFixed(3)} (bound: 1.2)`);
}
