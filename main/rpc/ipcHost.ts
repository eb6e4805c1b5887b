import { IPC_INVOKE_CHANNEL, RequestFrame, type EventFrame } from '../contract/index.js';
import type { EventBus } from '../services/events/eventBus.js';
import type { Dispatcher, RpcLogger, WireReply } from './dispatch.js';

/**
 * The part of Electron's ipcMain this host uses. Written against this shape,
 * not against 'electron', so the host is tested in plain Node; main/electron
 * passes the real ipcMain.
 */
export interface IpcMainLike<E> {
  handle(channel: string, listener: (event: E, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface IpcHostOptions<E> {
  ipcMain: IpcMainLike<E>;
  dispatcher: Dispatcher;
  bus: EventBus;
  /**
   * True only for our window's main frame showing our app (see
   * main/electron/appUrl.ts). Anything else (another window, an iframe, a page
   * navigated elsewhere) is answered UNAUTHORIZED without reaching a service.
   */
  isTrustedSender(event: E): boolean;
  /** Delivers an event frame to the window (webContents.send on IPC_EVENT_CHANNEL); a closed window is a no-op. */
  sendEvent(frame: EventFrame): void;
  logger?: RpcLogger;
}

export interface IpcHost {
  /** A new page load is a new client: its events start again at seq 1. */
  resetSequence(): void;
  dispose(): void;
}

function idOf(frame: unknown): RequestFrame['id'] | null {
  if (!frame || typeof frame !== 'object' || !Object.hasOwn(frame, 'id')) return null;
  const parsed = RequestFrame.shape.id.safeParse((frame as { id: unknown }).id);
  return parsed.success ? parsed.data : null;
}

/** Electron: one invoke channel into the dispatcher, one event channel out, every sender checked. */
export function createIpcHost<E>({ ipcMain, dispatcher, bus, isTrustedSender, sendEvent, logger }: IpcHostOptions<E>): IpcHost {
  let seq = 0;

  ipcMain.handle(IPC_INVOKE_CHANNEL, async (event, frame): Promise<WireReply> => {
    let trusted = false;
    try {
      trusted = isTrustedSender(event);
    } catch (error) {
      logger?.warn(`sender check failed: ${String(error)}`);
    }
    if (!trusted) {
      logger?.warn('refused an IPC call from a sender that is not the Hearth window');
      return { id: idOf(frame), ok: false, error: { code: 'UNAUTHORIZED', message: 'This caller is not the Hearth window.' } } as WireReply;
    }
    return dispatcher.dispatch(frame, { shell: 'electron' });
  });

  const unsubscribe = bus.subscribe((event, payload) => {
    try {
      sendEvent({ event, payload, seq: ++seq } as EventFrame);
    } catch (error) {
      // The window is closing; the next page load starts over anyway.
      logger?.warn(`could not deliver ${event}: ${String(error)}`);
    }
  });

  let disposed = false;
  return {
    resetSequence() {
      seq = 0;
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      unsubscribe();
      ipcMain.removeHandler(IPC_INVOKE_CHANNEL);
    },
  };
}
