import http from 'node:http';
import OpenAI from 'openai';
import { fixturePath, type FixtureName } from '../fixtures.js';
import { tempServices } from '../tempServices.js';

export type ApiTestServer = Awaited<ReturnType<typeof startApiTestServer>>;

/** Real services on a temp data folder, fixture models installed, one key, the API served on a free loopback port. */
export async function startApiTestServer(options: { models?: FixtureName[]; defaultModel?: FixtureName } = {}) {
  const s = await tempServices();
  const ids: Record<string, string> = {};
  for (const name of options.models ?? ['tiny']) ids[name] = (await s.models.add(fixturePath(name), { mode: 'link' })).id;
  if (options.defaultModel) s.store.updateSettings({ defaultModelId: ids[options.defaultModel] });
  const key = s.api.keys.create('test-client');
  const status = await s.api.serve({ host: '127.0.0.1', port: 0 });
  const url = status.url!;
  const port = Number(new URL(url).port);
  return {
    s,
    ids,
    key,
    url,
    port,
    client: (apiKey: string = key.key) => new OpenAI({ baseURL: url, apiKey, maxRetries: 0, timeout: 60_000 }),
    /** A request with exactly these headers (fetch would not let a test set Host). */
    raw: (o: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }) => rawRequest(port, o),
    async close() {
      await s.cleanup();
    },
  };
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export function rawRequest(port: number, o: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: o.method ?? 'GET', path: o.path, headers: { host: `127.0.0.1:${port}`, ...o.headers }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    // A server that answers 413 before reading the whole body may close the socket while we still write.
    req.on('error', (error) => ((error as NodeJS.ErrnoException).code === 'EPIPE' || (error as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(error)));
    if (o.body !== undefined) req.end(o.body);
    else req.end();
  });
}

export const corsHeadersIn = (headers: http.IncomingHttpHeaders) => Object.keys(headers).filter((h) => h.startsWith('access-control-'));
