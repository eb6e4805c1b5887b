import { describe, expect, it } from 'vitest';
import { appLocation, externalLink, isAppUrl } from './appUrl.js';

describe('isAppUrl', () => {
  const built = appLocation(undefined);

  it('is app://hearth/index.html for a built app', () => {
    expect(built).toEqual({ indexUrl: 'app://hearth/index.html', devOrigin: null });
  });

  it('accepts our index.html with any hash or query', () => {
    expect(isAppUrl('app://hearth/index.html', built)).toBe(true);
    expect(isAppUrl('app://hearth/index.html?x=1#/chats/c1', built)).toBe(true);
  });

  it.each([
    'file:///opt/Hearth/resources/app.asar/dist/renderer/index.html',
    'app://hearth/assets/other.html',
    'app://other/index.html',
    'app://hearth.evil/index.html',
    'app://hearth:80/index.html',
    'file:///tmp/evil.html',
    'file://evil-host/opt/Hearth/resources/app.asar/dist/renderer/index.html',
    'https://example.com/',
    'http://localhost:5173/',
    'about:blank',
    'devtools://devtools/bundled/inspector.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isAppUrl(url, built)).toBe(false);
  });

  it('matches the dev server by origin only', () => {
    const dev = appLocation('http://localhost:5173/');
    expect(isAppUrl('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isAppUrl('app://hearth/index.html', dev)).toBe(false);
  });

  it('refuses a dev URL that is not local', () => {
    expect(() => appLocation('https://evil.example/')).toThrow(/HEARTH_DEV_URL/);
    expect(() => appLocation('http://192.168.1.5:5173/')).toThrow(/HEARTH_DEV_URL/);
  });
});

describe('externalLink', () => {
  it('passes http and https links through, normalised', () => {
    expect(externalLink('https://sqlite.org/wal.html')).toBe('https://sqlite.org/wal.html');
    expect(externalLink('HTTP://Example.com')).toBe('http://example.com/');
  });
  it.each(['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'ms-settings:', 'https://trusted.example@evil.example/', 'mailto:a@b.c', ''])('refuses %s', (url) => {
    expect(externalLink(url)).toBeNull();
  });
});
