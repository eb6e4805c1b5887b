import http from 'node:http';
import https from 'node:https';
import { HearthError } from '../../../contract/index.js';
import type { NetworkPolicy } from '../../network/NetworkPolicy.js';
import { networkFailure, RetryableError } from './RetryableError.js';

export interface HttpGetOptions {
  url: string;
  headers?: Record<string, string>;
  signal: AbortSignal;
  network: NetworkPolicy;
  purpose: 'download' | 'catalog';
  /** Until the response headers arrive, per hop. */
  timeoutMs: number;
  maxRedirects?: number;
}

export interface HttpGetResult {
  response: http.IncomingMessage;
  finalUrl: string;
  /** The LFS oid Hugging Face puts on its redirect (X-Linked-Etag), unquoted; null when no hop had one. */
  linkedEtag: string | null;
  linkedSize: number | null;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.has(hostname) || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/** https anywhere; plain http only to this machine (tests, local mirrors), never across a network. */
export function checkDownloadUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new HearthError('INVALID_PARAMS', `"${raw}" is not a URL. Give an https:// URL, an hf: URI or a catalog id.`);
  }
  if (url.username || url.password) throw new HearthError('INVALID_PARAMS', `The URL ${url.host} carries a user name or password; Hearth does not send credentials in URLs.`);
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return url;
  if (url.protocol === 'http:') throw new HearthError('INVALID_PARAMS', `${url.host} was asked over plain http, which anyone on the way could tamper with. Use https.`);
  throw new HearthError('INVALID_PARAMS', `Hearth downloads over https only, not ${url.protocol.replace(':', '')}.`);
}

function unquote(tag: string): string {
  return tag.replace(/^W\//, '').replace(/^"|"$/g, '');
}

/**
 * One GET, following redirects itself so that every hop is checked against
 * the URL rules and the network policy (offline mode blocks before any socket
 * exists) and Hugging Face's X-Linked-* headers on the redirect are kept.
 * Failures worth retrying come out as RetryableError.
 */
export async function httpGet(options: HttpGetOptions): Promise<HttpGetResult> {
  let current = options.url;
  let linkedEtag: string | null = null;
  let linkedSize: number | null = null;
  for (let hop = 0; hop <= (options.maxRedirects ?? 8); hop++) {
    const url = checkDownloadUrl(current);
    options.network.check({ url, purpose: options.purpose });
    const response = await request(url, options);
    const le = response.headers['x-linked-etag'];
    if (typeof le === 'string' && !linkedEtag) linkedEtag = unquote(le);
    const ls = Number(response.headers['x-linked-size']);
    if (Number.isSafeInteger(ls) && ls > 0 && linkedSize === null) linkedSize = ls;
    const status = response.statusCode ?? 0;
    if (status >= 300 && status < 400 && status !== 304 && response.headers.location) {
      response.resume();
      const next = new URL(response.headers.location, url);
      if (url.protocol === 'https:' && next.protocol === 'http:') {
        throw new HearthError('DOWNLOAD_FAILED', `${url.host} redirected to plain http (${next.host}); Hearth does not follow a download off https.`);
      }
      current = next.toString();
      continue;
    }
    return { response, finalUrl: current, linkedEtag, linkedSize };
  }
  throw new HearthError('DOWNLOAD_FAILED', `${new URL(options.url).host} redirected more than ${options.maxRedirects ?? 8} times.`);
}

function request(url: URL, options: HttpGetOptions): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    if (options.signal.aborted) return reject(options.signal.reason);
    const lib = url.protocol === 'https:' ? https : http;
    const req = lib.get(url, { headers: { 'user-agent': 'Hearth', 'accept-encoding': 'identity', ...options.headers } });
    let settled = false;
    const done = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = () => {
      req.destroy();
      done(() => reject(options.signal.reason));
    };
    const timer = setTimeout(() => {
      req.destroy();
      done(() => reject(new RetryableError(`${url.host} did not answer within ${Math.round(options.timeoutMs / 1000)} s`)));
    }, options.timeoutMs);
    options.signal.addEventListener('abort', onAbort, { once: true });
    req.on('response', (response) => {
      // From here the body's reader (a pipeline with the same signal) owns the abort.
      done(() => resolve(response));
    });
    req.on('error', (error) => done(() => reject(networkFailure(error, url.host))));
  });
}
