import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron, type Browser, type ElectronApplication, type Page } from '@playwright/test';

export const ROOT = path.resolve(import.meta.dirname, '..');
const HEARTH_BIN = path.join(ROOT, 'bin/hearth.mjs');
const ENGINE_ENV = { HEARTH_ENGINE_GPU: 'off' };

export function electronBinary(): string | null {
  const dir = path.join(ROOT, 'node_modules/electron');
  try {
    const exe = path.join(dir, 'dist', fs.readFileSync(path.join(dir, 'path.txt'), 'utf8'));
    return fs.existsSync(exe) ? exe : null;
  } catch {
    return null;
  }
}

/** Hearth under test: a fresh data folder, the real services and engine, driven through the real UI. */
export interface HearthApp {
  page: Page;
  dataDir: string;
  /** Imports a model into the data folder through the CLI (before or between starts). */
  addModel(file: string): void;
  /** Stops the app and starts it again on the same data folder. */
  restart(): Promise<void>;
  close(): Promise<void>;
  /** Browser mode only: the URL with its token, and the server's output so far. */
  url: string | null;
  output(): string;
}

export function cli(dataDir: string, ...args: string[]): string {
  const r = spawnSync(process.execPath, [HEARTH_BIN, ...args, '--data-dir', dataDir], { cwd: ROOT, env: { ...process.env, ...ENGINE_ENV }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`hearth ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

/** Runs a TypeScript helper from e2e/support against the data folder. */
export function runSupport(script: string, ...args: string[]): string {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'e2e/support', script), ...args], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${script} failed: ${r.stderr}`);
  return r.stdout.trim();
}

/** `wrap`: a command the server runs under (the offline spec runs it in a network namespace of its own). */
export async function startServer(dataDir: string, extraEnv: NodeJS.ProcessEnv = {}, wrap: string[] = []): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const argv = [process.execPath, HEARTH_BIN, 'serve', '--port', '0', '--data-dir', dataDir];
  const [command, ...args] = [...wrap, ...argv] as [string, ...string[]];
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, ...ENGINE_ENV, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Hearth is running at (http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${output}`)));
  });
  return { child, url, output: () => output };
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

export interface LaunchOptions {
  /** Models imported (linked) before the first start. */
  models?: string[];
  /** Runs against the data folder before the first start (seeding a long chat, say). */
  prepare?: (dataDir: string) => void;
}

function prepareDataDir(options: LaunchOptions): string {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-e2e-'));
  for (const model of options.models ?? []) cli(dataDir, 'models', 'add', model, '--link');
  options.prepare?.(dataDir);
  return dataDir;
}

export async function launchBrowserApp(browser: Browser, options: LaunchOptions = {}): Promise<HearthApp> {
  const dataDir = prepareDataDir(options);
  let server = await startServer(dataDir);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url);
  const app: HearthApp = {
    page,
    dataDir,
    url: server.url,
    output: () => server.output(),
    addModel: (file) => cli(dataDir, 'models', 'add', file, '--link'),
    async restart() {
      await stopProcess(server.child);
      server = await startServer(dataDir);
      app.url = server.url;
      await page.goto(server.url);
    },
    async close() {
      await context.close();
      await stopProcess(server.child);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return app;
}

export async function launchElectronApp(options: LaunchOptions = {}): Promise<HearthApp> {
  const dataDir = prepareDataDir(options);
  const launch = () => _electron.launch({ args: [ROOT], cwd: ROOT, env: { ...process.env, ...ENGINE_ENV, HEARTH_DATA_DIR: dataDir } as Record<string, string> });
  let electron: ElectronApplication = await launch();
  const app: HearthApp = {
    page: await electron.firstWindow(),
    dataDir,
    url: null,
    output: () => '',
    addModel: (file) => cli(dataDir, 'models', 'add', file, '--link'),
    async restart() {
      await electron.close();
      electron = await launch();
      app.page = await electron.firstWindow();
    },
    async close() {
      await electron.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return app;
}
