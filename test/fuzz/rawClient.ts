import { WebSocket } from 'ws';
import { WS_PATH, WS_PROTOCOL, WS_TOKEN_PROTOCOL_PREFIX } from '../../main/contract/index.js';
import type { Reply } from './judgeReply.js';

/** Seeded: HEARTH_FUZZ_SEED reproduces a run, HEARTH_FUZZ_CASES sets the payloads per method per transport. */
export const FUZZ = {
  SEED: Number(process.env.HEARTH_FUZZ_SEED ?? 20_251_130),
  PER_METHOD: Number(process.env.HEARTH_FUZZ_CASES ?? 40),
  TOKEN: 'fuzz-token_0123456789abcdefABCDEF',
};

/** A raw client: frames go out exactly as given, replies come back in order (one call at a time). */
export async function rawClient(port: number, token: string) {
  const ws = new WebSocket(`ws://127.0.0.1:${port}${WS_PATH}`, [WS_PROTOCOL, `${WS_TOKEN_PROTOCOL_PREFIX}${token}`], { origin: `http://127.0.0.1:${port}` });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const replies: Reply[] = [];
  let wake: (() => void) | null = null;
  ws.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as Reply & { event?: string };
    if (frame.event !== undefined) return; // services announce changes; only replies are counted
    replies.push(frame);
    wake?.();
  });
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  ws.on('error', () => {});
  return {
    ws,
    closed,
    async send(data: string | Buffer, binary = false): Promise<Reply> {
      ws.send(data, { binary });
      while (replies.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      return replies.shift()!;
    },
  };
}

