import { describe, expect, it } from 'vitest';
import { appLocation } from './appUrl.js';
import {
  ALLOWED_PERMISSIONS,
  isTrustedIpcSender,
  mayRequestPermission,
  mayUsePermission,
  navigationDecision,
  windowOpenDecision,
  withContentSecurityPolicy,
} from './securityPolicy.js';

const built = appLocation(undefined);
const dev = appLocation('http://localhost:5173/');
const APP = 'app://hearth/index.html';
const PERMISSIONS = ['media', 'geolocation', 'notifications', 'clipboard-read', 'hid', 'serial', 'usb', 'openExternal', 'fullscreen', 'pointerLock', 'display-capture', 'midiSysex', 'unknown'];

describe('permissions', () => {
  it('allows only clipboard writes', () => {
    expect([...ALLOWED_PERMISSIONS]).toEqual(['clipboard-sanitized-write']);
  });

  it.each(PERMISSIONS)('denies %s to our own page', (permission) => {
    expect(mayRequestPermission(permission, APP, built)).toBe(false);
    expect(mayUsePermission(permission, 'app://hearth', APP, built)).toBe(false);
  });

  it('grants clipboard writes to our page and to nothing else', () => {
    expect(mayRequestPermission('clipboard-sanitized-write', `${APP}#/chats/1`, built)).toBe(true);
    expect(mayUsePermission('clipboard-sanitized-write', 'app://hearth', APP, built)).toBe(true);
    for (const url of ['https://evil.example/', 'file:///tmp/evil.html', 'about:blank', undefined]) {
      expect(mayRequestPermission('clipboard-sanitized-write', url, built), String(url)).toBe(false);
      expect(mayUsePermission('clipboard-sanitized-write', 'https://evil.example', url, built), String(url)).toBe(false);
    }
  });

  it('matches the dev server by origin for checks, and only the dev server', () => {
    expect(mayUsePermission('clipboard-sanitized-write', 'http://localhost:5173', undefined, dev)).toBe(true);
    expect(mayUsePermission('clipboard-sanitized-write', 'http://localhost:5174', undefined, dev)).toBe(false);
    expect(mayUsePermission('clipboard-sanitized-write', 'http://localhost:5173', undefined, built)).toBe(false);
  });
});

describe('navigation and new windows', () => {
  it('lets our own page reload or change its hash', () => {
    expect(navigationDecision(`${APP}#/settings`, built)).toEqual({ action: 'allow' });
  });

  it.each([
    ['https://sqlite.org/wal.html', 'https://sqlite.org/wal.html'],
    ['http://example.com', 'http://example.com/'],
    ['file:///etc/passwd', null],
    ['javascript:alert(1)', null],
    ['data:text/html,<script>alert(1)</script>', null],
    ['https://trusted.example@evil.example/', null],
    ['ms-settings:', null],
    ['file:///opt/Hearth/resources/app.asar/dist/renderer/index.html', null],
    ['app://hearth/assets/other.html', null],
    ['app://evil/index.html', null],
  ])('stops navigation to %s, offering only http(s) to the browser', (url, external) => {
    expect(navigationDecision(url, built)).toEqual({ action: 'deny', external });
    expect(windowOpenDecision(url)).toEqual({ action: 'deny', external });
  });

  it('never opens a window, not even our own page', () => {
    expect(windowOpenDecision(APP)).toEqual({ action: 'deny', external: null });
  });
});

describe('withContentSecurityPolicy', () => {
  it('replaces any CSP the response carried, in any spelling, and keeps the other headers', () => {
    const headers = withContentSecurityPolicy(
      { 'content-security-policy': ["default-src *; script-src 'unsafe-eval'"], 'CONTENT-SECURITY-POLICY-REPORT-ONLY': ['default-src *'], 'Content-Type': 'text/html', 'X-Other': ['a', 'b'] },
      "default-src 'self'",
    );
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'X-Other': ['a', 'b'], 'Content-Security-Policy': ["default-src 'self'"] });
  });

  it('adds the CSP to a response without headers', () => {
    expect(withContentSecurityPolicy(undefined, "default-src 'self'")).toEqual({ 'Content-Security-Policy': ["default-src 'self'"] });
  });
});

describe('isTrustedIpcSender', () => {
  const main = { url: APP, isMainFrame: true };
  it('trusts our window main frame showing our page', () => {
    expect(isTrustedIpcSender({ webContentsId: 3, frame: main }, 3, built)).toBe(true);
    expect(isTrustedIpcSender({ webContentsId: 3, frame: { ...main, url: `${APP}#/chats/9` } }, 3, built)).toBe(true);
  });

  it.each([
    ['another window', { webContentsId: 4, frame: main }, 3],
    ['no window (closed)', { webContentsId: 3, frame: main }, null],
    ['an iframe of our page', { webContentsId: 3, frame: { ...main, isMainFrame: false } }, 3],
    ['a frame already gone', { webContentsId: 3, frame: null }, 3],
    ['our window navigated elsewhere', { webContentsId: 3, frame: { url: 'https://evil.example/', isMainFrame: true } }, 3],
    ['another local file', { webContentsId: 3, frame: { url: 'file:///tmp/evil.html', isMainFrame: true } }, 3],
    ['our index.html opened from file:', { webContentsId: 3, frame: { url: 'file:///opt/Hearth/resources/app.asar/dist/renderer/index.html', isMainFrame: true } }, 3],
    ['devtools', { webContentsId: 3, frame: { url: 'devtools://devtools/bundled/inspector.html', isMainFrame: true } }, 3],
  ] as const)('refuses %s', (_label, sender, windowId) => {
    expect(isTrustedIpcSender(sender, windowId, built)).toBe(false);
  });
});
