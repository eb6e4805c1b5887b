import type { SocketAttempt } from './createNetworkPolicy.js';

/**
 * Where a `net.Socket#connect(...)` call is going, from any of its forms:
 * `(options[, cb])`, `(port[, host][, cb])`, `(path[, cb])`, and the
 * pre-normalised `[options, cb]` array that net.connect and tls.connect pass.
 * Null for Unix-domain sockets and named pipes (`path`): they never leave the machine.
 */
export function tcpTarget(args: readonly unknown[]): SocketAttempt | null {
  let first = args[0];
  if (Array.isArray(first)) first = first[0];
  if (first !== null && typeof first === 'object') {
    const options = first as { path?: unknown; host?: unknown; port?: unknown };
    if (options.path !== undefined && options.path !== null && options.path !== '') return null;
    return { kind: 'tcp', host: typeof options.host === 'string' && options.host ? options.host : 'localhost', port: toPort(options.port) };
  }
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    const host = typeof args[1] === 'string' && args[1] ? args[1] : 'localhost';
    return { kind: 'tcp', host, port: toPort(first) };
  }
  if (typeof first === 'string') return null; // a pipe path
  // Anything else is malformed; net will throw on it. Treat it as a connection so an odd form never slips through.
  return { kind: 'tcp', host: 'localhost', port: null };
}

function toPort(value: unknown): number | null {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 65535 ? n : null;
}

/** `dgram.Socket#connect(port[, address][, cb])`. */
export function udpConnectTarget(args: readonly unknown[], defaultHost: string): SocketAttempt {
  return { kind: 'udp', host: typeof args[1] === 'string' && args[1] ? args[1] : defaultHost, port: toPort(args[0]) };
}

/**
 * `dgram.Socket#send(msg[, offset, length][, port][, address][, cb])`. A send
 * with no port goes to the address the socket is connected to: `connected` reads it.
 */
export function udpSendTarget(args: readonly unknown[], defaultHost: string, connected: () => { address: string; port: number } | null): SocketAttempt {
  const rest = args.slice(1);
  // Two numbers first are offset and length (an address is never a number); the port follows them, if any.
  const withRange = typeof rest[0] === 'number' && typeof rest[1] === 'number';
  const [port, address] = withRange ? [rest[2], rest[3]] : [rest[0], rest[1]];
  if (port === undefined || typeof port === 'function') {
    const remote = connected();
    return { kind: 'udp', host: remote?.address ?? defaultHost, port: remote?.port ?? null };
  }
  return { kind: 'udp', host: typeof address === 'string' && address ? address : defaultHost, port: toPort(port) };
}
