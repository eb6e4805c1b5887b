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
  if (!realRoot) return { kind: 'not-found' };
  const candidate = path.join(realRoot, ...segments);
  const real = safeRealpath(candidate);
  if (real && (real === realRoot || real.startsWith(realRoot + path.sep))) {
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
