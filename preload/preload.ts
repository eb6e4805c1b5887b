/**
 * window.hearth in the desktop app: one invoke over one channel, one event
 * subscription, nothing else. The renderer never sees ipcRenderer or an
 * IpcRendererEvent (their `sender` would hand it the whole IPC API).
 *
 * A sandboxed preload can require only 'electron' at run time, so this file is
 * bundled to one CommonJS file (vite.preload.config.ts). The method allowlist
 * and channel names come from the contract at build time through `define`:
 * importing them would drag zod into the preload.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { EventFrame, HearthBridge, ReplyFrame } from '../main/contract/index.js';

declare const __HEARTH_PRELOAD_CONTRACT__: {
  methods: readonly string[];
  invokeChannel: string;
  eventChannel: string;
};

const { methods, invokeChannel, eventChannel } = __HEARTH_PRELOAD_CONTRACT__;
const allowed: ReadonlySet<string> = new Set(methods);
let nextId = 0;

function refuse(id: number, code: 'UNKNOWN_METHOD' | 'INVALID_PARAMS' | 'INTERNAL', message: string): ReplyFrame {
  return { id, ok: false, error: { code, message } };
}

const bridge: HearthBridge = {
  shell: 'electron',

  async invoke(method, params) {
    const id = ++nextId;
    // Checked here too, so a compromised renderer's stray calls stop before they cost an IPC round trip; main checks again.
    if (typeof method !== 'string' || !allowed.has(method)) {
      return refuse(id, 'UNKNOWN_METHOD', `Unknown method "${String(method).slice(0, 64)}".`);
    }
    try {
      return (await ipcRenderer.invoke(invokeChannel, { id, method, params })) as ReplyFrame;
    } catch (error) {
      // Structured clone refuses functions, DOM nodes and the like; nothing else should reject.
      const message = error instanceof Error ? error.message : String(error);
      return /clone/i.test(message)
        ? refuse(id, 'INVALID_PARAMS', `${method}: params could not be sent (${message})`)
        : refuse(id, 'INTERNAL', `${method}: the call did not reach Hearth (${message})`);
    }
  },

  onEvent(listener) {
    if (typeof listener !== 'function') throw new TypeError('hearth.onEvent needs a function');
    const forward = (_event: IpcRendererEvent, frame: EventFrame) => listener(frame);
    ipcRenderer.on(eventChannel, forward);
    return () => {
      ipcRenderer.removeListener(eventChannel, forward);
    };
  },

  pathForFile(file) {
    try {
      return webUtils.getPathForFile(file as File);
    } catch {
      // Not a File (a compromised or confused caller): no path rather than an exception across the bridge.
      return '';
    }
  },
};

contextBridge.exposeInMainWorld('hearth', bridge);
