import { pathToFileURL } from 'node:url';

/** Where the window's page comes from: the built index.html, or Vite's dev server (HEARTH_DEV_URL). */
export interface AppLocation {
  /** file:// URL of dist/renderer/index.html. */
  indexUrl: string;
  /** The dev server's origin when HEARTH_DEV_URL is set; null for a built app. */
  devOrigin: string | null;
}

export function appLocation(indexFile: string, devUrl: string | undefined): AppLocation {
  let devOrigin: string | null = null;
  if (devUrl) {
    const parsed = new URL(devUrl);
    // Only a local dev server: HEARTH_DEV_URL must not turn the window into a browser for a remote site.
    if (parsed.protocol !== 'http:' || !['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname)) {
      throw new Error(`HEARTH_DEV_URL must be an http://localhost or http://127.0.0.1 address, got ${devUrl}`);
    }
    devOrigin = parsed.origin;
  }
  return { indexUrl: pathToFileURL(indexFile).href, devOrigin };
}

/**
 * True for our own page only. file: URLs must be exactly our index.html (any
 * other file on disk is not the app); the dev server must match by origin.
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
  if (parsed.protocol !== 'file:') return false;
  const index = new URL(app.indexUrl);
  return parsed.pathname === index.pathname && parsed.host === index.host;
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
