import type { Page } from '@playwright/test';
import type { MethodName, ParamsOf, ResultOf } from '../../main/contract/index.js';
import type { HearthApp } from '../hearthApp.js';

/**
 * Calls a contract method the way the page's own client does: through the
 * preload bridge in Electron, over a WebSocket with the run's token in browser
 * mode. For checking what main stored, beside what the UI shows.
 */
/** The reply frame as the page's client receives it, for any params (also invalid ones, to test refusals). */
export interface ReplyFrame {
  ok: boolean;
  result?: unknown;
  error?: { code: string; message: string };
}

/** Only the page and, in browser mode, its URL with the token are used: a spec that starts its own server passes those. */
export type HearthPage = Pick<HearthApp, 'page' | 'url'>;

export async function callHearthRaw(hearth: HearthPage, method: string, params: unknown): Promise<ReplyFrame> {
  const page: Page = hearth.page;
  return page.evaluate(
    async ({ url, method, params }) => {
      const bridge = (window as unknown as { hearth?: { invoke(m: string, p: unknown): Promise<ReplyFrame> } }).hearth;
      if (bridge) return bridge.invoke(method, params);
      const token = new URL(url!).hash.replace('#token=', '');
      const ws = new WebSocket(`ws://${location.host}/rpc`, ['hearth.v1', `hearth.token.${token}`]);
      await new Promise((resolve, reject) => {
        ws.onopen = resolve;
        ws.onerror = reject;
      });
      const answer = new Promise<unknown>((resolve) => {
        ws.onmessage = (e) => {
          const frame = JSON.parse(e.data as string) as { id?: unknown };
          if (frame.id === 1) resolve(frame);
        };
      });
      ws.send(JSON.stringify({ id: 1, method, params }));
      const frame = await answer;
      ws.close();
      return frame as ReplyFrame;
    },
    { url: hearth.url, method, params },
  );
}

export async function callHearth<M extends MethodName>(hearth: HearthPage, method: M, params: ParamsOf<M>): Promise<ResultOf<M>> {
  const reply = await callHearthRaw(hearth, method, params);
  if (!reply.ok) throw new Error(`${method} failed: ${JSON.stringify(reply.error)}`);
  return reply.result as ResultOf<M>;
}
