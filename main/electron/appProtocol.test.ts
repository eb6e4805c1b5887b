import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRendererFixture, type RendererFixture } from '../../test/rendererFixture.js';
import { APP_INDEX_URL, APP_SCHEME_PRIVILEGES, createAppProtocolHandler, type AppProtocolHandler } from './appProtocol.js';

const CSP = "default-src 'self'";
let fixture: RendererFixture;
let dir: string;
let root: string;
let handle: AppProtocolHandler;

beforeAll(() => {
  fixture = makeRendererFixture('hearth-app-protocol-', {
    'index.html': '<!doctype html><title>Hearth</title><script type="module" src="./assets/app-1a2b.js"></script>',
    'assets/app-1a2b.js': 'console.log(1)',
  });
  ({ dir, root } = fixture);
  handle = createAppProtocolHandler({ root, csp: CSP });
});

afterAll(() => fixture.remove());

const get = (url: string, method = 'GET') => handle(new Request(url, { method }));

describe('the app:// protocol handler', () => {
  it('serves index.html fresh, typed, with the CSP and nosniff', async () => {
    const res = await get(APP_INDEX_URL);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.text()).toContain('<title>Hearth</title>');
  });

  it('serves hashed assets as JavaScript, cacheable forever', async () => {
    const res = await get('app://hearth/assets/app-1a2b.js?v=1#x');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('content-length')).toBe(String('console.log(1)'.length));
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect(await res.text()).toBe('console.log(1)');
  });

  it('answers a route with index.html and a missing asset with 404', async () => {
    expect(await (await get('app://hearth/chats/42')).text()).toContain('<title>Hearth</title>');
    expect(await (await get('app://hearth/')).text()).toContain('<title>Hearth</title>');
    expect((await get('app://hearth/assets/missing.js')).status).toBe(404);
  });

  it('answers HEAD without a body', async () => {
    const res = await get(APP_INDEX_URL, 'HEAD');
    expect(res.status).toBe(200);
    expect(res.body).toBeNull();
  });

  it.each([
    ['an encoded dot-dot', 'app://hearth/%2e%2e/secret.txt', [400, 404]],
    ['an encoded slash and dot-dot', 'app://hearth/assets%2f..%2f..%2fsecret.txt', [400]],
    ['an encoded backslash', 'app://hearth/..%5csecret.txt', [400]],
    ['a NUL', 'app://hearth/index.html%00.js', [400]],
    ['a dotfile', 'app://hearth/.env', [404]],
    ['a symlink out of the renderer', 'app://hearth/assets/link.txt', [404]],
    ['another host', 'app://evil/index.html', [404]],
    ['another scheme', 'file:///etc/passwd', [404]],
  ] as const)('refuses %s', async (_label, url, statuses) => {
    const res = await get(url);
    expect(statuses).toContain(res.status);
    expect(await res.text()).not.toMatch(/outside the renderer|SECRET/);
    expect(res.headers.get('content-security-policy')).toBe(CSP);
  });

  it('refuses methods other than GET and HEAD', async () => {
    const res = await get(APP_INDEX_URL, 'POST');
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
  });

  it('turns an unreadable file into a 500 page, not a rejected promise', async () => {
    const broken = createAppProtocolHandler({ root, csp: CSP, readFile: () => Promise.reject(new Error('EIO: i/o error')) });
    const res = await broken(new Request(APP_INDEX_URL));
    expect(res.status).toBe(500);
    expect(await res.text()).toMatch(/EIO/);
  });

  it('says so when the renderer is not built', async () => {
    const empty = createAppProtocolHandler({ root: path.join(dir, 'nothing-here'), csp: CSP });
    const res = await empty(new Request(APP_INDEX_URL));
    expect(res.status).toBe(404);
    expect(await res.text()).toMatch(/npm run build/);
  });

  it('registers a standard, secure scheme that does not bypass the CSP or open CORS', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ standard: true, secure: true });
    expect(APP_SCHEME_PRIVILEGES).not.toHaveProperty('bypassCSP');
    expect(APP_SCHEME_PRIVILEGES).not.toHaveProperty('corsEnabled');
    expect(APP_SCHEME_PRIVILEGES).not.toHaveProperty('allowServiceWorkers');
  });
});
