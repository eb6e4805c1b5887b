import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { startFileServer, type FileServer } from './fileServer.js';

/**
 * A fresh local file server and scratch folder for each test of the file,
 * both torn down after it. Read `server` and `dir` inside tests (they change
 * with every test).
 */
export function useFileServer(prefix: string): { readonly server: FileServer; readonly dir: string } {
  let server: FileServer | null = null;
  let dir: string | null = null;
  beforeEach(async () => {
    server = await startFileServer();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  });
  afterEach(async () => {
    await server?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    server = dir = null;
  });
  return {
    get server() {
      if (!server) throw new Error('useFileServer: read it inside a test');
      return server;
    },
    get dir() {
      if (!dir) throw new Error('useFileServer: read it inside a test');
      return dir;
    },
  };
}
