/**
 * Browser mode: the same services and contract as the desktop app, served to
 * a browser tab on 127.0.0.1. Run as `hearth serve` (main/cli) or directly:
 *   node --import tsx main/server.ts [--port N] [--data-dir DIR] [--static DIR] [--open]
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { isHearthError } from './contract/index.js';
import { createServices } from './app/createServices.js';
import { dataPaths, resolveDataDir } from './app/dataDir.js';
import { createDispatcher } from './rpc/dispatch.js';
import type { Handlers } from './rpc/handlers.js';
import { createHttpHost } from './rpc/httpHost.js';
import { createToken } from './rpc/requestGuards.js';
import type { EventBus } from './services/events/eventBus.js';
import type { Logger } from './services/log/createLogger.js';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from './services/privacy/privateFiles.js';
import { passphraseFor } from './services/privacy/readPassphrase.js';
import { waitForStopSignal } from './services/process/waitForStopSignal.js';

export const SERVE_USAGE = `hearth serve [--port N] [--data-dir DIR] [--static DIR] [--open]
  --port N        port on 127.0.0.1 (default 0: any free port)
  --data-dir DIR  data folder (else HEARTH_DATA_DIR, else the app's own)
  --static DIR    the built renderer (default: dist/renderer of this checkout)
  --open          open Hearth in the default browser (through a private launch file: the token stays off every command line)`;

/** What the server needs from the composition root; tests pass a small fake. */
export interface ServerServices {
  handlers: Handlers;
  bus: EventBus;
  logger?: Logger;
  dispose(): Promise<void>;
}

export interface StartServerOptions {
  /** 0 or absent: any free port. */
  port?: number;
  /** Absent: --data-dir rules (HEARTH_DATA_DIR, then the per-OS app-data folder). */
  dataDir?: string;
  /** The built renderer; absent: dist/renderer found upward from this file; null: none. */
  staticDir?: string | null;
  /** Absent: a fresh random token. */
  token?: string;
  /** Services built elsewhere; the server then leaves disposing them to the caller. */
  services?: ServerServices;
  /** Engine environment for createServices (tests: HEARTH_ENGINE_GPU=off). */
  engineEnv?: Record<string, string>;
}

export interface RunningServer {
  /** http://127.0.0.1:PORT/#token=… */
  url: string;
  port: number;
  token: string;
  /** Closes every socket, stops listening, then disposes the services it created (aborts replies, stops the engine, closes the store). */
  close(): Promise<void>;
}

/** dist/renderer next to this checkout: main/server.ts and dist/main/server.js both find it by walking up. */
export function findRendererDir(from: string = path.dirname(fileURLToPath(import.meta.url))): string | null {
  let dir = from;
  for (let i = 0; i < 4; i++) {
    const candidate = path.join(dir, 'dist', 'renderer');
    if (fs.existsSync(path.join(candidate, 'index.html'))) return candidate;
    dir = path.dirname(dir);
  }
  return null;
}

export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const owned = !options.services;
  const services: ServerServices =
    options.services ??
    (await (async () => {
      const dataDir = resolveDataDir(options.dataDir);
      // An encrypted database: HEARTH_PASSPHRASE, else asked on the terminal before serving.
      const databaseKey = await passphraseFor(dataPaths(dataDir).database);
      return createServices({ dataDir, shell: 'browser', engineEnv: options.engineEnv, resumeDownloads: true, databaseKey });
    })());
  const token = options.token ?? createToken();
  try {
    const dispatcher = createDispatcher({ handlers: services.handlers, logger: services.logger, checkResults: process.env.HEARTH_CHECK_RESULTS === '1' });
    const host = await createHttpHost({
      dispatcher,
      bus: services.bus,
      staticDir: options.staticDir === undefined ? findRendererDir() : options.staticDir,
      port: options.port ?? 0,
      token,
      logger: services.logger,
    });
    let closing: Promise<void> | null = null;
    return {
      url: host.url,
      port: host.port,
      token,
      close() {
        closing ??= (async () => {
          try {
            await host.close();
          } finally {
            if (owned) await services.dispose();
          }
        })();
        return closing;
      },
    };
  } catch (error) {
    if (owned) await services.dispose();
    throw error;
  }
}

export class ServeUsageError extends Error {}

export interface ServeArgs {
  port: number;
  dataDir: string | undefined;
  staticDir: string | undefined;
  open: boolean;
  help: boolean;
}

export function parseServeArgs(argv: string[]): ServeArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        static: { type: 'string' },
        open: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new ServeUsageError((error as Error).message);
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!/^\d{1,5}$/.test(values.port ?? '0') || !Number.isInteger(port) || port > 65535) {
    throw new ServeUsageError(`--port must be a whole number from 0 to 65535, got "${values.port}"`);
  }
  return { port, dataDir: values['data-dir'], staticDir: values.static ? path.resolve(values.static) : undefined, open: values.open, help: values.help };
}

/** The tokenized address is never handed to an opener: a browser keeps its arguments, which any local account can read with `ps`. */
const TOKENIZED = /^http:\/\/127\.0\.0\.1:\d{1,5}\/#token=[A-Za-z0-9_-]+$/;

/**
 * Writes a mode-0600 HTML file (in the private data folder) that sends the
 * browser on to the tokenized address, as Jupyter does: the opener and the
 * browser get only this file's path on their command line. Returns its path.
 */
export function writeLaunchFile(dir: string, url: string): string {
  if (!TOKENIZED.test(url)) throw new Error('refusing to write a launch file for an address Hearth did not make');
  ensurePrivateDir(dir);
  const file = path.join(dir, `open-hearth-${randomBytes(6).toString('hex')}.html`);
  const target = JSON.stringify(url);
  fs.writeFileSync(
    file,
    `<!doctype html><meta charset="utf-8"><meta name="referrer" content="no-referrer"><title>Opening Hearth…</title>` +
      `<meta http-equiv="refresh" content="0;url=${url}"><script>location.replace(${target})</script>` +
      `<p>Opening Hearth… If nothing happens, go to the address printed in the terminal.</p>\n`,
    { mode: PRIVATE_FILE_MODE, flag: 'wx' },
  );
  return file;
}

/** Only a launch file we wrote ourselves is handed to the OS opener, and never through a shell. BROWSER, when set, names the opener (the Unix convention). */
export function browserCommand(file: string, platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): { command: string; args: string[] } {
  if (!path.isAbsolute(file) || !/open-hearth-[0-9a-f]{12}\.html$/.test(file) || /[\r\n"]/.test(file)) throw new Error(`refusing to open ${JSON.stringify(file)}`);
  if (env.BROWSER) return { command: env.BROWSER, args: [file] };
  if (platform === 'darwin') return { command: 'open', args: [file] };
  // No cmd.exe: a path may hold characters cmd would interpret. rundll32 takes it as one argument.
  if (platform === 'win32') return { command: 'rundll32.exe', args: ['url.dll,FileProtocolHandler', file] };
  return { command: 'xdg-open', args: [file] };
}

/** Opens the address through a launch file, removed once the browser has had time to read it. */
function openBrowser(url: string, dataDir: string, onFail: () => void): void {
  try {
    const file = writeLaunchFile(dataDir, url);
    const forget = setTimeout(() => fs.rmSync(file, { force: true }), 60_000);
    forget.unref();
    process.once('exit', () => fs.rmSync(file, { force: true }));
    const { command, args } = browserCommand(file);
    const child = spawn(command, args, { stdio: 'ignore', detached: true, shell: false });
    child.once('error', onFail);
    child.unref();
  } catch {
    onFail();
  }
}

/** `hearth serve`: runs until SIGINT/SIGTERM, then shuts down cleanly. Returns the exit code. */
export async function serveFromCli(argv: string[]): Promise<number> {
  let args: ServeArgs;
  try {
    args = parseServeArgs(argv);
  } catch (error) {
    process.stderr.write(`hearth serve: ${(error as Error).message}\n${SERVE_USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${SERVE_USAGE}\n`);
    return 0;
  }
  let server: RunningServer;
  try {
    server = await startServer({ port: args.port, dataDir: args.dataDir, staticDir: args.staticDir });
  } catch (error) {
    process.stderr.write(`hearth serve: ${isHearthError(error) ? error.message : `could not start: ${(error as Error)?.message ?? String(error)}`}\n`);
    return 1;
  }
  // The one line the e2e harness and `npm start` parse.
  process.stdout.write(`Hearth is running at ${server.url}\n`);
  if (args.open) openBrowser(server.url, resolveDataDir(args.dataDir), () => process.stderr.write('Could not open a browser: open the address above yourself.\n'));

  await waitForStopSignal();
  try {
    await server.close();
    return 0;
  } catch (error) {
    process.stderr.write(`hearth serve: shutdown failed: ${(error as Error)?.message ?? String(error)}\n`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await serveFromCli(process.argv.slice(2));
}
