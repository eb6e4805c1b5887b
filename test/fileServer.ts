import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real HTTP server on 127.0.0.1 for download tests and the download
 * benchmark: single byte ranges, strong ETags and If-Range the way RFC 9110
 * says, optional throttling, connections dropped mid-body, content that
 * changes between requests, and Hugging Face's shape (a `resolve` URL that
 * redirects to a CDN, with the LFS oid in X-Linked-Etag).
 */
export interface ServedFile {
  content: Buffer;
  /** 'sha256': ETag is the quoted SHA-256 (like an LFS CDN); 'opaque': a strong tag unrelated to the content; 'weak': W/"..."; 'none'. */
  etag?: 'sha256' | 'opaque' | 'weak' | 'none';
  /** Send X-Linked-Etag with the content's SHA-256 (or this value, to lie). */
  linkedEtag?: boolean | string;
  /** Serve Hugging Face-style: /:owner/:repo/resolve/:rev/:file redirects to /cdn/<path>. */
  hfStyle?: boolean;
}

export interface RequestRecord {
  path: string;
  range: string | null;
  ifRange: string | null;
  status: number;
  /** Body bytes written for this request. */
  bytes: number;
}

/** Per request: what to do to it. */
export interface Misbehaviour {
  /** Destroy the socket after this many body bytes. */
  dropAfterBytes?: number;
  /** Answer with this status and no body. */
  status?: number;
  /** Ignore the Range header (answer 200 with the whole body). */
  ignoreRange?: boolean;
  headers?: Record<string, string>;
}

export interface FileServerOptions {
  /** Body bytes per second per response; unlimited when absent. */
  bytesPerSecond?: number;
  /** Size of each write (default 64 KiB). */
  chunkBytes?: number;
  /** Called for each request to the file (not for redirects) with its 0-based index. */
  misbehave?: (index: number, path: string) => Misbehaviour | undefined;
}

export interface FileServer {
  url: string;
  port: number;
  /** Registers (or replaces: a new ETag, like a re-upload) the file at this path ("/m.gguf", "/owner/repo/resolve/main/m.gguf"). */
  serve(path: string, file: ServedFile): void;
  requests: RequestRecord[];
  /** Body bytes written to sockets across all requests. */
  bytesServed(): number;
  setOptions(options: FileServerOptions): void;
  close(): Promise<void>;
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

interface Entry extends ServedFile {
  sha: string;
  tag: string | null;
  lastModified: string;
  version: number;
}

let versions = 0;

function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | null {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m) return null; // several ranges or garbage: ignore, send it all
  let start: number;
  let end: number;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}

export async function startFileServer(initial: FileServerOptions = {}): Promise<FileServer> {
  let options = initial;
  const files = new Map<string, Entry>();
  const requests: RequestRecord[] = [];
  let served = 0;
  let fileRequests = 0;

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname);
    const record: RequestRecord = { path, range: req.headers.range ?? null, ifRange: (req.headers['if-range'] as string | undefined) ?? null, status: 0, bytes: 0 };
    requests.push(record);
    const finish = (status: number, headers: Record<string, string | number> = {}) => {
      record.status = status;
      res.writeHead(status, headers);
      res.end();
    };

    // Hugging Face: the resolve URL answers 302 with the LFS oid, the CDN serves the bytes.
    const hf = files.get(path);
    const cdnPath = path.startsWith('/cdn/') ? path.slice(4) : null;
    if (hf?.hfStyle && !cdnPath) {
      const headers: Record<string, string | number> = { location: `/cdn${path}?v=${hf.version}`, 'x-linked-size': hf.content.length };
      if (hf.linkedEtag !== false) headers['x-linked-etag'] = `"${typeof hf.linkedEtag === 'string' ? hf.linkedEtag : hf.sha}"`;
      return finish(302, headers);
    }
    const entry = cdnPath ? files.get(cdnPath) : hf;
    if (!entry) return finish(404, { 'content-type': 'text/plain' });
    if (req.method !== 'GET' && req.method !== 'HEAD') return finish(405);

    const bad = options.misbehave?.(fileRequests++, path);
    if (bad?.status) return finish(bad.status, bad.headers ?? {});

    const size = entry.content.length;
    const headers: Record<string, string | number> = { 'accept-ranges': 'bytes', 'last-modified': entry.lastModified, 'content-type': 'application/octet-stream', ...bad?.headers };
    if (entry.tag) headers.etag = entry.tag;
    if (!cdnPath && entry.linkedEtag) headers['x-linked-etag'] = `"${typeof entry.linkedEtag === 'string' ? entry.linkedEtag : entry.sha}"`;

    let range = bad?.ignoreRange ? null : parseRange(req.headers.range, size);
    const ifRange = req.headers['if-range'];
    // If-Range: the range applies only while the validator still matches (strong comparison); otherwise the whole new file.
    if (range && ifRange && !(entry.tag && !entry.tag.startsWith('W/') && ifRange === entry.tag) && ifRange !== entry.lastModified) range = null;
    if (range === 'unsatisfiable') return finish(416, { ...headers, 'content-range': `bytes */${size}` });

    const start = range?.start ?? 0;
    const end = range?.end ?? size - 1;
    const status = range ? 206 : 200;
    record.status = status;
    res.writeHead(status, { ...headers, 'content-length': end - start + 1, ...(range ? { 'content-range': `bytes ${start}-${end}/${size}` } : {}) });
    if (req.method === 'HEAD') return res.end();

    const chunk = options.chunkBytes ?? 64 * 1024;
    const rate = options.bytesPerSecond;
    const drop = bad?.dropAfterBytes;
    let pos = start;
    const began = Date.now();
    const pump = () => {
      while (pos <= end) {
        if (res.destroyed) return;
        let ok = true;
        let n = Math.min(chunk, end + 1 - pos);
        if (drop !== undefined && record.bytes + n > drop) n = Math.max(0, drop - record.bytes);
        if (n > 0) {
          ok = res.write(entry.content.subarray(pos, pos + n));
          pos += n;
          record.bytes += n;
          served += n;
        }
        if (drop !== undefined && record.bytes >= drop) {
          res.socket?.destroy();
          return;
        }
        if (rate) {
          // Paced against the clock, so timer slack does not slow the average.
          const due = began + (record.bytes / rate) * 1000;
          const wait = due - Date.now();
          if (wait > 0) {
            setTimeout(pump, wait);
            return;
          }
        }
        if (!ok) {
          res.once('drain', pump);
          return;
        }
      }
      res.end();
    };
    pump();
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    serve(path, file) {
      const sha = sha256(file.content);
      const mode = file.etag ?? 'sha256';
      const version = ++versions;
      const tag = mode === 'none' ? null : mode === 'sha256' ? `"${sha}"` : mode === 'weak' ? `W/"v${version}"` : `"v${version}-${sha.slice(0, 8)}"`;
      files.set(path, { ...file, sha, tag, version, lastModified: new Date(Date.UTC(2025, 0, 1) + version * 1000).toUTCString() });
    },
    bytesServed: () => served,
    setOptions(next) {
      options = next;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
