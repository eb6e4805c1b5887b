/**
 * A failure worth trying again after a pause: a dropped or refused
 * connection, a DNS failure, a stall, a 5xx or 429. Everything else the
 * downloader throws is a HearthError and final.
 */
export class RetryableError extends Error {
  override readonly name = 'RetryableError';
  constructor(
    message: string,
    /** What the server asked for in Retry-After, if anything. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

const NETWORK_CODES: Record<string, string> = {
  ENOTFOUND: 'the host name could not be resolved',
  EAI_AGAIN: 'the host name could not be resolved (DNS unavailable)',
  ECONNREFUSED: 'the connection was refused',
  ECONNRESET: 'the connection was reset',
  ETIMEDOUT: 'the connection timed out',
  EPIPE: 'the connection was closed',
  ENETUNREACH: 'the network is unreachable',
  EHOSTUNREACH: 'the host is unreachable',
};

/** A socket or TLS error as a RetryableError with a readable message. */
export function networkFailure(error: unknown, host: string): RetryableError {
  const code = (error as NodeJS.ErrnoException)?.code ?? '';
  const what = NETWORK_CODES[code] ?? (error as Error)?.message ?? String(error);
  return new RetryableError(`${host}: ${what}${code && !NETWORK_CODES[code] ? ` (${code})` : ''}`);
}
