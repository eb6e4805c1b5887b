import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { HearthError, isHearthError, type CatalogEntry, type Download, type DownloadState } from '../../../contract/index.js';
import type { ModelRegistry } from '../registry/createModelRegistry.js';
import type { NetworkPolicy } from '../../network/NetworkPolicy.js';
import { acquirePartLock, partLockHeldHere, partLockHolder } from './acquirePartLock.js';
import { completeDownload, DEFAULT_COMPLETE_IO, finalPathOf, hashFile, partPathOf, removePartFiles, statfsFree, type CompleteIo } from './completeDownload.js';
import type { DownloadRow, DownloadStore } from './createDownloadStore.js';
import { createSpeedMeter, type SpeedMeter } from './createSpeedMeter.js';
import { fetchPart, type FetchPartOptions, type PartState, type RetryPolicy } from './fetchPart.js';
import { DEFAULT_HF_ENDPOINT } from '../sources/parseHfUri.js';
import { resolveSource } from './resolveSource.js';
import { checkLicenceAccepted } from '../catalog/checkLicenceAccepted.js';

export interface DownloadsDeps {
  store: DownloadStore;
  /** The cache folder: parts and finished files live here, beside imported models. */
  modelsDir: string;
  models: Pick<ModelRegistry, 'add' | 'list'>;
  catalog: () => CatalogEntry[];
  network: NetworkPolicy;
  /** Every state change, and progress at most every progressIntervalMs. */
  emit?: (download: Download) => void;
  log?: (level: 'info' | 'warn', message: string) => void;
  /** Default env HEARTH_HF_ENDPOINT, else https://huggingface.co. */
  hfEndpoint?: string;
  /** Downloads running at once (default 2). */
  concurrency?: number;
  /** Free bytes in a folder (default fs.statfs); tests inject a full disk. */
  freeSpace?: (dir: string) => Promise<number>;
  retry?: Partial<RetryPolicy>;
  /** Header wait and longest silence mid-body (default 30 s). */
  timeoutMs?: number;
  progressIntervalMs?: number;
  /** Opens part files (default fs.open): tests inject a disk that fills up mid-stream. */
  openFile?: FetchPartOptions['openFile'];
  /** The last step's file operations (fsync, hash on disk, rename): tests check their order. */
  completeIo?: CompleteIo;
  now?: () => number;
  newId?: () => string;
}

export interface Downloads {
  /** Queues a download (or returns the one already under way for the same file). Throws for a bad source, or OFFLINE. */
  start(source: string, options?: { quantization?: string; acceptLicence?: boolean }): Download;
  list(): Download[];
  get(id: string): Download;
  pause(id: string): Download;
  resume(id: string): Download;
  /** Stops it and deletes its partial file. */
  cancel(id: string): Promise<Download>;
  /** At start-up: queues what an earlier run left queued or in progress. */
  resumePending(): Download[];
  /** Resolves once the download is completed, failed, cancelled or paused. */
  wait(id: string, signal?: AbortSignal): Promise<Download>;
  /** Stops transfers, keeping their state so the next start resumes them. */
  dispose(): Promise<void>;
}

interface Job {
  controller: AbortController;
  reason: 'pause' | 'cancel' | 'shutdown' | null;
  done: Promise<void>;
  /** Bytes of finished parts plus the current part's. */
  received: number;
  meter: SpeedMeter;
  speed: number;
  lastEmit: number;
  lastPersist: number;
}

const SETTLED: readonly DownloadState[] = ['completed', 'failed', 'cancelled', 'paused'];

export { statfsFree };

export function createDownloads(deps: DownloadsDeps): Downloads {
  const { store, modelsDir } = deps;
  const now = deps.now ?? Date.now;
  const newId = deps.newId ?? randomUUID;
  const hfEndpoint = deps.hfEndpoint ?? process.env.HEARTH_HF_ENDPOINT ?? DEFAULT_HF_ENDPOINT;
  const concurrency = Math.max(1, deps.concurrency ?? 2);
  const retry: RetryPolicy = { attempts: 5, baseDelayMs: 500, maxDelayMs: 15_000, ...deps.retry };
  const interval = deps.progressIntervalMs ?? 250;
  const freeSpace = deps.freeSpace ?? statfsFree;
  const active = new Map<string, Job>();
  const waiters = new Set<() => void>();
  let disposed = false;

  /** Downloads that may still write these files: another row's part is never deleted for this one. */
  const LIVE: readonly DownloadState[] = ['queued', 'downloading', 'verifying', 'paused'];
  function partsOnlyOf(id: string, parts: PartState[]): PartState[] {
    const others = new Set(store.list().filter((d) => d.id !== id && (LIVE.includes(d.state) || active.has(d.id))).flatMap((d) => d.parts.map((p) => p.fileName)));
    return parts.filter((p) => !others.has(p.fileName));
  }

  function totalOf(parts: PartState[]): number | null {
    return parts.every((p) => p.totalBytes !== null) ? parts.reduce((sum, p) => sum + p.totalBytes!, 0) : null;
  }

  function view(row: DownloadRow): Download {
    const { parts: _parts, ...rest } = row;
    const job = active.get(row.id);
    const received = job && row.state === 'downloading' ? job.received : row.receivedBytes;
    const speed = job && row.state === 'downloading' ? job.speed : 0;
    const total = row.totalBytes;
    return { ...rest, receivedBytes: received, bytesPerSecond: speed, etaSeconds: speed > 0 && total !== null ? Math.max(0, (total - received) / speed) : null };
  }

  function update(id: string, patch: Parameters<DownloadStore['update']>[1]): Download {
    const d = view(store.update(id, patch, now()));
    deps.emit?.(d);
    for (const wake of waiters) wake();
    return d;
  }

  function pump(): void {
    if (disposed) return;
    const queued = store.listByState(['queued']).reverse();
    for (const row of queued) {
      if (active.size >= concurrency) return;
      if (!active.has(row.id)) run(row.id);
    }
  }

  function run(id: string): void {
    const job: Job = { controller: new AbortController(), reason: null, done: Promise.resolve(), received: 0, meter: createSpeedMeter(), speed: 0, lastEmit: 0, lastPersist: 0 };
    active.set(id, job);
    job.done = transfer(id, job)
      .catch((error: unknown) => settleFailure(id, job, error))
      .finally(() => {
        active.delete(id);
        for (const wake of waiters) wake();
        pump();
      });
  }

  async function transfer(id: string, job: Job): Promise<void> {
    const row = store.get(id);
    const parts = row.parts.map((p) => ({ ...p }));
    update(id, { state: 'downloading', error: null });
    const releases: Array<() => void> = [];
    try {
      let base = 0;
      for (const [index, part] of parts.entries()) {
        const partPath = partPathOf(modelsDir, part);
        releases.push(acquirePartLock(partPath));
        const finalPath = finalPathOf(modelsDir, part);
        if (!fs.existsSync(partPath) && fs.existsSync(finalPath)) {
          // Renamed by a run that stopped before recording it (or already in the cache): check it, don't fetch it again.
          part.sha256 = await hashFile(finalPath, job.controller.signal);
          part.totalBytes = fs.statSync(finalPath).size;
        } else {
          const result = await fetchPart({
            part,
            partPath,
            signal: job.controller.signal,
            network: deps.network,
            timeoutMs: deps.timeoutMs ?? 30_000,
            retry,
            freeSpace,
            laterPartsBytes: parts.slice(index + 1).reduce((sum, p) => sum + (p.totalBytes ?? 0), 0),
            onState: () => update(id, { parts, totalBytes: totalOf(parts), expectedSha256: parts[0]!.expectedSha256 }),
            onBytes: (received) => progress(id, job, base + received),
            onRetry: (failures, error, waitMs) => deps.log?.('warn', `download ${id}: ${error.message}; retry ${failures} in ${Math.round(waitMs)} ms`),
            openFile: deps.openFile,
          });
          part.sha256 = result.sha256;
          part.totalBytes = result.size;
        }
        base += part.totalBytes ?? 0;
        job.received = base;
        update(id, { parts, receivedBytes: base, totalBytes: totalOf(parts) });
      }
      update(id, { state: 'verifying' });
      await completeDownload(modelsDir, parts, deps.completeIo ?? DEFAULT_COMPLETE_IO);
      const record = await deps.models.add(finalPathOf(modelsDir, parts[0]!), { mode: 'download', sha256: parts[0]!.sha256 ?? undefined });
      update(id, { state: 'completed', modelId: record.id, parts, error: null });
      deps.log?.('info', `download ${id}: ${row.fileName} installed as ${record.id}`);
    } finally {
      for (const release of releases) release();
    }
  }

  function progress(id: string, job: Job, received: number): void {
    job.received = received;
    const t = now();
    if (t - job.lastEmit < interval) return;
    job.lastEmit = t;
    job.speed = job.meter.sample(received, t);
    if (t - job.lastPersist >= 1000) {
      job.lastPersist = t;
      update(id, { receivedBytes: received });
    } else {
      deps.emit?.(view(store.get(id)));
    }
  }

  async function settleFailure(id: string, job: Job, error: unknown): Promise<void> {
    const row = store.get(id);
    if (job.reason === 'shutdown') return; // left as it was: the next start resumes it
    if (job.reason === 'pause') {
      update(id, { state: 'paused', receivedBytes: job.received });
      return;
    }
    if (job.reason === 'cancel') {
      await removePartFiles(modelsDir, partsOnlyOf(id, row.parts));
      update(id, { state: 'cancelled' });
      return;
    }
    const payload = isHearthError(error) ? error.toPayload() : { code: 'DOWNLOAD_FAILED', message: `${row.fileName}: ${(error as Error)?.message ?? String(error)}` };
    deps.log?.('warn', `download ${id} failed: ${payload.code} ${payload.message}`);
    // Bytes that fail the checksum are not the file: resuming them would only fail again.
    // A full disk: the part is what filled it, and the user is told to free space.
    const dropParts = payload.code === 'CHECKSUM_MISMATCH' || payload.code === 'DISK_FULL';
    if (dropParts) await removePartFiles(modelsDir, partsOnlyOf(id, row.parts));
    else await removePartFiles(modelsDir, partsOnlyOf(id, row.parts), { onlyEmpty: true });
    update(id, { state: 'failed', error: payload, receivedBytes: dropParts ? 0 : job.received });
  }

  function installed(row: DownloadRow): boolean {
    return row.modelId !== null && deps.models.list().some((m) => m.id === row.modelId) && fs.existsSync(finalPathOf(modelsDir, row.parts[0]!));
  }

  function requeue(id: string): Download {
    const d = update(id, { state: 'queued', error: null });
    pump();
    return view(store.get(d.id));
  }

  return {
    start(source, options = {}) {
      if (disposed) throw new HearthError('BUSY', 'Hearth is shutting down.');
      const catalog = deps.catalog();
      const plan = resolveSource(source, { quantization: options.quantization, catalog, hfEndpoint });
      const entry = plan.catalogId ? catalog.find((e) => e.id === plan.catalogId) : undefined;
      if (entry) checkLicenceAccepted(entry, options.acceptLicence);
      // Offline: fail now, with the policy's message, rather than queue something that cannot run.
      if (deps.network.isOffline()) deps.network.check({ url: plan.parts[0]!.url, purpose: 'download' });
      // The same target file is the same download, whatever URL it comes from: two writers of one part corrupt it.
      const targets = new Set(plan.parts.map((p) => p.fileName));
      const sameTarget = store.list().filter((d) => d.state !== 'cancelled' && d.parts.some((p) => targets.has(p.fileName)));
      const previous = sameTarget.find((d) => d.parts[0]?.url === plan.parts[0]!.url) ?? sameTarget.find((d) => d.state !== 'failed');
      if (previous && previous.parts[0]?.url !== plan.parts[0]!.url && previous.state !== 'completed') {
        throw new HearthError(
          'BUSY',
          `${plan.fileName} is already being downloaded (from ${previous.source}, ${previous.state}). Let it finish, or cancel it, before downloading the same file from ${plan.source}.`,
        );
      }
      if (previous) {
        if (previous.state === 'completed' && installed(previous)) return view(previous);
        // The app and a CLI share the folder: a download another live process is running is left alone, row included.
        const partPath = partPathOf(modelsDir, previous.parts[0]!);
        if (!active.has(previous.id) && partLockHeldHere(partPath)) throw new HearthError('BUSY', `${previous.fileName} is already being downloaded by this Hearth.`);
        const holder = active.has(previous.id) ? null : partLockHolder(partPath);
        if (holder !== null) throw new HearthError('BUSY', `${previous.fileName} is being downloaded by another Hearth process (pid ${holder}). Let it finish there.`);
        if (previous.state !== 'completed') return active.has(previous.id) ? view(previous) : requeue(previous.id);
      }
      const t = now();
      const row = store.insert({
        id: newId(),
        source: plan.source,
        catalogId: plan.catalogId,
        quantization: plan.quantization,
        fileName: plan.fileName,
        state: 'queued',
        receivedBytes: 0,
        totalBytes: plan.totalBytes,
        expectedSha256: plan.parts[0]!.expectedSha256,
        modelId: null,
        error: null,
        parts: plan.parts,
        createdAt: t,
        updatedAt: t,
      });
      deps.emit?.(view(row));
      pump();
      return view(store.get(row.id));
    },
    list: () => store.list().map(view),
    get: (id) => view(store.get(id)),
    pause(id) {
      const row = store.get(id);
      const job = active.get(id);
      if (job) {
        job.reason = 'pause';
        job.controller.abort(new HearthError('ABORTED', 'Paused.'));
        return update(id, { state: 'paused', receivedBytes: job.received });
      }
      if (row.state === 'queued' || row.state === 'downloading') return update(id, { state: 'paused' });
      return view(row);
    },
    resume(id) {
      const row = store.get(id);
      if (active.has(id) || row.state === 'completed') return view(row);
      return requeue(id);
    },
    async cancel(id) {
      const row = store.get(id);
      const job = active.get(id);
      if (job) {
        job.reason = 'cancel';
        job.controller.abort(new HearthError('ABORTED', 'Cancelled.'));
        await job.done;
        return view(store.get(id));
      }
      if (row.state === 'completed' || row.state === 'cancelled') return view(row);
      await removePartFiles(modelsDir, partsOnlyOf(id, row.parts));
      return update(id, { state: 'cancelled' });
    },
    resumePending() {
      const rows = store.listByState(['queued', 'downloading', 'verifying']);
      for (const row of rows) if (!active.has(row.id)) store.update(row.id, { state: 'queued' }, now());
      pump();
      return rows.map((r) => view(store.get(r.id)));
    },
    wait(id, signal) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const d = view(store.get(id));
          if (SETTLED.includes(d.state) && !active.has(id)) {
            waiters.delete(check);
            signal?.removeEventListener('abort', onAbort);
            resolve(d);
          }
        };
        const onAbort = () => {
          waiters.delete(check);
          reject(signal!.reason);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        waiters.add(check);
        check();
      });
    },
    async dispose() {
      disposed = true;
      const jobs = [...active.values()];
      for (const job of jobs) {
        job.reason ??= 'shutdown';
        job.controller.abort(new HearthError('ABORTED', 'Hearth is shutting down.'));
      }
      await Promise.all(jobs.map((j) => j.done));
    },
  };
}
