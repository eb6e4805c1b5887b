import dgram from 'node:dgram';
import dns from 'node:dns';
import net from 'node:net';
import type { Logger } from '../log/createLogger.js';
import type { NetworkPolicyService, SocketAttempt } from './createNetworkPolicy.js';
import { offlineError } from './createNetworkPolicy.js';
import { tcpTarget, udpConnectTarget, udpSendTarget } from './socketTargets.js';

/**
 * The socket-level half of offline mode: whatever code in this process tries
 * to reach the network, it ends in one of the functions patched here, and each
 * asks the network policy first.
 *
 * - TCP: `net.Socket.prototype.connect`. net.connect, tls.connect (TLSSocket
 *   inherits it), http/https request and get (their agents call net/tls.connect),
 *   and the global fetch (undici calls net/tls.connect) all end there.
 * - UDP: `dgram.Socket.prototype.connect` and `send`.
 * - DNS: dns.lookup, lookupService, resolve*, reverse; the same on dns.promises
 *   and on both Resolver classes.
 *
 * While offline mode is on, every TCP and UDP connection is refused, loopback
 * included: Hearth's main process never needs to connect to itself (its server
 * listens; the engine talks over the child-process IPC channel, not a socket),
 * so a loopback connect is a download or a probe and is refused like any other.
 * Unix-domain sockets and named pipes are let through: they cannot leave the
 * machine. A DNS lookup is let through only for an IP literal or `localhost`,
 * which getaddrinfo answers from the hosts file; resolve* always asks a server
 * and is refused. Connections opened while online are closed the moment
 * offline mode turns on, so a pooled keep-alive socket cannot outlive the switch.
 */
export interface NetworkGuard {
  /** Idempotent. Several guards may be installed at once (tests): a connection is refused if any of their policies refuses it. */
  install(): void;
  uninstall(): void;
  readonly installed: boolean;
}

export interface NetworkGuardDeps {
  policy: Pick<NetworkPolicyService, 'checkConnection' | 'onOfflineChange'>;
  logger?: Logger;
}

type Gate = NetworkGuardDeps['policy'];

const active = new Set<Gate>();
const live = new Set<net.Socket | dgram.Socket>();
let restore: (() => void) | null = null;
/** > 0 while an allowed connect runs: the dns.lookup net makes for it is part of that decision, not a new attempt. */
let inAllowedConnect = 0;

function refusal(attempt: SocketAttempt): Error | null {
  let error: Error | null = null;
  for (const gate of active) {
    try {
      gate.checkConnection(attempt);
    } catch (e) {
      error ??= e as Error;
    }
  }
  return error;
}

function track(socket: net.Socket | dgram.Socket): void {
  if (live.has(socket)) return;
  live.add(socket);
  socket.once('close', () => live.delete(socket));
}

function sever(): void {
  for (const socket of [...live]) {
    live.delete(socket);
    try {
      if (socket instanceof net.Socket) socket.destroy(offlineError('keep a connection open: it was closed when offline mode turned on'));
      else socket.close();
    } catch {
      // already closed
    }
  }
}

type AnyFn = (this: unknown, ...args: unknown[]) => unknown;

function patchAll(): () => void {
  const undo: Array<() => void> = [];
  const replace = (owner: object, name: string, make: (original: AnyFn) => AnyFn) => {
    const target = owner as Record<string, unknown>;
    const original = target[name];
    if (typeof original !== 'function') return;
    const wrapped = make(original as AnyFn);
    // dns.lookup carries util.promisify's hint (resolve with {address, family}) as a symbol-keyed property.
    for (const symbol of Object.getOwnPropertySymbols(original)) {
      Object.defineProperty(wrapped, symbol, Object.getOwnPropertyDescriptor(original, symbol)!);
    }
    target[name] = wrapped;
    undo.push(() => {
      // Someone patched over us: leave theirs; ours passes everything through once no guard is active.
      if (target[name] === wrapped) target[name] = original;
    });
  };

  replace(net.Socket.prototype, 'connect', (original) =>
    function guardedConnect(this: unknown, ...args: unknown[]) {
      const socket = this as net.Socket;
      const attempt = active.size > 0 ? tcpTarget(args) : null;
      if (attempt) {
        const error = refusal(attempt);
        if (error) {
          // Fail the way net fails a connect (an 'error' event on the next tick), so every caller's handler sees it.
          process.nextTick(() => socket.destroy(error));
          return socket;
        }
        track(socket);
      }
      inAllowedConnect++;
      try {
        return original.apply(this, args);
      } finally {
        inAllowedConnect--;
      }
    },
  );

  const udpDefaultHost = (socket: dgram.Socket) => ((socket as unknown as { type?: string }).type === 'udp6' ? '::1' : '127.0.0.1');
  const failUdp = (socket: dgram.Socket, args: unknown[], error: Error) => {
    const callback = args.findLast((a) => typeof a === 'function') as ((e: Error) => void) | undefined;
    process.nextTick(() => (callback ? callback(error) : socket.emit('error', error)));
  };
  replace(dgram.Socket.prototype, 'connect', (original) =>
    function guardedUdpConnect(this: unknown, ...args: unknown[]) {
      const socket = this as dgram.Socket;
      if (active.size > 0) {
        const error = refusal(udpConnectTarget(args, udpDefaultHost(socket)));
        if (error) return failUdp(socket, args, error);
        track(socket);
      }
      return original.apply(this, args);
    },
  );
  replace(dgram.Socket.prototype, 'send', (original) =>
    function guardedUdpSend(this: unknown, ...args: unknown[]) {
      const socket = this as dgram.Socket;
      if (active.size > 0) {
        const connected = () => {
          try {
            return socket.remoteAddress();
          } catch {
            return null;
          }
        };
        const error = refusal(udpSendTarget(args, udpDefaultHost(socket), connected));
        if (error) return failUdp(socket, args, error);
        track(socket);
      }
      return original.apply(this, args);
    },
  );

  const guardDns = (owner: object, name: string, style: 'callback' | 'promise') =>
    replace(owner, name, (original) =>
      function guardedDns(this: unknown, ...args: unknown[]) {
        const host = String(args[0]);
        // getaddrinfo answers IP literals and localhost without asking a server; net's own lookup for an allowed connect was already decided.
        const local = name === 'lookup' && (net.isIP(host) !== 0 || host.toLowerCase() === 'localhost');
        if (active.size > 0 && !local && !(name === 'lookup' && inAllowedConnect > 0)) {
          const error = refusal({ kind: 'dns', host, port: null });
          if (error) {
            if (style === 'promise') return Promise.reject(error);
            const callback = args.findLast((a) => typeof a === 'function') as ((e: Error) => void) | undefined;
            if (!callback) throw error;
            process.nextTick(callback, error);
            return undefined;
          }
        }
        return original.apply(this, args);
      },
    );
  const isQuery = (name: string) => /^(lookup|lookupService|resolve\w*|reverse)$/.test(name);
  for (const name of Object.keys(dns).filter(isQuery)) guardDns(dns, name, 'callback');
  for (const name of Object.keys(dns.promises).filter(isQuery)) guardDns(dns.promises, name, 'promise');
  for (const name of Object.getOwnPropertyNames(dns.Resolver.prototype).filter(isQuery)) guardDns(dns.Resolver.prototype, name, 'callback');
  for (const name of Object.getOwnPropertyNames(dns.promises.Resolver.prototype).filter(isQuery)) guardDns(dns.promises.Resolver.prototype, name, 'promise');

  return () => {
    for (const step of undo.reverse()) step();
  };
}

export function createNetworkGuard({ policy, logger }: NetworkGuardDeps): NetworkGuard {
  let unsubscribe: (() => void) | null = null;
  return {
    get installed() {
      return active.has(policy);
    },
    install() {
      if (active.has(policy)) return;
      active.add(policy);
      restore ??= patchAll();
      unsubscribe = policy.onOfflineChange((offline) => {
        if (!offline) return;
        if (live.size > 0) logger?.info(`offline mode turned on: closing ${live.size} open connection(s)`);
        sever();
      });
    },
    uninstall() {
      if (!active.delete(policy)) return;
      unsubscribe?.();
      unsubscribe = null;
      if (active.size === 0) {
        restore?.();
        restore = null;
        live.clear();
      }
    },
  };
}
