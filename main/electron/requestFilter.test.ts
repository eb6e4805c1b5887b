import { describe, expect, it } from 'vitest';
import { appLocation } from './appUrl.js';
import { isAllowedRequest } from './requestFilter.js';

describe('isAllowedRequest (the window session blocker)', () => {
  const built = appLocation(undefined);

  it.each([
    'app://hearth/index.html',
    'app://hearth/assets/index-abc123.js',
    'data:image/png;base64,AAAA',
    'blob:app://hearth/1234-5678',
    'devtools://devtools/bundled/inspector.html',
  ])('lets the app load %s', (url) => {
    expect(isAllowedRequest(url, built)).toBe(true);
  });

  it.each([
    'https://huggingface.co/',
    'http://127.0.0.1:8080/x.gguf',
    'http://localhost:5173/',
    'ws://127.0.0.1:1234/rpc',
    'wss://example.org/socket',
    'ftp://example.org/file',
    'file:///etc/passwd',
    // file: is never the app, not even the renderer's own files.
    'file:///opt/Hearth/resources/app.asar/dist/renderer/index.html',
    'file://remote-share/opt/Hearth/resources/app.asar/dist/renderer/index.html',
    'app://other-host/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isAllowedRequest(url, built)).toBe(false);
  });

  it('in development allows the dev server and its hot-reload socket, and nothing else', () => {
    const dev = appLocation('http://localhost:5173/');
    expect(isAllowedRequest('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isAllowedRequest('ws://localhost:5173/?token=abc', dev)).toBe(true);
    expect(isAllowedRequest('http://localhost:5174/', dev)).toBe(false);
    expect(isAllowedRequest('https://fonts.example.com/x.woff2', dev)).toBe(false);
    expect(isAllowedRequest('app://hearth/index.html', dev)).toBe(false);
  });
});
