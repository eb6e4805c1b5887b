import { WS_PATH, type HearthBridge } from '../../../main/contract/bridge.js';
import { createElectronClient } from './createElectronClient.js';
import { createWebSocketClient, webSocketUrl } from './createWebSocketClient.js';
import type { HearthClient } from './HearthClient.js';
import { readToken } from './readToken.js';

declare global {
  interface Window {
    hearth?: HearthBridge;
  }
}

/** Picks the transport at start-up: the preload's bridge in Electron, a WebSocket in the browser. */
export function createClient(win: Window = window): HearthClient {
  if (win.hearth?.shell === 'electron') return createElectronClient(win.hearth);
  return createWebSocketClient({ url: webSocketUrl(win.location, WS_PATH), token: readToken(win) });
}
