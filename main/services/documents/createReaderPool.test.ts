import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createReaderPool, type ReaderPool } from './createReaderPool.js';

let dir: string;
let pools: ReaderPool[];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-reader-'));
  pools = [];
});
afterEach(async () => {
  for (const p of pools) await p.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('createReaderPool', () => {
  it('reads and chunks a file in the worker thread', async () => {
    const file = path.join(dir, 'a.md');
    fs.writeFileSync(file, '# Title\n\nBody text here.\n');
    const pool = createReaderPool();
    pools.push(pool);
    expect(await pool.read(file)).toEqual({
      ok: true,
      title: 'Title',
      textBytes: 15,
      chunks: [{ text: 'Body text here.', heading: 'Title', page: null, lineFrom: 3, lineTo: 3, tokens: 4 }],
    });
  });

  it('survives a reader that exhausts its memory or exits: the file is skipped with the reason, the next gets a fresh thread', async () => {
    const worker = path.join(dir, 'badWorker.mjs');
    fs.writeFileSync(
      worker,
      `import { parentPort } from 'node:worker_threads';
       parentPort.on('message', (r) => {
         if (r.file === 'hog') { const keep = []; for (;;) keep.push(new Array(1e6).fill(r.id)); }
         if (r.file === 'quit') process.exit(3);
         parentPort.postMessage({ id: r.id, ok: true, title: r.file, textBytes: 0, chunks: [] });
       });`,
    );
    const pool = createReaderPool({ workerFile: worker, maxMemoryMb: 32, timeoutMs: 20_000 });
    pools.push(pool);
    expect(await pool.read('hog')).toEqual({ ok: false, reason: 'needed more than 32 MB of memory to read' });
    expect(await pool.read('fine')).toMatchObject({ ok: true, title: 'fine' });
    expect(await pool.read('quit')).toEqual({ ok: false, reason: 'reader stopped (exit code 3)' });
    expect(await pool.read('after')).toMatchObject({ ok: true, title: 'after' });
  });
});
