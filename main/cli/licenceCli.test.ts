import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFileServer, type FileServer } from '../../test/fileServer.js';

const root = path.resolve(import.meta.dirname, '../..');
const hearthBin = path.join(root, 'bin/hearth.mjs');

let dataDir: string;
let server: FileServer;

beforeEach(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-licence-'));
  server = await startFileServer();
});
afterEach(async () => {
  await server.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function hearth(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [hearthBin, ...args, '--data-dir', dataDir], {
    cwd: root,
    env: { ...process.env, HOME: dataDir, HEARTH_DATA_DIR: '', HEARTH_HF_ENDPOINT: server.url, HEARTH_ENGINE_GPU: 'off', FORCE_COLOR: '0' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('hearth models download of a model whose licence restricts use', () => {
  it('prints the terms and refuses without --accept-licence, fetching nothing', async () => {
    const run = await hearth(['models', 'download', 'gemma-3-1b-it']);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('Gemma 3 1B it: Gemma Terms of Use');
    expect(run.stderr).toContain('Terms: https://ai.google.dev/gemma/terms');
    expect(run.stderr).toMatch(/--accept-licence/);
    expect(server.requests).toHaveLength(0);
  });

  it('goes to the server once the licence is accepted', async () => {
    // Nothing is served: the download fails at the server, past the licence check.
    const run = await hearth(['models', 'download', 'gemma-3-1b-it', '--accept-licence']);
    expect(run.stderr).toContain('Licence accepted (--accept-licence).');
    expect(server.requests.length).toBeGreaterThan(0);
    expect(server.requests[0]!.path).toContain('ggml-org/gemma-3-1b-it-GGUF');
  });

  it('needs no acceptance for an Apache-2.0 model', async () => {
    const run = await hearth(['models', 'download', 'qwen3-0.6b']);
    expect(run.stderr).not.toMatch(/accept-licence|Terms:/);
    expect(server.requests.length).toBeGreaterThan(0);
  });
});
