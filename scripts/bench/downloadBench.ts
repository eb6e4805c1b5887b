/**
 * The `download` part of `npm run bench`: Hearth's downloader (HTTP with
 * Range support, SHA-256 while streaming, fsync, atomic rename, GGUF check,
 * registry import) against a raw loopback stream of the same file into a file
 * (http.get piped to a write stream: the floor), interleaved repetitions,
 * medians and range. The server is the tests' local file server, unthrottled.
 * Alone: `npx tsx scripts/bench/downloadBench.ts [--mib N] [--reps N]`.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createDownloadStore } from '../../main/services/library/downloads/createDownloadStore.js';
import { createDownloads } from '../../main/services/library/downloads/createDownloads.js';
import { createModelRegistry } from '../../main/services/library/registry/createModelRegistry.js';
import { allowAllNetwork } from '../../main/services/network/NetworkPolicy.js';
import { createStore } from '../../main/services/store/createStore.js';
import { openDatabase } from '../../main/services/store/openDatabase.js';
import { ensureFixtureModels, fixturePath } from '../../test/fixtures.js';
import { startFileServer } from '../../test/fileServer.js';
import { fmt, fmtSummary, median, summarize, type Summary } from './stats.js';

export interface DownloadBenchResult {
  /** Median MB/s (MiB per second) of Hearth's downloader. */
  hearthMBps: number;
  /** Median MB/s of the raw stream. */
  rawMBps: number;
  /** Median of the per-repetition hearth/raw ratios (1 = as fast as the floor). */
  ratio: number;
  fileMiB: number;
  reps: number;
  hearth: Summary;
  raw: Summary;
}

export interface DownloadBenchOptions {
  /** Size of the served file (default 256 MiB): a GGUF header followed by filler. */
  mib?: number;
  reps?: number;
  log?: (line: string) => void;
}

async function rawDownload(url: string, file: string): Promise<void> {
  const response = await new Promise<http.IncomingMessage>((resolve, reject) => http.get(url, resolve).on('error', reject));
  await pipeline(response, fs.createWriteStream(file));
}

async function hearthDownload(url: string, dir: string): Promise<void> {
  const db = openDatabase(path.join(dir, 'hearth.db'));
  const store = createStore({ db });
  const modelsDir = path.join(dir, 'models');
  const models = createModelRegistry({ store, modelsDir, engine: { estimate: async () => null as never, status: async () => ({ loaded: [] }) as never, unload: async () => false } });
  const downloads = createDownloads({ store: createDownloadStore(db), modelsDir, models, catalog: () => [], network: allowAllNetwork });
  try {
    const done = await downloads.wait(downloads.start(url).id);
    if (done.state !== 'completed') throw new Error(`bench download ${done.state}: ${done.error?.message}`);
  } finally {
    await downloads.dispose();
    store.close();
  }
}

export async function runDownloadBench(options: DownloadBenchOptions = {}): Promise<DownloadBenchResult> {
  const mib = options.mib ?? 256;
  const reps = options.reps ?? 7;
  const log = options.log ?? (() => {});
  await ensureFixtureModels(['tiny']);
  const header = fs.readFileSync(fixturePath('tiny'));
  const content = Buffer.concat([header, Buffer.alloc(Math.max(0, mib * 2 ** 20 - header.length), 0x5a)]);
  const server = await startFileServer({ chunkBytes: 256 * 1024 });
  server.serve('/bench/model.gguf', { content });
  const url = `${server.url}/bench/model.gguf`;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-dlbench-'));
  const hearth: number[] = [];
  const raw: number[] = [];
  const ratios: number[] = [];
  try {
    for (let i = 0; i < reps; i++) {
      const dir = fs.mkdtempSync(path.join(scratch, 'rep-'));
      const timeRaw = async () => {
        const t = performance.now();
        await rawDownload(url, path.join(dir, 'raw.gguf'));
        return content.length / 2 ** 20 / ((performance.now() - t) / 1000);
      };
      const timeHearth = async () => {
        const t = performance.now();
        await hearthDownload(url, dir);
        return content.length / 2 ** 20 / ((performance.now() - t) / 1000);
      };
      // Alternate which goes first, so a warm page cache or a busy moment favours neither.
      let h: number;
      let r: number;
      if (i % 2 === 0) {
        h = await timeHearth();
        r = await timeRaw();
      } else {
        r = await timeRaw();
        h = await timeHearth();
      }
      hearth.push(h);
      raw.push(r);
      ratios.push(h / r);
      log(`download rep ${i + 1}/${reps}: hearth ${fmt(h)} MB/s, raw ${fmt(r)} MB/s`);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    await server.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  return { hearthMBps: median(hearth), rawMBps: median(raw), ratio: median(ratios), fileMiB: mib, reps, hearth: summarize(hearth), raw: summarize(raw) };
}

export function printDownloadTable(r: DownloadBenchResult): void {
  console.log(`\ndownload: a ${r.fileMiB} MiB file over loopback HTTP, MB/s, median (range) of ${r.reps} interleaved repetitions`);
  console.table([{ 'hearth (hash, fsync, rename, import)': fmtSummary(r.hearth), 'raw stream to file': fmtSummary(r.raw), 'hearth/raw': fmt(r.ratio, 2) }]);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { mib: { type: 'string' }, reps: { type: 'string' } } });
  const result = await runDownloadBench({ mib: values.mib ? Number(values.mib) : undefined, reps: values.reps ? Number(values.reps) : undefined, log: (l) => process.stderr.write(`${l}\n`) });
  printDownloadTable(result);
}
