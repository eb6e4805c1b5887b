import { describe, expect, it, vi } from 'vitest';
import { appLocation } from './appUrl.js';
import { hardenSession, type SessionHooks } from './hardenSession.js';
import { hardenWebContents, type WebContentsHooks } from './hardenWebContents.js';

/**
 * The wiring of the checklist, driven the way Electron drives it: fakes
 * record each hook Hearth installs, then the tests call them as Chromium
 * would (Electron's binary is absent here, and the hooks hold no logic of
 * their own beyond securityPolicy's decisions).
 */
const location = appLocation(undefined);
const APP = 'app://hearth/index.html';
type Fn = (...args: never[]) => unknown;

function fakeSession() {
  const hooks: Record<string, Fn> = {};
  /** Every argument each webRequest hook was installed with: a URL filter before the listener narrows what it sees. */
  const installed: Record<string, unknown[]> = {};
  const spellchecker: boolean[] = [];
  const webRequest = (name: string) => (...args: unknown[]) => {
    installed[name] = args;
    hooks[name] = args[args.length - 1] as Fn;
  };
  const session = {
    webRequest: { onBeforeRequest: webRequest('beforeRequest'), onHeadersReceived: webRequest('headersReceived') },
    setPermissionRequestHandler: (h: Fn) => (hooks.request = h),
    setPermissionCheckHandler: (h: Fn) => (hooks.check = h),
    setDevicePermissionHandler: (h: Fn) => (hooks.device = h),
    setSpellCheckerEnabled: (on: boolean) => spellchecker.push(on),
  } as unknown as SessionHooks;
  return { session, installed, spellchecker, hooks: hooks as Record<string, (...args: unknown[]) => unknown> };
}

function fakeContents() {
  const listeners = new Map<string, (event: { preventDefault(): void }, url: string) => void>();
  let openHandler: ((details: { url: string }) => { action: string }) | null = null;
  const contents = {
    on: (event: string, listener: never) => listeners.set(event, listener),
    setWindowOpenHandler: (h: never) => (openHandler = h),
  } as unknown as WebContentsHooks;
  const fire = (event: string, url: string) => {
    const e = { preventDefault: vi.fn() };
    listeners.get(event)!(e, url);
    return e.preventDefault.mock.calls.length > 0;
  };
  return { contents, listeners, fire, open: (url: string) => openHandler!({ url }) };
}

describe('hardenSession', () => {
  const recordRefused = vi.fn();
  const { session, hooks, installed, spellchecker } = fakeSession();
  hardenSession(session, { location, csp: "default-src 'self'", network: { recordRefused } });

  it('installs every session hook', () => {
    expect(Object.keys(hooks).sort()).toEqual(['beforeRequest', 'check', 'device', 'headersReceived', 'request']);
  });

  it('sees every request: the filter and the CSP hook are installed with no URL filter, and refuse every way out', () => {
    // One argument, the listener: Electron then calls it for every URL of every resource type.
    expect(installed.beforeRequest).toHaveLength(1);
    expect(installed.headersReceived).toHaveLength(1);
    const answers: unknown[] = [];
    const outward = [
      'https://redirector.gvt1.com/edgedl/chrome/dict/en-us-10-1.bdic',
      'http://192.168.1.10/',
      'wss://example.com/socket',
      'ws://127.0.0.1:9000/',
      'ftp://example.com/file',
      'file:///etc/passwd',
      'https://hearth/index.html',
      'app://evil/index.html',
      'not a url',
    ];
    for (const url of outward) hooks.beforeRequest!({ url, resourceType: 'xhr' }, (a: unknown) => answers.push(a));
    expect(answers).toEqual(outward.map(() => ({ cancel: true })));
    expect(recordRefused.mock.calls.map((c) => (c[0] as { url: string }).url)).toEqual(expect.arrayContaining(outward));
  });

  it('turns the spellchecker off for the whole session, so no dictionary is ever downloaded', () => {
    expect(spellchecker).toEqual([false]);
  });

  it('cancels requests to the network and logs them; lets the app load its own files', () => {
    const answer = vi.fn();
    hooks.beforeRequest!({ url: 'https://tracker.example/pixel.gif' }, answer);
    expect(answer).toHaveBeenLastCalledWith({ cancel: true });
    expect(recordRefused).toHaveBeenCalledWith({ url: 'https://tracker.example/pixel.gif', purpose: 'renderer' }, expect.any(String));
    hooks.beforeRequest!({ url: APP.replace('index.html', 'assets/app.js') }, answer);
    expect(answer).toHaveBeenLastCalledWith({});
  });

  it('puts our CSP on every response, replacing the one it came with', () => {
    const answer = vi.fn();
    hooks.headersReceived!({ responseHeaders: { 'Content-Security-Policy': ['default-src *'] } }, answer);
    expect(answer).toHaveBeenCalledWith({ responseHeaders: { 'Content-Security-Policy': ["default-src 'self'"] } });
  });

  it('answers permission prompts and checks with securityPolicy, and refuses every device', () => {
    const callback = vi.fn();
    const contents = { getURL: () => APP };
    hooks.request!(contents, 'media', callback, { requestingUrl: APP });
    hooks.request!(contents, 'clipboard-sanitized-write', callback, { requestingUrl: APP });
    hooks.request!(contents, 'clipboard-sanitized-write', callback, {});
    hooks.request!({ getURL: () => 'https://evil.example/' }, 'clipboard-sanitized-write', callback, {});
    expect(callback.mock.calls.map((c) => c[0])).toEqual([false, true, true, false]);
    expect(hooks.check!(null, 'geolocation', 'app://hearth', { requestingUrl: APP })).toBe(false);
    expect(hooks.check!(null, 'clipboard-sanitized-write', 'app://hearth', { requestingUrl: APP })).toBe(true);
    expect(hooks.device!({ deviceType: 'hid', origin: 'app://hearth' })).toBe(false);
  });
});

describe('hardenWebContents', () => {
  it('keeps the window on the app, refuses webviews and new windows, and offers only http(s) links, after asking', () => {
    const openExternal = vi.fn();
    const warn = vi.fn();
    const { contents, listeners, fire, open } = fakeContents();
    hardenWebContents(contents, { location, openExternal, logger: { warn, error: vi.fn() } });
    expect([...listeners.keys()].sort()).toEqual(['will-attach-webview', 'will-navigate', 'will-redirect']);

    expect(fire('will-navigate', `${APP}#/chats`)).toBe(false);
    expect(fire('will-navigate', 'https://example.com/a')).toBe(true);
    expect(fire('will-redirect', 'http://example.com/b')).toBe(true);
    expect(fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(fire('will-attach-webview', 'https://example.com/')).toBe(true);
    expect(open('https://example.com/c')).toEqual({ action: 'deny' });
    expect(open('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(open(APP)).toEqual({ action: 'deny' });

    expect(openExternal.mock.calls.map((c) => c[0])).toEqual(['https://example.com/a', 'http://example.com/b', 'https://example.com/c']);
    expect(warn).toHaveBeenCalledTimes(3); // file:, javascript: and our own page in a new window: blocked, logged
  });
});
