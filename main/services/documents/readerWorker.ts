import fs from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import { chunkBlocks } from './chunkBlocks.js';
import type { ReaderReply, ReaderRequest } from './createReaderPool.js';
import { readDocument } from './readers/readDocument.js';

/**
 * The reader thread: reads, parses and chunks one file per request. It runs
 * under resourceLimits and a deadline set by the pool, so a file that makes a
 * parser loop or balloon costs this thread, never the app.
 */
const port = parentPort;
if (!port) throw new Error('readerWorker runs only as a worker thread');

async function handle(request: ReaderRequest): Promise<ReaderReply> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(request.file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { id: request.id, ok: false, reason: code === 'EACCES' || code === 'EPERM' ? 'unreadable: permission denied' : `unreadable (${code ?? (error as Error).message})` };
  }
  const outcome = await readDocument(request.file, bytes);
  if (!outcome.ok) return { id: request.id, ok: false, reason: outcome.reason };
  const chunks = chunkBlocks(outcome.blocks, request.budgetTokens);
  const textBytes = outcome.blocks.reduce((n, b) => n + Buffer.byteLength(b.text), 0);
  return { id: request.id, ok: true, title: outcome.title, chunks, textBytes };
}

port.on('message', (request: ReaderRequest) => {
  handle(request).then(
    (reply) => port.postMessage(reply),
    (error: unknown) => port.postMessage({ id: request.id, ok: false, reason: `reader failed (${(error as Error)?.message ?? String(error)})` } satisfies ReaderReply),
  );
});
