/**
 * The desktop app's main process: composition root for Electron. Everything
 * here is wiring; the behaviour lives in main/services (plain Node) and
 * main/rpc (the same dispatcher browser mode uses).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeTheme, protocol, safeStorage, screen, session, shell, type IpcMainInvokeEvent } from 'electron';
import { HearthError, IPC_EVENT_CHANNEL, isHearthError } from '../contract/index.js';
import { openSource } from '../services/documents/openSource.js';
import { createServices, type Services } from '../app/createServices.js';
import { createDispatcher } from '../rpc/dispatch.js';
import { createIpcHost, type IpcHost } from '../rpc/ipcHost.js';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './appProtocol.js';
import { appLocation, type AppLocation } from './appUrl.js';
import { databaseKeyFor } from './databaseKey.js';
import { menuTemplate } from './menu.js';
import { createModelPathGate, createPickedPaths, gateDocumentPaths, gateModelsAdd } from './modelPathGate.js';
import { setupSecurity } from './security.js';
import { isTrustedIpcSender } from './securityPolicy.js';
import { utilityWorker } from './utilityWorker.js';
import { CONTENT_SECURITY_POLICY, devContentSecurityPolicy, windowOptions } from './windowOptions.js';
import { restoreWindowState, saveWindowState, WINDOW_STATE_FILE } from './windowState.js';

/** dist/main/electron/main.js -> dist/. The preload and the renderer are built beside main. */
const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const PRELOAD = path.join(DIST, 'preload', 'preload.cjs');
const RENDERER_DIR = path.join(DIST, 'renderer');
/** Longest we wait for replies to be saved and the engine to stop before quitting anyway. */
const SHUTDOWN_TIMEOUT_MS = 10_000;

let win: BrowserWindow | null = null;
let services: Services | null = null;
let ipc: IpcHost | null = null;
let location: AppLocation;
let quitState: 'running' | 'disposing' | 'done' = 'running';

/** A start-up failure the user must see: one dialog naming the cause, then exit (no window, nothing half-started). */
function fail(title: string, error: unknown): void {
  const message = isHearthError(error) ? error.message : `${(error as Error)?.message ?? String(error)}`;
  services?.logger.error(`${title}: ${(error as Error)?.stack ?? message}`);
  dialog.showErrorBox(title, message);
  app.exit(1);
}

/** Only our window's main frame, showing our page (securityPolicy.isTrustedIpcSender decides, tested without Electron). */
function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return isTrustedIpcSender(
    { webContentsId: event.sender.id, frame: frame ? { url: frame.url, isMainFrame: frame.parent === null } : null },
    win && !win.isDestroyed() ? win.webContents.id : null,
    location,
  );
}

function createWindow(dataDir: string): void {
  const stateFile = path.join(dataDir, WINDOW_STATE_FILE);
  const saved = restoreWindowState(
    stateFile,
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const window = new BrowserWindow(windowOptions({ preloadPath: PRELOAD, bounds: saved?.bounds ?? null, dark: nativeTheme.shouldUseDarkColors }));
  win = window;
  if (saved?.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  window.on('close', () => saveWindowState(stateFile, { bounds: window.getNormalBounds(), maximized: window.isMaximized() }));
  window.on('closed', () => {
    if (win === window) win = null;
  });
  // A page load is a new client: event seq starts over.
  window.webContents.on('did-navigate', () => ipc?.resetSequence());
  window.webContents.on('render-process-gone', (_event, details) => {
    services?.logger.error(`renderer process gone: ${details.reason} (${details.exitCode})`);
    if (details.reason !== 'clean-exit' && !window.isDestroyed()) window.webContents.reload();
  });
  // app://hearth/index.html, never loadFile: file: pages lose their extra privileges (the grantFileProtocolExtraPrivileges fuse is off).
  const loaded = window.loadURL(location.devOrigin ? process.env.HEARTH_DEV_URL! : location.indexUrl);
  loaded.catch((error: unknown) => services?.logger.error(`the renderer did not load: ${String(error)}`));
}

async function pickFile(): Promise<string | null> {
  const options = { title: 'Add a GGUF model', properties: ['openFile' as const], filters: [{ name: 'GGUF models', extensions: ['gguf'] }] };
  const result = win && !win.isDestroyed() ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

/** A path typed in the window becomes the user's choice only when they confirm it here, in a dialog the page cannot draw. */
/** A yes/no question in a native dialog main shows: the renderer can neither draw nor answer it. */
async function askInMain(question: { title: string; message: string; detail: string; yes: string }): Promise<boolean> {
  const options = { type: 'question' as const, buttons: [question.yes, 'Cancel'], defaultId: 1, cancelId: 1, title: question.title, message: question.message, detail: question.detail };
  const { response } = win && !win.isDestroyed() ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
  return response === 0;
}

const confirmModelPath = (file: string) => askInMain({ title: 'Add a model file', message: 'Add this file as a model?', detail: file.slice(0, 1000), yes: 'Add model' });

const confirmDocumentPaths = (paths: readonly string[]) =>
  askInMain({
    title: 'Add documents',
    message: `Let Hearth read ${paths.length === 1 ? 'this file or folder' : `these ${paths.length} files and folders`} for your documents?`,
    detail: paths.slice(0, 20).join('\n').slice(0, 2000),
    yes: 'Read them',
  });

/** A reply's source opened in the system's app, after the user says yes in a dialog the page cannot draw or answer. */
async function openInSystemApp(file: string): Promise<void> {
  const yes = await askInMain({ title: 'Open a document', message: 'Open this file in its app?', detail: file.slice(0, 1000), yes: 'Open' });
  if (!yes) throw new HearthError('ABORTED', `Hearth did not open ${path.basename(file)}: you chose not to.`);
  // shell.openPath resolves with an error message, empty on success.
  const failure = await shell.openPath(file);
  if (failure) throw new HearthError('INTERNAL', `Could not open ${path.basename(file)}: ${failure}`);
}

/** Folders for a document collection, from the native dialog (several at once). */
async function pickFolders(): Promise<string[]> {
  const options = { title: 'Choose folders for your documents', properties: ['openDirectory' as const, 'multiSelections' as const] };
  const result = win && !win.isDestroyed() ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return result.canceled ? [] : result.filePaths;
}

/** Stops replies (each stores its text), stops the engine, closes the store; bounded so a stuck engine cannot block quitting. */
async function shutdown(): Promise<void> {
  ipc?.dispose();
  ipc = null;
  if (!services) return;
  const current = services;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      current.logger.warn(`shutdown took over ${SHUTDOWN_TIMEOUT_MS} ms; quitting anyway`);
      resolve();
    }, SHUTDOWN_TIMEOUT_MS);
  });
  try {
    await Promise.race([current.dispose(), timeout]);
  } catch (error) {
    current.logger.error(`shutdown failed: ${String(error)}`);
  } finally {
    clearTimeout(timer);
  }
}

async function start(): Promise<void> {
  await app.whenReady();
  const dataDir = app.getPath('userData');
  try {
    location = appLocation(process.env.HEARTH_DEV_URL);
  } catch (error) {
    return fail('Hearth: bad HEARTH_DEV_URL', error);
  }
  let built: Services;
  try {
    // Unpackaged (npm start), better-sqlite3-multiple-ciphers built for Electron's ABI lives beside Node's; packaged builds are rebuilt in place.
    const sqliteNativeBinding = app.isPackaged ? undefined : process.env.HEARTH_SQLITE_BINDING;
    // The database key lives in the OS keychain (safeStorage); it opens the database only once encryption is switched on.
    const databaseKey = databaseKeyFor(dataDir, safeStorage);
    built = await createServices({ dataDir, shell: 'electron', spawnWorker: utilityWorker, pickFile, sqliteNativeBinding, resumeDownloads: true, databaseKey });
  } catch (error) {
    // DB_FROM_FUTURE, DB_CORRUPT, an unwritable data folder: say which, then leave.
    return fail('Hearth could not start', error);
  }
  services = built;
  const { logger } = built;
  const csp = location.devOrigin ? devContentSecurityPolicy(location.devOrigin) : CONTENT_SECURITY_POLICY;
  session.defaultSession.protocol.handle(APP_SCHEME, createAppProtocolHandler({ root: RENDERER_DIR, csp }));
  setupSecurity({
    session: session.defaultSession,
    location,
    csp,
    getWindow: () => win,
    logger,
    network: built.network,
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate({ platform: process.platform, isDev: !app.isPackaged })));

  // models.add takes only paths the picker returned or the user confirmed in main (modelPathGate.ts).
  // Folders the user picked in the dialog are not asked about again; typed ones are.
  const picks = createPickedPaths(confirmDocumentPaths);
  const gated = gateDocumentPaths(gateModelsAdd(built.handlers, createModelPathGate({ confirm: confirmModelPath })), (paths) => picks.confirm(paths));
  const handlers = {
    ...gated,
    'documents.pickPaths': async () => ({ paths: picks.picked(await pickFolders()) }),
    // documents.open: the same check that the file is indexed, then a native question and shell.openPath.
    'documents.open': async ({ path: file }: { path: string }) => (await openSource(built.documents, file, openInSystemApp), { opened: true as const }),
  };
  const dispatcher = createDispatcher({ handlers, logger, checkResults: !app.isPackaged && process.env.HEARTH_CHECK_RESULTS === '1' });
  ipc = createIpcHost<IpcMainInvokeEvent>({
    ipcMain,
    dispatcher,
    bus: built.bus,
    isTrustedSender,
    sendEvent: (frame) => {
      if (win && !win.isDestroyed()) win.webContents.send(IPC_EVENT_CHANNEL, frame);
    },
    logger,
  });

  createWindow(dataDir);
  app.on('activate', () => {
    // macOS: the dock icon re-opens the window; the services never stopped.
    if (!win && quitState === 'running') createWindow(dataDir);
  });
}

function main(): void {
  // Tests and the CLI's shared-data setups point the app at another data folder; the single-instance lock then follows it.
  if (process.env.HEARTH_DATA_DIR) app.setPath('userData', path.resolve(process.env.HEARTH_DATA_DIR));
  if (process.platform === 'win32') app.setAppUserModelId('dev.hearth.app');
  // Every renderer sandboxed, whatever a window's options say.
  app.enableSandbox();
  // Must precede app ready: the renderer's scheme gets an origin, a secure context and V8's code cache (appProtocol.ts).
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  // Quitting waits for the services: a streaming reply is saved, the engine process is stopped, the database closed.
  app.on('before-quit', (event) => {
    if (quitState === 'done') return;
    event.preventDefault();
    if (quitState === 'disposing') return;
    quitState = 'disposing';
    void shutdown().finally(() => {
      quitState = 'done';
      app.quit();
    });
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => app.quit());

  start().catch((error: unknown) => fail('Hearth could not start', error));
}

main();
