import type { IncomingMessage, ServerResponse } from 'node:http';

/** One request as an endpoint sees it, after the Host, Origin and key checks. */
export interface ApiCall {
  req: IncomingMessage;
  res: ServerResponse;
  /** The parsed JSON body (POST), else undefined. */
  body: unknown;
  /** The key's name, for the log and stored chats; null when keys are not required and none was sent. */
  keyName: string | null;
  /** Whose turn it is in the queue: the key's id, or one shared owner for key-less calls. */
  owner: string;
  /** Aborted when the client goes away before the answer ends. */
  signal: AbortSignal;
  /** Headers every answer to this call carries (CORS for an allowlisted origin). */
  headers: Record<string, string>;
  /** What the request log records about the call; endpoints fill it in. */
  log: { model: string | null; promptTokens: number | null; completionTokens: number | null; note: string | null; content: string | null };
}

export function sendJson(call: ApiCall, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (call.res.headersSent) return;
  const text = JSON.stringify(body);
  call.res.writeHead(status, { ...call.headers, ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  call.res.end(text);
}

/** Server-sent events as OpenAI streams them: `data: {json}` blocks, ended by `data: [DONE]`. */
export function startEvents(call: ApiCall, headers: Record<string, string> = {}): void {
  if (call.res.headersSent) return;
  call.res.writeHead(200, { ...call.headers, ...headers, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
  call.res.flushHeaders();
}

export function sendEvent(call: ApiCall, data: unknown): void {
  if (!call.res.writableEnded && !call.res.destroyed) call.res.write(`data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`);
}
