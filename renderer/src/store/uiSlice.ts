import { isHearthError, type ErrorCode } from '../../../main/contract/errors.js';
import type { ConnectionInfo } from '../transport/HearthClient.js';
import type { SliceCreator } from './types.js';

export type View = 'chat' | 'models' | 'settings' | 'routing' | 'documents';

export interface Toast {
  id: number;
  kind: 'error' | 'info';
  message: string;
  code: ErrorCode | null;
}

export interface UiSlice {
  view: View;
  toasts: Toast[];
  connection: ConnectionInfo;
  chatSettingsOpen: boolean;
  /** A search hit asked the list to bring this message into view. */
  focusMessageId: string | null;
  setView(view: View): void;
  setChatSettingsOpen(open: boolean): void;
  setFocusMessage(id: string | null): void;
  pushToast(kind: Toast['kind'], message: string, code?: ErrorCode | null): void;
  dismissToast(id: number): void;
  reportError(error: unknown): void;
  setConnection(info: ConnectionInfo): void;
}

const MAX_TOASTS = 4;

export const createUiSlice: SliceCreator<UiSlice> = (set, get) => {
  let nextToastId = 1;
  return {
    view: 'chat',
    toasts: [],
    connection: { state: 'connecting', message: null },
    chatSettingsOpen: false,
    focusMessageId: null,
    setView: (view) => set({ view }),
    setChatSettingsOpen: (chatSettingsOpen) => set({ chatSettingsOpen }),
    setFocusMessage: (focusMessageId) => set({ focusMessageId }),
    pushToast(kind, message, code = null) {
      const toast: Toast = { id: nextToastId++, kind, message, code };
      set((s) => ({ toasts: [...s.toasts, toast].slice(-MAX_TOASTS) }));
    },
    dismissToast: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
    reportError(error) {
      if (isHearthError(error)) get().pushToast('error', error.message, error.code);
      else get().pushToast('error', error instanceof Error ? error.message : String(error), null);
    },
    setConnection: (connection) => set({ connection }),
  };
};
