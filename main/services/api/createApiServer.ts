import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiKey } from '../../contract/index.js';
import { ApiError, invalidRequest, toApiError } from './ApiError.js';
import { sendJson, type ApiCall } from './ApiCall.js';
import { bearerKey, checkOrigin, corsHeaders, isAllowedHost, isLoopback } from './apiGuards.js';
import type { ApiLogInput } from './createApiLog.js';
import { chatCompletions, textCompletions, type CompletionDeps } from './completionEndpoints.js';
import { embeddings, getModel, listModels, type EmbeddingDeps } from './modelEndpoints.js';

export interface ApiServerDeps extends Omit<CompletionDeps, 'engine'>, Omit<EmbeddingDeps, 'engine'> {
  engine: CompletionDeps['engine'] & EmbeddingDeps['engine'];
  keys: { verify(key: string): ApiKey | null };
  record(entry: ApiLogInput): void;
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
  /** Request bodies past this many bytes get 413 (default 4 MiB). */
  maxBodyBytes?: number;
}

export interface ApiServer {
  start(options: { host: string; port: number }): Promise<{ url: string; port: number }>;
  stop(): Promise<void>;
}

export const MAX_BODY_BYTES = 4 * 1024 * 1024;

const ENDPOINTS = new Map<string, (deps: ApiServerDeps, call: ApiCall) => Promise<void>>([
  ['/v1/chat/completions', chatCompletions],
  ['/v1/completions', textCompletions],
  ['/v1/embeddings', embeddings],
]);

function decodePath(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw invalidRequest(`The URL has a malformed escape: ${part}.`);
  }
}

/**
 * The OpenAI-compatible HTTP server: Host, Origin and key checks, then the
 * route. Every request is logged (time, key name, endpoint, model, tokens,
 * status, duration), content only when the user asked for it.
 */
export function createApiServer(deps: ApiServerDeps): ApiServer {
  let server: http.Server | null = null;
  let bound = { address: '127.0.0.1', port: 0 };
  const sockets = new Set<import('node:net').Socket>();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const began = performance.now();
    const controller = new AbortController();
    // A client that goes away before the answer ends stops its generation.
    res.on('close', () => {
      if (!res.writableFinished) controller.abort();
    });
    const url = new URL(req.url ?? '/', 'http://api.invalid');
    const call: ApiCall = { req, res, body: undefined, keyName: null, owner: 'anonymous', signal: controller.signal, headers: {}, log: { model: null, promptTokens: null, completionTokens: null, note: null, content: null } };
    try {
      await route(call, url.pathname);
    } catch (error) {
      const failure = toApiError(error);
      if (failure.status === 500) deps.log?.('error', `api ${req.method} ${url.pathname}: ${(error as Error)?.stack ?? String(error)}`);
      call.log.note ??= failure.code;
      if (!res.headersSent) sendJson(call, failure.status, failure.body(), failure.headers);
      else res.end();
    } finally {
      const status = controller.signal.aborted && !res.writableFinished ? 499 : res.statusCode;
      if (status === 499) call.log.note = 'client closed';
      deps.record({ keyName: call.keyName, method: req.method ?? '?', endpoint: url.pathname, ...call.log, status, durationMs: performance.now() - began });
    }
  }

  async function route(call: ApiCall, path: string): Promise<void> {
    const { req } = call;
    if (!isAllowedHost(req.headers.host, bound)) {
      throw new ApiError(421, 'permission_error', 'host_not_allowed', `Host "${req.headers.host ?? ''}" is not how this server is reached: use ${baseUrl()}. (Other names are refused against DNS rebinding.)`);
    }
    const settings = deps.settings();
    const origin = checkOrigin(req.headers.origin, settings.allowedOrigins);
    if (origin.kind === 'foreign') {
      throw new ApiError(403, 'permission_error', 'origin_not_allowed', `Web pages from ${origin.origin} may not call Hearth's API. Add the origin under Settings → Local API → Allowed origins if you trust it.`);
    }
    if (origin.kind === 'allowed') call.headers = corsHeaders(origin.origin);
    if (req.method === 'OPTIONS') {
      call.res.writeHead(204, call.headers);
      call.res.end();
      return;
    }
    const key = bearerKey(req.headers.authorization);
    const record = key ? deps.keys.verify(key) : null;
    if (record) {
      call.keyName = record.name;
      call.owner = record.id;
    } else if (settings.requireKey || key || !isLoopback(bound.address)) {
      // Keys can be waived only while the API serves this computer alone.
      throw new ApiError(401, 'invalid_request_error', 'invalid_api_key', key ? 'Incorrect API key provided: it is not one of Hearth\'s keys, or it was revoked.' : 'You didn\'t provide an API key. Send it as "Authorization: Bearer hk-…"; create one with `hearth api keys create <name>` or in Settings → Local API.');
    }
    const get = req.method === 'GET';
    const post = req.method === 'POST';
    if (get && path === '/v1/models') return listModels(deps, call);
    if (get && path.startsWith('/v1/models/')) return getModel(deps, call, decodePath(path.slice('/v1/models/'.length)));
    const endpoint = ENDPOINTS.get(path);
    if (!endpoint) throw new ApiError(404, 'invalid_request_error', 'unknown_url', `Unknown request URL: ${req.method} ${path}. Hearth serves GET /v1/models, POST /v1/chat/completions, /v1/completions and /v1/embeddings.`);
    if (!post) throw new ApiError(405, 'invalid_request_error', 'method_not_allowed', `${path} takes POST, not ${req.method}.`);
    call.body = await readJson(req, deps.maxBodyBytes ?? MAX_BODY_BYTES);
    await endpoint(deps, call);
  }

  function baseUrl(): string {
    const host = bound.address.includes(':') ? `[${bound.address}]` : bound.address;
    return `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${bound.port}/v1`;
  }

  return {
    async start({ host, port }) {
      if (server) throw new Error('The API server is already running.');
      const s = http.createServer((req, res) => void handle(req, res));
      s.on('connection', (socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
      });
      s.headersTimeout = 20_000;
      s.requestTimeout = 0; // a streamed answer may take minutes
      await new Promise<void>((resolve, reject) => {
        s.once('error', reject);
        s.listen(port, host, () => {
          s.off('error', reject);
          resolve();
        });
      });
      server = s;
      bound = { address: host, port: (s.address() as AddressInfo).port };
      return { url: baseUrl(), port: bound.port };
    },
    async stop() {
      const s = server;
      server = null;
      if (!s) return;
      const closed = new Promise<void>((resolve) => s.close(() => resolve()));
      // Open streams are cut: each one's 'close' aborts its generation.
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

/** The body as JSON: 413 as soon as it is known to be too large (Content-Length first, then counted), 400 when it does not parse. */
function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > limit) return Promise.reject(tooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        chunks.length = 0;
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', (error) => {
      if (!failed) reject(error);
    });
    req.on('end', () => {
      if (failed) return;
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        resolve(JSON.parse(text));
      } catch (error) {
        reject(invalidRequest(`We could not parse the JSON body of your request: ${(error as Error).message}. Send a JSON object with "Content-Type: application/json".`, null, 'invalid_json'));
      }
    });
  });
}

const tooLarge = (limit: number) =>
  new ApiError(413, 'invalid_request_error', 'request_too_large', `The request body is larger than ${Math.round(limit / 1024 / 1024)} MiB, Hearth's limit. Shorten the conversation or the input.`, null, { connection: 'close' });
