import { createHash, type Hash } from 'node:crypto';
import fs from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { HearthError } from '../../../contract/index.js';
import type { NetworkPolicy } from '../../network/NetworkPolicy.js';
import { abortableSleep, backoffMs } from './abortableSleep.js';
import { HashingFileWriter } from './HashingFileWriter.js';
import { httpGet } from '../sources/httpGet.js';
import { RetryableError } from '../sources/RetryableError.js';

/** What is known about one file of a download; persisted so a restart resumes with the same validator. */
export interface PartState {
  url: string;
  fileName: string;
  /** From the catalog (pinned) or learned from the server's LFS oid; null when nobody says. */
  expectedSha256: string | null;
  /** The catalog's hash is a promise about the file: a server announcing another one is a mismatch before any byte. */
  shaFromCatalog: boolean;
  totalBytes: number | null;
  /** Strong ETag (or Last-Modified) of the response that served the bytes, sent as If-Range on resume. */
  validator: string | null;
  /** Hugging Face's X-Linked-Etag when the part was started: a different one later means a re-upload. */
  linkedOid: string | null;
  /** SHA-256 of the complete file, once downloaded (multi-part: parts wait for the others). */
  sha256: string | null;
}

export interface RetryPolicy {
  /** Failures in a row (without progress between them) before giving up. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface FetchPartOptions {
  part: PartState;
  partPath: string;
  signal: AbortSignal;
  network: NetworkPolicy;
  /** Until response headers; and the longest silence allowed mid-body. */
  timeoutMs: number;
  retry: RetryPolicy;
  /** Free bytes where the file is written. */
  freeSpace: (dir: string) => Promise<number>;
  /** Bytes still to come for later parts, for the disk-space check. */
  laterPartsBytes?: number;
  /** Called before bytes are written under a new validator, and when the size becomes known. */
  onState: (part: PartState) => void;
  /** This part's bytes on disk so far. */
  onBytes: (received: number) => void;
  onRetry?: (failures: number, error: Error, waitMs: number) => void;
  /** Opens the part file (default fs.open); tests inject a file whose writes fail (ENOSPC). */
  openFile?: (file: string, flags: 'r+' | 'w+') => Promise<FileHandle>;
}

const SHA256 = /^[0-9a-f]{64}$/;
const REHASH_CHUNK = 4 * 1024 * 1024;

export function formatMb(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(bytes < 10 * 2 ** 20 ? 1 : 0)} MB`;
}

async function openPart(file: string, open: NonNullable<FetchPartOptions['openFile']> = (f, flags) => fs.open(f, flags)): Promise<FileHandle> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  try {
    return await open(file, 'r+');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return open(file, 'w+');
  }
}

/** The hash of the bytes already in the part file, so the running hash continues across a restart. */
async function rehash(handle: FileHandle, size: number, hash: Hash, signal: AbortSignal): Promise<void> {
  const buffer = Buffer.allocUnsafe(Math.min(REHASH_CHUNK, Math.max(1, size)));
  let pos = 0;
  while (pos < size) {
    if (signal.aborted) throw signal.reason;
    const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, size - pos), pos);
    if (bytesRead === 0) break;
    hash.update(buffer.subarray(0, bytesRead));
    pos += bytesRead;
  }
}

function parseContentRange(header: string | undefined): { start: number | null; total: number | null } {
  const m = /^bytes (?:(\d+)-\d+|\*)\/(\d+|\*)$/.exec(header?.trim() ?? '');
  if (!m) return { start: null, total: null };
  return { start: m[1] === undefined ? null : Number(m[1]), total: m[2] === '*' ? null : Number(m[2]) };
}

function retryAfterMs(response: IncomingMessage): number | undefined {
  const value = response.headers['retry-after'];
  if (!value) return undefined;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - Date.now();
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, 60_000) : undefined;
}

function statusError(status: number, response: IncomingMessage, host: string, fileName: string): Error {
  if (status === 404 || status === 410) return new HearthError('DOWNLOAD_FAILED', `${fileName} is not on ${host} (HTTP ${status}). Check the name, or pick another quantization.`);
  if (status === 401 || status === 403) {
    return new HearthError('DOWNLOAD_FAILED', `${host} refused ${fileName} (HTTP ${status}): the model may be gated. Accept its licence on its page and download it in a browser, then import the file.`);
  }
  if (status === 408 || status === 425 || status === 429 || status >= 500) return new RetryableError(`${host} answered HTTP ${status}`, retryAfterMs(response));
  return new HearthError('DOWNLOAD_FAILED', `${host} answered HTTP ${status} for ${fileName}.`);
}

/**
 * Downloads one file into `<name>.part`, resuming what is there: Range with
 * If-Range on the validator, so the server sends the rest only if the file is
 * unchanged and the whole new file otherwise (then the part starts over).
 * Dropped connections, stalls, 5xx and DNS failures are retried with backoff,
 * a bounded number of times in a row; every wait ends at once on abort.
 * Returns the SHA-256 of the whole file, computed as the bytes are written.
 */
export async function fetchPart(o: FetchPartOptions): Promise<{ sha256: string; size: number }> {
  const { part, signal } = o;
  const handle = await openPart(o.partPath, o.openFile);
  try {
    let hash = createHash('sha256');
    let received = (await handle.stat()).size;
    // Without a validator or an expected hash nothing could tell an old part from a changed file: start over.
    if (received > 0 && !part.validator && !part.expectedSha256) received = 0;
    if (received > 0 && part.totalBytes !== null && received > part.totalBytes) received = 0;
    if (received === 0) await handle.truncate(0);
    else await rehash(handle, received, hash, signal);
    o.onBytes(received);

    const restart = async () => {
      await handle.truncate(0);
      hash = createHash('sha256');
      received = 0;
      o.onBytes(0);
    };

    let failures = 0;
    for (;;) {
      const before = received;
      try {
        if (await attempt()) break;
      } catch (error) {
        if (signal.aborted) throw signal.reason;
        if (!(error instanceof RetryableError)) throw error;
        if (received > before) failures = 0;
        failures++;
        if (failures > o.retry.attempts) {
          throw new HearthError('DOWNLOAD_FAILED', `${part.fileName}: ${error.message}; gave up after ${failures} attempts in a row. The part is kept: resume to continue.`);
        }
        const wait = Math.max(backoffMs(failures, o.retry.baseDelayMs, o.retry.maxDelayMs), error.retryAfterMs ?? 0);
        o.onRetry?.(failures, error, wait);
        await abortableSleep(wait, signal);
      }
    }
    await handle.sync();
    return { sha256: hash.digest('hex'), size: received };

    /** One request. True when the part is complete. */
    async function attempt(): Promise<boolean> {
      if (part.totalBytes !== null && received === part.totalBytes && received > 0) return true;
      if (part.totalBytes !== null) await checkSpace(part.totalBytes - received);
      const headers: Record<string, string> = {};
      if (received > 0) {
        headers.range = `bytes=${received}-`;
        if (part.validator) headers['if-range'] = part.validator;
      }
      const { response, linkedEtag, linkedSize } = await httpGet({ url: part.url, headers, signal, network: o.network, purpose: 'download', timeoutMs: o.timeoutMs });
      const host = new URL(part.url).host;
      try {
        if (linkedEtag && SHA256.test(linkedEtag)) {
          if (part.shaFromCatalog && part.expectedSha256 && linkedEtag !== part.expectedSha256) {
            throw new HearthError(
              'CHECKSUM_MISMATCH',
              `The server's ${part.fileName} (sha256 ${linkedEtag.slice(0, 12)}…) is not the file the catalog lists (${part.expectedSha256.slice(0, 12)}…): it was re-uploaded. Nothing was kept; download it by its hf: URI to accept the server's version.`,
            );
          }
          if (part.linkedOid && linkedEtag !== part.linkedOid) {
            // Re-uploaded since the part was started: the old bytes belong to another file.
            await restart();
            part.validator = null;
            if (!part.shaFromCatalog) part.expectedSha256 = null;
          }
          part.linkedOid = linkedEtag;
          part.expectedSha256 ??= linkedEtag;
        }
        const status = response.statusCode ?? 0;
        const encoding = response.headers['content-encoding'];
        if (encoding && encoding !== 'identity') throw new HearthError('DOWNLOAD_FAILED', `${host} sent ${part.fileName} encoded as ${encoding}; Hearth needs the file's own bytes.`);
        let total: number | null;
        if (status === 416) {
          const { total: t } = parseContentRange(response.headers['content-range']);
          if (t !== null && t === received) return true;
          await restart();
          throw new RetryableError(`${host} could not serve the rest of the part (HTTP 416); starting over`);
        } else if (status === 206) {
          const { start, total: t } = parseContentRange(response.headers['content-range']);
          if (start !== received) {
            await restart();
            throw new RetryableError(`${host} answered with another range (from ${start}, asked ${received}); starting over`);
          }
          total = t;
        } else if (status === 200) {
          // The whole file: either the remote changed (If-Range failed) or the server ignores ranges.
          if (received > 0) await restart();
          const length = Number(response.headers['content-length']);
          total = Number.isSafeInteger(length) && length >= 0 ? length : null;
        } else {
          throw statusError(status, response, host, part.fileName);
        }
        const etag = response.headers.etag;
        const strongTag = etag && !etag.startsWith('W/') ? etag : null;
        part.validator = strongTag ?? (response.headers['last-modified'] as string | undefined) ?? null;
        const unquoted = strongTag?.replace(/^"|"$/g, '') ?? '';
        if (!part.expectedSha256 && SHA256.test(unquoted)) part.expectedSha256 = unquoted;
        if (total !== null) part.totalBytes = total;
        // No length on the wire: the size the catalog or Hugging Face (X-Linked-Size) gave is the cap.
        const cap = total === null ? (part.totalBytes ?? linkedSize) : null;
        const capSource = part.totalBytes !== null ? 'the catalog (or an earlier response)' : "the server's X-Linked-Size";
        if (cap !== null && part.totalBytes === null) part.totalBytes = cap;
        o.onState(part);
        if (part.totalBytes !== null) await checkSpace(part.totalBytes - received);
        await stream(response, host, cap === null ? null : { bytes: cap, what: capSource });
        if (part.totalBytes !== null && received < part.totalBytes) throw new RetryableError(`${host} closed the connection at ${formatMb(received)} of ${formatMb(part.totalBytes)}`);
        if (part.totalBytes === null) part.totalBytes = received;
        return true;
      } finally {
        response.destroy();
      }
    }

    async function checkSpace(remaining: number): Promise<void> {
      const need = remaining + (o.laterPartsBytes ?? 0);
      const dir = path.dirname(o.partPath);
      const free = await o.freeSpace(dir);
      if (free < need) {
        throw new HearthError('DISK_FULL', `${part.fileName} needs ${formatMb(need)} more and only ${formatMb(free)} is free in ${dir}. Free some space, then resume the download.`);
      }
    }

    async function stream(response: IncomingMessage, host: string, limit: { bytes: number; what: string } | null): Promise<void> {
      const writer = new HashingFileWriter(
        handle,
        received,
        hash,
        (n) => {
          received += n;
          o.onBytes(received);
        },
        limit,
      );
      let stall: NodeJS.Timeout | undefined;
      const arm = () => {
        clearTimeout(stall);
        stall = setTimeout(() => response.destroy(new RetryableError(`${host} sent nothing for ${Math.round(o.timeoutMs / 1000)} s`)), o.timeoutMs);
      };
      arm();
      response.on('data', arm);
      try {
        await pipeline(response, writer, { signal });
      } catch (error) {
        if (signal.aborted) throw signal.reason;
        const failure = writer.failure;
        if (failure?.code === 'ENOSPC') {
          throw new HearthError('DISK_FULL', `The disk filled up while downloading ${part.fileName} (${formatMb(received)} written). Free some space, then resume.`);
        }
        if (failure) throw new HearthError('DOWNLOAD_FAILED', `${part.fileName} could not be written to ${o.partPath}: ${failure.message}`);
        if (error instanceof RetryableError || error instanceof HearthError) throw error;
        throw new RetryableError(`the connection to ${host} dropped at ${formatMb(received)}`);
      } finally {
        clearTimeout(stall);
      }
    }
  } finally {
    await handle.close();
  }
}
