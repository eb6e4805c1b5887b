import fs from 'node:fs';
import path from 'node:path';

/** What Vite emits for the renderer; anything else is served as a download, never sniffed. */
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function mimeType(file: string): string {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export type StaticLookup =
  | { kind: 'file'; file: string; size: number }
  /** No such file and the path looks like a route (no extension): the SPA's index.html answers. */
  | { kind: 'fallback' }
  | { kind: 'not-found' }
  | { kind: 'bad-request' };

/**
 * Maps a request path onto a file under `root`, refusing anything that would
 * leave it: encoded dots and slashes, backslashes, NUL, dotfiles, and symlinks
 * that point outside (the real path is checked, not just the joined one).
 */
export function lookupStatic(root: string, pathname: string): StaticLookup {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { kind: 'bad-request' };
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return { kind: 'bad-request' };
  const segments = decoded.split('/').filter(Boolean);
  if (segments.some((s) => s === '..')) return { kind: 'bad-request' };
  if (segments.some((s) => s.startsWith('.'))) return { kind: 'not-found' };

  const realRoot = safeRealpath(root);
  // No root folder (the renderer was never built): a route still falls back, so the caller can say so.
  const real = realRoot ? safeRealpath(path.join(realRoot, ...segments)) : null;
  if (real && realRoot && (real === realRoot || real.startsWith(realRoot + path.sep))) {
    const stat = fs.statSync(real, { throwIfNoEntry: false });
    if (stat?.isFile()) return { kind: 'file', file: real, size: stat.size };
    if (stat?.isDirectory()) return { kind: 'fallback' };
  } else if (real) {
    return { kind: 'not-found' }; // a symlink out of the renderer folder
  }
  const last = segments.at(-1) ?? '';
  return path.extname(last) ? { kind: 'not-found' } : { kind: 'fallback' };
}

function safeRealpath(p: string): string | null {
  try {
    return fs.realpathSync(p);
  } catch {
    return null;
  }
}

export const NOT_BUILT_MESSAGE = 'The renderer is not built. Run `npm run build`, then start Hearth again.';

/** What to answer for a GET of the renderer, whichever transport carries it (browser mode's HTTP server, Electron's app:// scheme). */
export type StaticResponse =
  | { status: 200; file: string; headers: { 'Content-Type': string; 'Content-Length': string; 'Cache-Control': string } }
  | { status: 400 | 404; body: string };

/**
 * The serving decisions both transports share: refuse what leaves the root,
 * answer routes (no extension) with the single-page app's index.html, say
 * plainly when the renderer was never built, and cache only Vite's
 * content-hashed assets.
 */
export function resolveStaticRequest(root: string | null, pathname: string): StaticResponse {
  if (!root) return { status: 404, body: NOT_BUILT_MESSAGE };
  const found = lookupStatic(root, pathname || '/');
  if (found.kind === 'bad-request') return { status: 400, body: 'Bad path.' };
  if (found.kind === 'not-found') return { status: 404, body: pathname === '/index.html' ? NOT_BUILT_MESSAGE : 'Not found.' };
  const file = found.kind === 'file' ? found : lookupStatic(root, '/index.html');
  if (file.kind !== 'file') return { status: 404, body: NOT_BUILT_MESSAGE };
  return {
    status: 200,
    file: file.file,
    headers: {
      'Content-Type': mimeType(file.file),
      'Content-Length': String(file.size),
      // index.html must always be fresh; everything else Vite emits is content-hashed.
      'Cache-Control': file.file.endsWith('.html') ? 'no-store' : 'public, max-age=31536000, immutable',
    },
  };
}
