import type { EventFrame, ReplyFrame } from './frames.js';

/**
 * What the preload exposes as `window.hearth`: one invoke over one channel and
 * one event subscription. The renderer's transport turns replies into results
 * or thrown errors; it never sees ipcRenderer.
 */
export interface HearthBridge {
  readonly shell: 'electron';
  invoke(method: string, params: unknown): Promise<ReplyFrame>;
  onEvent(listener: (frame: EventFrame) => void): () => void;
  /**
   * Where a File dropped on the page lives on disk ('' when it has no path):
   * Electron 32+ gives File no `path`, and only the preload can ask webUtils.
   * Reading the file is still main's decision (a native confirmation).
   */
  pathForFile(file: unknown): string;
}

/**
 * Browser mode: the WebSocket path and subprotocols. The per-run token travels
 * as a subprotocol so it is never part of a URL that could be logged or shared.
 */
export const WS_PATH = '/rpc';
export const WS_PROTOCOL = 'hearth.v1';
export const WS_TOKEN_PROTOCOL_PREFIX = 'hearth.token.';
