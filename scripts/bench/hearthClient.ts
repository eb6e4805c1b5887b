/**
 * The renderer's stand-in for the engine and raw benchmarks: a WebSocket
 * client of browser mode in its own process, as a renderer is in its own. A
 * client inside the app's process would read every frame only when the app's
 * main thread is free, so each reply's last delta would arrive with chat.done,
 * after the final commit of the reply.
 * Usage: hearthClient.ts <port> <token>; JSON lines {cmd:'run', modelId, text, maxTokens, seed} in, one Run per line out.
 */
import readline from 'node:readline';
import { connectRpc, type RpcClient } from '../../test/durability/rpcClient.js';
import type { Run } from './engineBench.js';

/**
 * One reply through Hearth's whole chat path, timed where the renderer sees
 * it: frames on the WebSocket of browser mode (engine process, chat service,
 * store, event bus and transport all included).
 */
export async function hearthRun(client: RpcClient, modelId: string, text: string, maxTokens: number, seed: number): Promise<Run> {
  let firstDelta = 0;
  let lastDelta = 0;
  let done = 0;
  let messageId = '';
  let tokens = 0;
  let routing = null as { domain?: string; systemPrompt?: string | null } | null;
  let promptTokens = 0;
  let engineTps = 0;
  const early: Array<[string, Record<string, unknown>, number]> = [];
  const onFrame = (event: string, p: Record<string, unknown>, at: number) => {
    if (event === 'chat.delta') {
      if (firstDelta === 0) firstDelta = at;
      lastDelta = at;
    } else if (event === 'chat.done') {
      done = at;
      tokens = (p.stats as { completionTokens?: number } | null)?.completionTokens ?? 0;
      promptTokens = (p.stats as { promptTokens?: number } | null)?.promptTokens ?? 0;
      engineTps = (p.stats as { tokensPerSecond?: number } | null)?.tokensPerSecond ?? 0;
      routing = (p.routing as typeof routing) ?? null;
    }
  };
  const finished = new Promise<void>((resolve) => {
    const off = client.onEvent((event, payload, at) => {
      if (!messageId) return void early.push([event, payload, at]);
      if (payload.messageId !== messageId) return;
      onFrame(event, payload, at);
      if (event === 'chat.done') {
        off();
        resolve();
      }
    });
  });
  const sent = performance.now();
  const result = await client.call<{ reply: { id: string } }>('chat.turn', { newChat: { systemPrompt: '', sampling: { maxTokens, seed } }, modelId, action: { type: 'send', text } });
  messageId = result.reply.id;
  // Frames that arrived before the reply to chat.turn (a fast model's first tokens).
  for (const [event, payload, at] of early) if (payload.messageId === messageId) onFrame(event, payload, at);
  if (done === 0) await finished;
  return {
    tokens,
    // The same events the bare loop times: its first sampled token to its last, in the engine process (the reply's stats).
    tps: engineTps,
    // Delivery, reported apart: first token to last as the deltas reach the renderer (coalescing and transport included).
    deliveredTps: ((tokens - 1) * 1000) / (lastDelta - firstDelta),
    // From the call to the stored reply, so the fixed costs of the path (IPC, store commits) count too.
    e2eTps: (tokens * 1000) / (done - sent),
    ttftMs: firstDelta - sent,
    doneMs: done - lastDelta,
    domain: routing?.domain ?? null,
    systemPrompt: routing?.systemPrompt ?? null,
    promptTokens,
  };
}

const [port, token] = process.argv.slice(2);
const client = await connectRpc(Number(port), token!);
const send = (m: unknown) => process.stdout.write(`${JSON.stringify(m)}\n`);
for await (const line of readline.createInterface({ input: process.stdin })) {
  const msg = JSON.parse(line) as { cmd: string; modelId: string; text: string; maxTokens: number; seed: number };
  if (msg.cmd === 'exit') break;
  try {
    send(await hearthRun(client, msg.modelId, msg.text, msg.maxTokens, msg.seed));
  } catch (error) {
    send({ error: (error as Error).message });
  }
}
client.close();
process.exit(0);
