import { APP_HOST, APP_INDEX_URL, APP_SCHEME } from './appProtocol.js';

/** Where the window's page comes from: the built renderer over app://, or Vite's dev server (HEARTH_DEV_URL). */
export interface AppLocation {
  /** app://hearth/index.html, served from dist/renderer by appProtocol.ts. */
  indexUrl: string;
  /** The dev server's origin when HEARTH_DEV_URL is set; null for a built app. */
  devOrigin: string | null;
}

export function appLocation(devUrl: string | undefined): AppLocation {
  let devOrigin: string | null = null;
  if (devUrl) {
    const parsed = new URL(devUrl);
    // Only a local dev server: HEARTH_DEV_URL must not turn the window into a browser for a remote site.
    if (parsed.protocol !== 'http:' || !['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname)) {
      throw new Error(`HEARTH_DEV_URL must be an http://localhost or http://127.0.0.1 address, got ${devUrl}`);
    }
    devOrigin = parsed.origin;
  }
  return { indexUrl: APP_INDEX_URL, devOrigin };
}

/**
 * True for our own page only: exactly app://hearth/index.html (a file: page,
 * even our own index.html, is not the app: the packaged build never loads
 * from file:); the dev server must match by origin.
 * The hash and query are ignored: the renderer may route with them.
 */
export function isAppUrl(url: string, app: AppLocation): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (app.devOrigin) return parsed.origin === app.devOrigin;
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return false;
  return parsed.pathname === new URL(app.indexUrl).pathname;
}

/** A link the user may open in their browser (after confirming): http and https only, never file:, javascript:, custom schemes. */
export function externalLink(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    if (parsed.username || parsed.password) return null; // "https://trusted.example@evil.example" tricks
    return parsed.href;
  } catch {
    return null;
  }
}
