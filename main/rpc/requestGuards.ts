import crypto from 'node:crypto';
import { WS_PROTOCOL, WS_TOKEN_PROTOCOL_PREFIX } from '../contract/index.js';

/**
 * Checks shared by the static server and the WebSocket upgrade in browser mode.
 * Binding to 127.0.0.1 keeps other machines out; these keep other *web pages*
 * out: a DNS-rebinding page reaches 127.0.0.1 under its own host name (Host
 * check), a page on another origin can open a WebSocket to us (Origin check),
 * and neither can know the per-run token (subprotocol check).
 */

/** Exactly the two names the app is reachable under; anything else is a rebinding attempt or a mistake. */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  if (!host) return false;
  const h = host.toLowerCase();
  return h === `127.0.0.1:${port}` || h === `localhost:${port}`;
}

export type OriginVerdict = 'same-origin' | 'absent' | 'foreign';

/**
 * Browsers always send Origin on a WebSocket handshake, so an absent Origin
 * means a non-browser client (the CLI, a test, a script the user runs). No web
 * page can produce one, and the token is still required, so those are let in.
 */
export function checkOrigin(origin: string | undefined, port: number): OriginVerdict {
  if (origin === undefined) return 'absent';
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}` ? 'same-origin' : 'foreign';
}

export interface ProtocolOffer {
  /** The client offered WS_PROTOCOL, the one we select. */
  speaksProtocol: boolean;
  token: string | null;
}

/** Reads the Sec-WebSocket-Protocol offer: the protocol name and `hearth.token.<token>`. */
export function readProtocolOffer(header: string | string[] | undefined): ProtocolOffer {
  const raw = Array.isArray(header) ? header.join(',') : (header ?? '');
  const offered = raw
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const tokenEntry = offered.find((p) => p.startsWith(WS_TOKEN_PROTOCOL_PREFIX));
  return {
    speaksProtocol: offered.includes(WS_PROTOCOL),
    token: tokenEntry ? tokenEntry.slice(WS_TOKEN_PROTOCOL_PREFIX.length) : null,
  };
}

/** Constant-time: both sides are hashed first so neither the content nor the length leaks through timing. */
export function tokensEqual(given: string, expected: string): boolean {
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

/** A per-run token: 32 random bytes, URL-safe, so it can ride in the URL fragment and a subprotocol. */
export function createToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}
