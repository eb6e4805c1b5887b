import fs from 'node:fs/promises';
import { resolveStaticRequest } from '../rpc/staticFiles.js';

/**
 * The built renderer is served from app://hearth/, not file://. A file: page
 * gets privileges no web page has (fetch of any other file on disk, universal
 * access for file: frames), so the packaged app turns them off with the
 * grantFileProtocolExtraPrivileges fuse, and then must not load from file:
 * itself. A standard, secure scheme also gives the page a real origin
 * (app://hearth) for 'self' in the CSP, and a secure context for
 * navigator.clipboard.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'hearth';
const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * For protocol.registerSchemesAsPrivileged (before app ready). standard: URLs
 * resolve relatively and the page has an origin; secure: a secure context;
 * supportFetchAPI: module scripts and preloads are fetched; codeCache: V8
 * caches the bundle's compiled code between starts. Deliberately not
 * bypassCSP, corsEnabled or allowServiceWorkers.
 */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true, codeCache: true } as const;

export interface AppProtocolOptions {
  /** dist/renderer: the only folder the scheme serves. */
  root: string;
  /** Sent with every response: Electron's webRequest hooks are not guaranteed to see custom-protocol responses. */
  csp: string;
  readFile?: (file: string) => Promise<Uint8Array>;
}

/** A fetch-style handler for session.protocol.handle; plain Node, so it is tested without Electron. */
export type AppProtocolHandler = (request: Request) => Promise<Response>;

export function createAppProtocolHandler({ root, csp, readFile = (file) => fs.readFile(file) }: AppProtocolOptions): AppProtocolHandler {
  const baseHeaders = { 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff' };
  const text = (status: number, body: string, extra: Record<string, string> = {}) =>
    new Response(`${body}\n`, { status, headers: { ...baseHeaders, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...extra } });

  return async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return text(400, 'Bad URL.');
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return text(404, 'Not found.');
    if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, 'Method not allowed.', { Allow: 'GET, HEAD' });
    const answer = resolveStaticRequest(root, url.pathname);
    if (answer.status !== 200) return text(answer.status, answer.body);
    let body: Uint8Array;
    try {
      body = await readFile(answer.file);
    } catch (error) {
      // An unreadable file (a damaged install) is an error page, never a crash of the main process.
      return text(500, `Could not read ${url.pathname}: ${(error as Error).message}`);
    }
    // Content-Length from what was read: the file may have changed since it was looked up.
    const headers = { ...baseHeaders, ...answer.headers, 'Content-Length': String(body.byteLength) };
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
  };
}
