import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { HearthError, WS_PATH, WS_PROTOCOL } from '../contract/index.js';
import type { EventBus } from '../services/events/eventBus.js';
import { contentSecurityPolicy } from './contentSecurityPolicy.js';
import type { Dispatcher, RpcLogger, WireReply } from './dispatch.js';
import { checkOrigin, isAllowedHost, readProtocolOffer, tokensEqual } from './requestGuards.js';
import { resolveStaticRequest } from './staticFiles.js';

export interface HttpHostOptions {
  dispatcher: Dispatcher;
  bus: EventBus;
  /** The built renderer (dist/renderer); null serves a one-line page saying it is not built. */
  staticDir: string | null;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** The per-run secret every WebSocket must present; see requestGuards.ts. */
  token: string;
  logger?: RpcLogger;
  /** Largest accepted frame. Default 1 MiB: chat.send's text limit (200k chars) fits with room. */
  maxPayloadBytes?: number;
  /** A socket whose unsent data grows past this is dropped instead of growing memory. Default 8 MiB. */
  maxBufferedBytes?: number;
  /** Calls one connection may have in flight; more are answered BUSY. Default 64. */
  maxInFlight?: number;
}

export interface HttpHost {
  /** http://127.0.0.1:PORT/#token=…: the token rides in the fragment, which browsers never send to a server. */
  url: string;
  port: number;
  /** Stops listening, closes every socket and connection, unsubscribes from the bus. Idempotent. */
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=()',
  };
}

/** Answers an upgrade we refuse with a plain HTTP status; the WebSocket never opens. */
function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  const body = `${reason}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? 'Refused'}\r\n` +
      'Connection: close\r\nContent-Type: text/plain; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
  socket.destroy();
}

function listen(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (error.code === 'EADDRINUSE') reject(new HearthError('BUSY', `Port ${port} is already in use. Choose another with --port, or --port 0 for any free port.`, { cause: error }));
      else reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as { port: number }).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    // 127.0.0.1 only: never 0.0.0.0, never ::; other machines and other interfaces cannot connect.
    server.listen({ port, host: HOST, exclusive: true });
  });
}

/**
 * Browser mode: the built renderer and the RPC WebSocket on 127.0.0.1. The
 * same frames and dispatcher as Electron IPC; the Host, Origin and token
 * checks stand in for Electron's "only our window" sender check.
 */
export async function createHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const { dispatcher, bus, token, logger } = options;
  const maxPayload = options.maxPayloadBytes ?? 1024 * 1024;
  const maxBuffered = options.maxBufferedBytes ?? 8 * 1024 * 1024;
  const maxInFlight = options.maxInFlight ?? 64;
  const staticDir = options.staticDir ? path.resolve(options.staticDir) : null;

  let port = 0;
  let headers: Record<string, string> = {};
  const server = http.createServer({ requestTimeout: 30_000, headersTimeout: 10_000 });
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload,
    perMessageDeflate: false,
    // The token subprotocol is never echoed back: the server selects only the plain protocol name.
    handleProtocols: (offered) => (offered.has(WS_PROTOCOL) ? WS_PROTOCOL : false),
  });
  const sockets = new Map<WebSocket, { seq: number; abort: AbortController; inFlight: number }>();

  const send = (ws: WebSocket, text: string): void => {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > maxBuffered) {
      // A stalled client (a frozen tab) must not make us buffer a whole reply's deltas forever.
      logger?.warn(`dropping a WebSocket client: ${ws.bufferedAmount} bytes unsent`);
      ws.terminate();
      return;
    }
    ws.send(text);
  };

  const serialize = (reply: WireReply): string => {
    try {
      return JSON.stringify(reply);
    } catch (error) {
      logger?.error(`a reply could not be serialised: ${String(error)}`);
      return JSON.stringify({ id: reply.id, ok: false, error: { code: 'INTERNAL', message: 'Something went wrong inside Hearth. The details are in the log.' } });
    }
  };

  const unsubscribe = bus.subscribe((event, payload) => {
    if (sockets.size === 0) return;
    // Serialise the payload once; only seq differs per connection.
    const head = `{"event":${JSON.stringify(event)},"payload":${JSON.stringify(payload)},"seq":`;
    for (const [ws, state] of sockets) send(ws, `${head}${++state.seq}}`);
  });

  const onMessage = async (ws: WebSocket, data: RawData, isBinary: boolean): Promise<void> => {
    const state = sockets.get(ws);
    if (!state) return;
    let frame: unknown;
    try {
      if (isBinary) throw new Error('binary');
      frame = JSON.parse(data.toString());
    } catch {
      send(ws, serialize({ id: null, ok: false, error: { code: 'INVALID_PARAMS', message: 'A frame must be a JSON text message {id, method, params}.' } }));
      return;
    }
    if (state.inFlight >= maxInFlight) {
      const id = frame && typeof frame === 'object' && 'id' in frame && (typeof frame.id === 'number' || typeof frame.id === 'string') ? frame.id : null;
      send(ws, serialize({ id, ok: false, error: { code: 'BUSY', message: `Too many calls at once (${maxInFlight}). Wait for some to finish.` } } as WireReply));
      return;
    }
    state.inFlight++;
    try {
      const reply = await dispatcher.dispatch(frame, { shell: 'browser', signal: state.abort.signal });
      send(ws, serialize(reply));
    } finally {
      state.inFlight--;
    }
  };

  wss.on('connection', (ws: WebSocket) => {
    const state = { seq: 0, abort: new AbortController(), inFlight: 0 };
    sockets.set(ws, state);
    ws.on('message', (data, isBinary) => void onMessage(ws, data, isBinary));
    // Oversized frames and protocol violations surface here; ws closes the socket itself.
    ws.on('error', (error) => logger?.warn(`WebSocket error: ${error.message}`));
    ws.on('close', () => {
      sockets.delete(ws);
      state.abort.abort();
    });
  });

  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const pathname = (req.url ?? '').split('?')[0];
    if (pathname !== WS_PATH) return refuseUpgrade(socket, 404, 'Not found.');
    if (!isAllowedHost(req.headers.host, port)) return refuseUpgrade(socket, 421, 'Unknown host.');
    if (checkOrigin(req.headers.origin, port) === 'foreign') return refuseUpgrade(socket, 403, 'Foreign origin.');
    const offer = readProtocolOffer(req.headers['sec-websocket-protocol']);
    if (offer.token === null || !tokensEqual(offer.token, token)) return refuseUpgrade(socket, 401, 'A valid token is required.');
    if (!offer.speaksProtocol) return refuseUpgrade(socket, 400, `Subprotocol ${WS_PROTOCOL} is required.`);
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const text = (status: number, body: string, extra: Record<string, string> = {}) => {
      res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...extra });
      res.end(req.method === 'HEAD' ? undefined : `${body}\n`);
    };
    if (!isAllowedHost(req.headers.host, port)) return text(421, 'Unknown host. Open Hearth at the address it printed.');
    if (req.method !== 'GET' && req.method !== 'HEAD') return text(405, 'Method not allowed.', { Allow: 'GET, HEAD' });
    const pathname = (req.url ?? '/').split('?')[0]!.split('#')[0]!;
    const answer = resolveStaticRequest(staticDir, pathname);
    if (answer.status !== 200) return text(answer.status, answer.body);
    res.writeHead(200, { ...headers, ...answer.headers });
    if (req.method === 'HEAD') return res.end();
    const stream = fs.createReadStream(answer.file);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  });

  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    socket.destroy();
  });

  port = await listen(server, options.port ?? 0);
  headers = securityHeaders(contentSecurityPolicy({ connectSrc: [`ws://${HOST}:${port}`, `ws://localhost:${port}`] }));

  let closing: Promise<void> | null = null;
  return {
    url: `http://${HOST}:${port}/#token=${token}`,
    port,
    close() {
      closing ??= (async () => {
        unsubscribe();
        for (const [ws, state] of sockets) {
          state.abort.abort();
          ws.close(1001, 'Hearth is shutting down');
        }
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        // Sockets that do not answer the close handshake promptly are cut.
        const timer = setTimeout(() => {
          for (const ws of sockets.keys()) ws.terminate();
        }, 1000);
        await new Promise<void>((resolve) => wss.close(() => resolve()));
        await closed;
        clearTimeout(timer);
      })();
      return closing;
    },
  };
}
