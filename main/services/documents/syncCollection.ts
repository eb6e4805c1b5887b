import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DocProgress, SyncSummary } from '../../contract/documents.js';
import type { ReaderPool, ReadResult } from './createReaderPool.js';
import type { DocumentsDb, SourceRow } from './createDocumentsDb.js';
import type { VectorIndex } from './createVectorIndex.js';
import { isReadable } from './readers/readDocument.js';

/**
 * Returns vectors for the texts, or null when no embedding model is installed.
 * `kind` tells a query from a document's chunk, for models trained with a prefix for each.
 */
export type EmbedFn = (texts: string[], kind?: 'query' | 'document') => Promise<number[][]> | null;

export interface SyncContext {
  dbx: DocumentsDb;
  vectors: VectorIndex;
  pool: ReaderPool;
  embed: EmbedFn | null;
  maxFileBytes: number;
  now: () => number;
  progress: (p: DocProgress) => void;
  signal?: AbortSignal;
}

interface Found {
  size: number;
  mtimeMs: number;
}

/** Folders Hearth never descends into: hidden ones (.git) and installed dependencies. */
function skipDir(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules' || name === '__pycache__';
}

async function walk(root: string, kind: 'file' | 'folder', found: Map<string, Found>): Promise<void> {
  if (kind === 'file') {
    const stat = await fs.promises.stat(root).catch(() => null);
    if (stat?.isFile()) found.set(root, { size: stat.size, mtimeMs: stat.mtimeMs });
    return;
  }
  const entries = await fs.promises.readdir(root, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const full = path.join(root, entry.name);
    if (entry.isDirectory()) {
      if (!skipDir(entry.name)) await walk(full, 'folder', found);
    } else if (entry.isFile() && !entry.name.startsWith('.') && isReadable(entry.name)) {
      const stat = await fs.promises.stat(full).catch(() => null);
      if (stat) found.set(full, { size: stat.size, mtimeMs: stat.mtimeMs });
    }
  }
}

export function hashFile(file: string): Promise<string | null> {
  return new Promise((resolve) => {
    const hash = createHash('sha256');
    fs.createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', () => resolve(null));
  });
}

/** Files written per transaction, at most; and at most this long between commits. */
const WRITE_BATCH = 64;
const WRITE_INTERVAL_MS = 500;

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Brings one collection's index in line with its files without a rebuild:
 * size and mtime first (no read for untouched files), then the content hash:
 * same hash at a new path is a rename (the row moves, nothing is re-read),
 * a new hash is read again, a vanished file is removed with its chunks and
 * vectors. Unreadable files are recorded with their reason, never thrown.
 */
export async function syncCollection(ctx: SyncContext, collectionId: string): Promise<SyncSummary> {
  const { dbx, signal } = ctx;
  const summary: SyncSummary = { collectionId, added: 0, updated: 0, renamed: 0, removed: 0, unchanged: 0, skipped: [], cancelled: false };
  const progress = { collectionId, done: 0, total: 0, indexed: 0, skipped: 0 };
  ctx.progress({ ...progress, phase: 'scanning', currentFile: null });

  const found = new Map<string, Found>();
  for (const root of dbx.roots(collectionId)) await walk(root.path, root.kind, found);
  const rows = new Map(dbx.sources(collectionId).map((r) => [r.path, r]));
  const gone = new Map<string, SourceRow>([...rows].filter(([p]) => !found.has(p)));

  // Writes are grouped into transactions: with synchronous=FULL every commit
  // syncs the disk, which costs more than reading a typical file. A crash
  // loses at most one group, and the next sync simply indexes those files again.
  const pending: (() => void)[] = [];
  let flushedAt = Date.now();
  const flush = (): void => {
    if (pending.length) dbx.db.transaction(() => pending.splice(0).forEach((write) => write()))();
    flushedAt = Date.now();
  };
  const write = (fn: () => void): void => {
    pending.push(fn);
    if (pending.length >= WRITE_BATCH || Date.now() - flushedAt > WRITE_INTERVAL_MS) flush();
  };

  const toRead: { path: string; stat: Found; sha256: string | null; old: SourceRow | null }[] = [];
  for (const [file, stat] of found) {
    if (signal?.aborted) break;
    const row = rows.get(file) ?? null;
    if (row && row.size === stat.size && row.mtime_ms === stat.mtimeMs) {
      summary.unchanged++;
      continue;
    }
    if (stat.size > ctx.maxFileBytes) {
      toRead.push({ path: file, stat, sha256: null, old: row });
      continue;
    }
    const sha256 = await hashFile(file);
    if (row && sha256 !== null && sha256 === row.sha256) {
      write(() => dbx.touchSource(row.id, stat.mtimeMs, stat.size));
      summary.unchanged++;
      continue;
    }
    const moved = !row && sha256 !== null ? [...gone.values()].find((g) => g.sha256 === sha256) : undefined;
    if (moved) {
      write(() => dbx.moveSource(moved.id, file, stat.mtimeMs, stat.size));
      gone.delete(moved.path);
      summary.renamed++;
      continue;
    }
    toRead.push({ path: file, stat, sha256, old: row });
  }

  for (const row of gone.values()) {
    write(() => {
      ctx.vectors.remove(dbx.chunkIdsOfSource(row.id));
      dbx.deleteSource(row.id);
    });
    summary.removed++;
  }
  flush();

  progress.total = toRead.length;
  let lastEmit = 0;
  const readItem = (item: (typeof toRead)[number]): Promise<ReadResult> =>
    item.stat.size > ctx.maxFileBytes
      ? Promise.resolve({ ok: false, reason: `too large (${megabytes(item.stat.size)}; the limit is ${megabytes(ctx.maxFileBytes)})` })
      : item.sha256 === null
        ? Promise.resolve({ ok: false, reason: 'unreadable: the file could not be opened' })
        : ctx.pool.read(item.path, signal);
  // One read ahead: the reader thread parses the next file while this thread writes the last one.
  let next = toRead.length ? readItem(toRead[0]!) : null;
  for (let i = 0; i < toRead.length; i++) {
    const item = toRead[i]!;
    const read = await next!;
    next = i + 1 < toRead.length && !signal?.aborted ? readItem(toRead[i + 1]!) : null;
    if (signal?.aborted || (!read.ok && read.reason === 'cancelled')) break;
    const now = Date.now();
    if (now - lastEmit > 100) {
      ctx.progress({ ...progress, phase: 'indexing', currentFile: item.path });
      lastEmit = now;
    }
    write(() => {
      if (item.old) ctx.vectors.remove(dbx.chunkIdsOfSource(item.old.id));
      dbx.replaceSource(item.old?.id ?? null, {
        collectionId,
        path: item.path,
        size: item.stat.size,
        mtimeMs: item.stat.mtimeMs,
        sha256: item.sha256,
        title: read.ok ? read.title : null,
        skipReason: read.ok ? null : read.reason,
        chunks: read.ok ? read.chunks : [],
        textBytes: read.ok ? read.textBytes : 0,
        at: ctx.now(),
      });
    });
    if (read.ok) {
      if (item.old) summary.updated++;
      else summary.added++;
      progress.indexed++;
    } else {
      summary.skipped.push({ path: item.path, reason: read.reason });
      progress.skipped++;
    }
    progress.done++;
  }
  await next?.catch(() => undefined);
  flush();
  summary.cancelled = signal?.aborted ?? false;
  if (!summary.cancelled) await embedMissing(ctx, collectionId, progress);
  ctx.progress({ ...progress, phase: summary.cancelled ? 'cancelled' : 'done', currentFile: null });
  return summary;
}

const EMBED_BATCH = 32;

/** Gives every chunk without a vector one, while an embedding model is installed (also after one is installed later). */
async function embedMissing(ctx: SyncContext, collectionId: string, progress: { done: number; total: number; indexed: number; skipped: number }): Promise<void> {
  if (!ctx.embed) return;
  for (;;) {
    if (ctx.signal?.aborted) return;
    const batch = ctx.vectors.missing(EMBED_BATCH);
    if (batch.length === 0) return;
    const pending = ctx.embed(batch.map((c) => (c.heading ? `${c.heading}\n${c.text}` : c.text)), 'document');
    if (!pending) return;
    const vectors = await pending;
    if (vectors.length !== batch.length) throw new Error(`embed returned ${vectors.length} vectors for ${batch.length} texts`);
    ctx.vectors.put(batch.map((c, i) => ({ chunkId: c.id, vector: vectors[i]! })));
    ctx.progress({ collectionId, ...progress, phase: 'embedding', currentFile: null });
  }
}
