// Type-only: this module stays pure (no runtime 'electron') so its settings are unit-tested in plain Node.
import type { BrowserWindowConstructorOptions, Rectangle } from 'electron';
import { contentSecurityPolicy } from '../rpc/contentSecurityPolicy.js';

/** The renderer's CSP in the desktop app: the same policy as browser mode, with no WebSocket (IPC needs none). */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

/** The dev-server variant: Vite's inline React preamble and HMR socket. Used only when HEARTH_DEV_URL is set. */
export function devContentSecurityPolicy(devOrigin: string): string {
  return contentSecurityPolicy({ devServerOrigin: devOrigin });
}

export const MIN_WIDTH = 720;
export const MIN_HEIGHT = 480;
export const DEFAULT_BOUNDS = { width: 1200, height: 800 } as const;

export interface WindowOptionsInput {
  /** Absolute path of dist/preload/preload.cjs. */
  preloadPath: string;
  /** Restored bounds (windowState.ts), or null for the default size, centred. */
  bounds: Partial<Rectangle> | null;
  /** Dark or light, so the first frame does not flash white on a dark desktop. */
  dark?: boolean;
}

export function windowOptions({ preloadPath, bounds, dark = false }: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    ...DEFAULT_BOUNDS,
    ...(bounds ?? {}),
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    title: 'Hearth',
    // Shown on 'ready-to-show': no blank window while the renderer boots.
    show: false,
    backgroundColor: dark ? '#1b1b1f' : '#ffffff',
    webPreferences: {
      preload: preloadPath,
      // The renderer is untrusted: no Node, its own JS world for the preload, the OS sandbox.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // Chromium's spellchecker downloads Hunspell dictionaries from Google's servers (Linux, Windows),
      // from the browser process, outside Node's socket guard: an offline app must not.
      spellcheck: false,
      // Streaming continues while the window is in the background.
      backgroundThrottling: false,
      devTools: true,
    },
  };
}
