import { APP_HOST, APP_SCHEME } from './appProtocol.js';
import type { AppLocation } from './appUrl.js';

/** Schemes Chromium serves from memory or from itself: no request of theirs leaves the machine. */
const LOCAL_SCHEMES: ReadonlySet<string> = new Set(['data:', 'blob:', 'devtools:', 'chrome-devtools:', 'chrome-extension:', 'chrome:']);

/**
 * What the app's window may request: its own files (app://hearth, the built
 * renderer's folder), the dev server in development, and in-memory schemes. Everything
 * else, http(s), ws(s), ftp and file: (any file at all), is refused by the session,
 * whether offline mode is on or not: the window has no reason to reach the
 * network, and the CSP says the same from inside the page. Pure, so it is
 * tested in plain Node; security.ts wires it to session.webRequest.
 */
export function isAllowedRequest(url: string, app: AppLocation): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (LOCAL_SCHEMES.has(parsed.protocol)) return true;
  // app://hearth serves only dist/renderer (appProtocol.ts refuses any path out of it); file: is never the app.
  if (parsed.protocol === `${APP_SCHEME}:`) return !app.devOrigin && parsed.host === APP_HOST;
  if (app.devOrigin) {
    const dev = new URL(app.devOrigin);
    if (parsed.origin === dev.origin) return true;
    // Vite's hot-reload socket: same host and port, ws: scheme.
    return parsed.protocol === 'ws:' && parsed.host === dev.host;
  }
  return false;
}
