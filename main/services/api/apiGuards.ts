import net from 'node:net';

/**
 * The API's checks before any route runs. Binding to 127.0.0.1 keeps other
 * machines out; these keep web pages out. A DNS-rebinding page reaches the
 * port under its own host name, so the Host header must be an address or
 * localhost (a page cannot make a browser send a bare IP it does not serve).
 * A page on another origin can send requests, so an Origin not on the user's
 * allowlist is refused, and no CORS header ever goes to it.
 */

export function isLoopback(address: string): boolean {
  return address === '::1' || /^127\./.test(address) || address === '::ffff:127.0.0.1';
}

const WILDCARD = new Set(['0.0.0.0', '::']);

/** Splits "host:port" and "[v6]:port"; null when it does not parse. */
function splitHost(host: string): { name: string; port: number | null } | null {
  const m = /^(?:\[([0-9a-f:.]+)\]|([^:[\]]+))(?::(\d{1,5}))?$/i.exec(host.trim());
  if (!m) return null;
  return { name: (m[1] ?? m[2]!).toLowerCase(), port: m[3] === undefined ? null : Number(m[3]) };
}

/**
 * The names the server answers to: localhost and the loopback addresses when
 * bound to loopback; the bound address itself otherwise; and when bound to
 * every interface (0.0.0.0, ::), any IP literal, since those cannot be rebound.
 */
export function isAllowedHost(hostHeader: string | undefined, bound: { address: string; port: number }): boolean {
  if (!hostHeader) return false;
  const h = splitHost(hostHeader);
  if (!h || (h.port ?? 80) !== bound.port) return false;
  const loopbackNames = h.name === 'localhost' || (net.isIP(h.name) !== 0 && isLoopback(h.name));
  if (isLoopback(bound.address)) return loopbackNames;
  if (WILDCARD.has(bound.address)) return loopbackNames || net.isIP(h.name) !== 0;
  return h.name === bound.address.toLowerCase();
}

export type OriginVerdict = { kind: 'absent' } | { kind: 'allowed'; origin: string } | { kind: 'foreign'; origin: string };

/** No Origin: not a web page (curl, an SDK, an editor). An allowlisted one gets CORS headers; any other is refused. */
export function checkOrigin(origin: string | undefined, allowed: readonly string[]): OriginVerdict {
  if (origin === undefined) return { kind: 'absent' };
  const normal = origin.trim().toLowerCase().replace(/\/$/, '');
  return allowed.some((a) => a.toLowerCase().replace(/\/$/, '') === normal) ? { kind: 'allowed', origin } : { kind: 'foreign', origin };
}

export function corsHeaders(origin: string): Record<string, string> {
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-allow-headers': 'authorization, content-type, openai-organization, openai-project, x-stainless-arch, x-stainless-lang, x-stainless-os, x-stainless-package-version, x-stainless-retry-count, x-stainless-runtime, x-stainless-runtime-version, x-stainless-timeout',
    'access-control-expose-headers': 'x-hearth-route, retry-after',
    'access-control-max-age': '600',
    vary: 'Origin',
  };
}

/** The key of an `Authorization: Bearer <key>` header; null when absent or not a bearer. */
export function bearerKey(header: string | undefined): string | null {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return m ? m[1]! : null;
}
