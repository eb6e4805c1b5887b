import { describe, expect, it, vi } from 'vitest';
import { IPC_INVOKE_CHANNEL, type EventFrame } from '../contract/index.js';
import { createEventBus } from '../services/events/eventBus.js';
import { createDispatcher } from './dispatch.js';
import { fakeHandlers } from './fakeHandlers.js';
import { createIpcHost, type IpcMainLike } from './ipcHost.js';

interface FakeEvent {
  senderId: number;
  url: string;
}

/** ipcMain's shape: one handler per channel, invoked the way Electron does it. */
function fakeIpcMain() {
  const handlers = new Map<string, (event: FakeEvent, ...args: unknown[]) => unknown>();
  const ipcMain: IpcMainLike<FakeEvent> = {
    handle(channel, listener) {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, listener);
    },
    removeHandler(channel) {
      handlers.delete(channel);
    },
  };
  const invoke = async (event: FakeEvent, frame: unknown) => {
    const handler = handlers.get(IPC_INVOKE_CHANNEL);
    if (!handler) throw new Error('no handler');
    return handler(event, frame);
  };
  return { ipcMain, invoke, handlers };
}

const WINDOW_ID = 1;
const APP_URL = 'file:///app/dist/renderer/index.html';
const trusted: FakeEvent = { senderId: WINDOW_ID, url: APP_URL };

function setup() {
  const { ipcMain, invoke, handlers } = fakeIpcMain();
  const bus = createEventBus();
  const send = vi.fn((_p: unknown, ctx: { shell: string }) => ({ chatId: 'c1', userMessageId: 'u1', messageId: ctx.shell }) as never);
  const dispatcher = createDispatcher({ handlers: fakeHandlers({ 'chat.turn': send }) });
  const sent: EventFrame[] = [];
  const host = createIpcHost<FakeEvent>({
    ipcMain,
    dispatcher,
    bus,
    isTrustedSender: (e) => e.senderId === WINDOW_ID && e.url === APP_URL,
    sendEvent: (frame) => sent.push(frame),
  });
  return { host, invoke, handlers, bus, send, sent, ipcMain };
}

describe('createIpcHost', () => {
  it('dispatches a trusted call with shell electron', async () => {
    const { invoke } = setup();
    expect(await invoke(trusted, { id: 1, method: 'chat.turn', params: { newChat: {}, action: { type: 'send', text: 'hi' } } })).toEqual({
      id: 1,
      ok: true,
      result: { chatId: 'c1', userMessageId: 'u1', messageId: 'electron' },
    });
  });

  it.each([
    ['another window', { senderId: 2, url: APP_URL }],
    ['our window navigated elsewhere', { senderId: WINDOW_ID, url: 'https://evil.example/' }],
    ['an iframe or another file', { senderId: WINDOW_ID, url: 'file:///tmp/evil.html' }],
  ])('answers UNAUTHORIZED to %s without reaching the service', async (_label, event) => {
    const { invoke, send } = setup();
    expect(await invoke(event, { id: 5, method: 'chat.turn', params: { newChat: {}, action: { type: 'send', text: 'hi' } } })).toEqual({
      id: 5,
      ok: false,
      error: { code: 'UNAUTHORIZED', message: 'This caller is not the Hearth window.' },
    });
    expect(send).not.toHaveBeenCalled();
  });

  it('treats a sender check that throws as untrusted', async () => {
    const { ipcMain, invoke } = fakeIpcMain();
    createIpcHost<FakeEvent>({
      ipcMain,
      dispatcher: createDispatcher({ handlers: fakeHandlers() }),
      bus: createEventBus(),
      isTrustedSender: () => {
        throw new Error('senderFrame is gone');
      },
      sendEvent: () => {},
    });
    expect(await invoke(trusted, { id: 1, method: 'app.info' })).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
  });

  it('answers INVALID_PARAMS and UNKNOWN_METHOD from a trusted sender', async () => {
    const { invoke, send } = setup();
    expect(await invoke(trusted, { id: 2, method: 'chat.turn', params: { newChat: {}, action: { type: 'send', text: 1 } } })).toMatchObject({ id: 2, ok: false, error: { code: 'INVALID_PARAMS' } });
    expect(await invoke(trusted, { id: 3, method: 'shell.exec', params: {} })).toMatchObject({ id: 3, ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(await invoke(trusted, 'garbage')).toMatchObject({ id: null, ok: false, error: { code: 'INVALID_PARAMS' } });
    expect(send).not.toHaveBeenCalled();
  });

  it('forwards bus events with a seq that restarts per page load', () => {
    const { host, bus, sent } = setup();
    bus.emit('settings.changed', {});
    bus.emit('models.changed', { reason: 'added', modelId: 'm' });
    expect(sent).toEqual([
      { event: 'settings.changed', payload: {}, seq: 1 },
      { event: 'models.changed', payload: { reason: 'added', modelId: 'm' }, seq: 2 },
    ]);
    host.resetSequence();
    bus.emit('settings.changed', {});
    expect(sent.at(-1)?.seq).toBe(1);
  });

  it('survives a window that is gone and unregisters on dispose', () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const bus = createEventBus((e) => {
      throw e; // any error escaping the host would surface here
    });
    const host = createIpcHost<FakeEvent>({
      ipcMain,
      dispatcher: createDispatcher({ handlers: fakeHandlers() }),
      bus,
      isTrustedSender: () => true,
      sendEvent: () => {
        throw new Error('Object has been destroyed');
      },
    });
    expect(() => bus.emit('settings.changed', {})).not.toThrow();
    host.dispose();
    expect(handlers.has(IPC_INVOKE_CHANNEL)).toBe(false);
    // A second host can register again (a re-created window).
    expect(() => createIpcHost<FakeEvent>({ ipcMain, dispatcher: createDispatcher({ handlers: fakeHandlers() }), bus, isTrustedSender: () => true, sendEvent: () => {} })).not.toThrow();
  });
});
