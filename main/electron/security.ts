import { app, dialog, shell, type BrowserWindow, type Session, type WebContents } from 'electron';
import type { RpcLogger } from '../rpc/dispatch.js';
import type { NetworkPolicyService } from '../services/network/createNetworkPolicy.js';
import { externalLink, isAppUrl, type AppLocation } from './appUrl.js';
import { isAllowedRequest } from './requestFilter.js';

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

/**
 * Permissions the renderer may use. Everything else (camera, microphone,
 * geolocation, notifications, HID, serial, clipboard *read*...) is denied.
 * Writing to the clipboard stays allowed for our own page: the "copy" buttons
 * on replies and code blocks use navigator.clipboard.writeText.
 */
const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

/** http(s) links go to the user's browser, and only after they say so: a model's reply can contain any link. */
export async function confirmOpenExternal(url: string, window: BrowserWindow | null, logger?: RpcLogger): Promise<void> {
  const link = externalLink(url);
  if (!link) {
    logger?.warn(`blocked a link with an unsupported scheme: ${url.slice(0, 100)}`);
    return;
  }
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

function hardenContents(contents: WebContents, opts: SecurityOptions): void {
  const refuse = (event: Electron.Event, url: string) => {
    if (isAppUrl(url, opts.location)) return;
    event.preventDefault();
    void confirmOpenExternal(url, opts.getWindow(), opts.logger).catch((error: unknown) => opts.logger?.warn(`opening a link failed: ${String(error)}`));
  };
  // A link clicked in a reply must never replace the app in its own window.
  contents.on('will-navigate', refuse);
  contents.on('will-redirect', refuse);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    void confirmOpenExternal(url, opts.getWindow(), opts.logger).catch((error: unknown) => opts.logger?.warn(`opening a link failed: ${String(error)}`));
    return { action: 'deny' };
  });
}

/**
 * Electron's security checklist, in one place: CSP as a response header,
 * permissions denied, no navigation away from the app, no webviews, no new
 * windows, and no request from the window's session to anything but the app's
 * own files (requestFilter.ts), each refusal written to the network log.
 * Call before the first window is created.
 */
export function setupSecurity(opts: SecurityOptions): void {
  const { session, location, csp } = opts;

  // Chromium's network stack is not Node's, so the socket guard cannot see it: this is its guard.
  session.webRequest.onBeforeRequest((details, callback) => {
    if (isAllowedRequest(details.url, location)) return callback({});
    opts.network?.recordRefused({ url: details.url, purpose: 'renderer' }, 'the app window never loads anything from the network');
    callback({ cancel: true });
  });

  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = Object.fromEntries(Object.entries(details.responseHeaders ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy'));
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [csp] } });
  });

  const fromApp = (url: string | undefined) => (url ? isAppUrl(url, location) : false);
  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    callback(ALLOWED_PERMISSIONS.has(permission) && fromApp(details.requestingUrl ?? contents?.getURL()));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => {
    return ALLOWED_PERMISSIONS.has(permission) && (fromApp(details.requestingUrl) || (location.devOrigin !== null && requestingOrigin === location.devOrigin));
  });
  session.setDevicePermissionHandler(() => false);

  app.on('web-contents-created', (_event, contents) => hardenContents(contents, opts));
}
