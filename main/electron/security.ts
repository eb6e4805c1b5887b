import { app, dialog, shell, type BrowserWindow, type Session } from 'electron';
import type { RpcLogger } from '../rpc/dispatch.js';
import type { NetworkPolicyService } from '../services/network/createNetworkPolicy.js';
import type { AppLocation } from './appUrl.js';
import { hardenSession } from './hardenSession.js';
import { hardenWebContents } from './hardenWebContents.js';

export interface SecurityOptions {
  session: Session;
  location: AppLocation;
  csp: string;
  /** The window that owns the "open this link?" dialog. */
  getWindow(): BrowserWindow | null;
  logger?: RpcLogger;
  /** Where refused window requests are logged (the network log). */
  network?: Pick<NetworkPolicyService, 'recordRefused'>;
}

/** An http(s) link (securityPolicy already vetted it) goes to the user's browser, and only after they say so: a model's reply can contain any link. */
export async function confirmOpenExternal(link: string, window: BrowserWindow | null): Promise<void> {
  const options = {
    type: 'question' as const,
    buttons: ['Open in browser', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    title: 'Open link',
    message: 'Open this link in your web browser?',
    detail: `${link.slice(0, 500)}\n\nHearth works offline; the page will load from the internet.`,
  };
  const { response } = window && !window.isDestroyed() ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
  if (response === 0) await shell.openExternal(link);
}

/**
 * Electron's security checklist, in one place: CSP as a response header,
 * permissions denied, no navigation away from the app, no webviews, no new
 * windows, and no request from the window's session to anything but the app's
 * own files, each refusal written to the network log. The decisions live in securityPolicy.ts and the wiring in
 * hardenSession.ts / hardenWebContents.ts, all tested without Electron; this
 * file only supplies the dialog and the app hook. Call before the first window.
 */
export function setupSecurity(opts: SecurityOptions): void {
  const { location, logger } = opts;
  hardenSession(opts.session, { location, csp: opts.csp, network: opts.network });
  const openExternal = (link: string) => {
    void confirmOpenExternal(link, opts.getWindow()).catch((error: unknown) => logger?.warn(`opening a link failed: ${String(error)}`));
  };
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, { location, openExternal, logger }));
}
