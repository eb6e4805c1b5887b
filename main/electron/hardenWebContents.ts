// Type-only: the wiring stays free of a runtime 'electron' import, so tests drive it with fakes in plain Node.
import type { WebContents } from 'electron';
import type { RpcLogger } from '../rpc/dispatch.js';
import type { AppLocation } from './appUrl.js';
import { navigationDecision, windowOpenDecision } from './securityPolicy.js';

export type WebContentsHooks = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

export interface HardenWebContentsOptions {
  location: AppLocation;
  /** Asks the user, then opens an http(s) link in the OS browser (security.ts: dialog + shell). */
  openExternal(url: string): void;
  logger?: RpcLogger;
}

/**
 * Every web contents (the window, and anything a bug might create): no
 * navigation away from the app, no redirects, no <webview>, no new windows.
 * Links go to the OS browser only through openExternal's confirmation.
 */
export function hardenWebContents(contents: WebContentsHooks, { location, openExternal, logger }: HardenWebContentsOptions): void {
  const offer = (external: string | null, url: string) => {
    if (external) openExternal(external);
    else logger?.warn(`blocked a link with an unsupported scheme: ${url.slice(0, 100)}`);
  };
  const guard = (event: Electron.Event, url: string) => {
    const decision = navigationDecision(url, location);
    if (decision.action === 'allow') return;
    event.preventDefault();
    offer(decision.external, url);
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const decision = windowOpenDecision(url);
    offer(decision.external, url);
    return { action: decision.action };
  });
}
