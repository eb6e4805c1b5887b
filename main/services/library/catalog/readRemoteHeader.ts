import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { HearthError } from '../../../contract/index.js';
import { readGgufHeader } from '../../gguf/readGgufHeader.js';
import type { NetworkPolicy } from '../../network/NetworkPolicy.js';
import { httpGet } from '../sources/httpGet.js';

export interface RemoteHeaderOptions {
  network: NetworkPolicy;
  signal: AbortSignal;
  /** Where the header's stand-in file goes (deleted by the caller). */
  dir: string;
  timeoutMs?: number;
  /** First prefix asked for (default 2 MB); it grows fourfold until the header fits. */
  initialBytes?: number;
  /** Largest prefix fetched (GGUF headers with big vocabularies run to several MB). */
  maxBytes?: number;
}

async function readPrefix(url: string, bytes: number, o: RemoteHeaderOptions): Promise<{ data: Buffer; total: number }> {
  const { response } = await httpGet({ url, headers: { range: `bytes=0-${bytes - 1}` }, signal: o.signal, network: o.network, purpose: 'catalog', timeoutMs: o.timeoutMs ?? 15_000 });
  try {
    const status = response.statusCode ?? 0;
    if (status !== 206 && status !== 200) throw new HearthError('DOWNLOAD_FAILED', `${new URL(url).host} answered HTTP ${status} for the model header.`);
    const range = /\/(\d+)$/.exec(String(response.headers['content-range'] ?? ''));
    const total = Number(range?.[1] ?? response.headers['content-length']);
    const chunks: Buffer[] = [];
    let length = 0;
    // A server that ignores Range sends the whole file: take what is needed and hang up.
    for await (const chunk of response) {
      chunks.push(chunk as Buffer);
      length += (chunk as Buffer).length;
      if (length >= bytes) break;
    }
    const data = Buffer.concat(chunks).subarray(0, bytes);
    return { data, total: Number.isSafeInteger(total) && total > 0 ? total : data.length };
  } finally {
    response.destroy();
  }
}

/**
 * Reads a remote GGUF's header with range requests (a growing prefix until it
 * holds the whole header) and writes it into a sparse stand-in file of the
 * model's full size, which node-llama-cpp's GgufInsights can then read as if
 * it were the model: its metadata and tensor table are real, its data is not
 * needed for an estimate. Returns the stand-in's path.
 */
export async function readRemoteHeader(url: string, o: RemoteHeaderOptions): Promise<string> {
  const max = o.maxBytes ?? 64 * 2 ** 20;
  await fs.mkdir(o.dir, { recursive: true });
  const file = path.join(o.dir, `remote-header-${randomUUID()}.gguf`);
  let want = Math.min(max, o.initialBytes ?? 2 * 2 ** 20);
  try {
    for (;;) {
      const { data, total } = await readPrefix(url, want, o);
      await fs.writeFile(file, data);
      await fs.truncate(file, total);
      try {
        const header = await readGgufHeader(file, { signal: o.signal });
        if (header.dataOffset <= data.length) return file;
      } catch (error) {
        // Past the prefix the stand-in reads zeros: a failure there means "fetch more", anywhere else it is the answer.
        if (data.length >= total) throw error;
      }
      if (want >= max || data.length >= total) {
        throw new HearthError('MODEL_INVALID', `The header of ${path.basename(new URL(url).pathname)} is larger than ${Math.round(max / 2 ** 20)} MB or not GGUF.`);
      }
      want = Math.min(max, want * 4);
    }
  } catch (error) {
    await fs.rm(file, { force: true });
    throw error;
  }
}
