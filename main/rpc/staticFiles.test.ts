import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRendererFixture, type RendererFixture } from '../../test/rendererFixture.js';
import { lookupStatic, NOT_BUILT_MESSAGE, resolveStaticRequest } from './staticFiles.js';

let fixture: RendererFixture;
let dir: string;
let root: string;
let empty: string;

beforeAll(() => {
  fixture = makeRendererFixture('hearth-static-', { 'index.html': '<!doctype html>', 'assets/app-1a2b.js': 'console.log(1)', 'assets/blob.bin': 'x' });
  ({ dir, root } = fixture);
  empty = path.join(dir, 'empty');
  fs.mkdirSync(empty);
});

afterAll(() => fixture.remove());

describe('resolveStaticRequest, shared by browser mode and app://', () => {
  it('serves index.html uncached and hashed assets cached forever, typed by extension', () => {
    const index = resolveStaticRequest(root, '/index.html');
    expect(index).toMatchObject({ status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': '15' } });
    const asset = resolveStaticRequest(root, '/assets/app-1a2b.js');
    expect(asset).toMatchObject({ status: 200, headers: { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=31536000, immutable' } });
    expect(resolveStaticRequest(root, '/assets/blob.bin')).toMatchObject({ headers: { 'Content-Type': 'application/octet-stream' } });
  });

  it('answers routes and folders with index.html, but not missing assets', () => {
    for (const route of ['/', '', '/chats/abc', '/assets']) {
      const answer = resolveStaticRequest(root, route);
      expect(answer.status, route).toBe(200);
      if (answer.status === 200) expect(path.basename(answer.file)).toBe('index.html');
    }
    expect(resolveStaticRequest(root, '/assets/missing.js')).toEqual({ status: 404, body: 'Not found.' });
  });

  it('refuses paths that leave the root, dotfiles and symlinks out', () => {
    expect(resolveStaticRequest(root, '/../secret.txt')).toEqual({ status: 400, body: 'Bad path.' });
    expect(resolveStaticRequest(root, '/%2e%2e/secret.txt')).toEqual({ status: 400, body: 'Bad path.' });
    expect(resolveStaticRequest(root, '/a%00.js')).toEqual({ status: 400, body: 'Bad path.' });
    expect(resolveStaticRequest(root, '/%E0%A4%A')).toEqual({ status: 400, body: 'Bad path.' });
    expect(resolveStaticRequest(root, '/.env')).toEqual({ status: 404, body: 'Not found.' });
    expect(resolveStaticRequest(root, '/assets/link.txt')).toEqual({ status: 404, body: 'Not found.' });
    expect(lookupStatic(root, '/assets/link.txt').kind).toBe('not-found');
  });

  it('says how to build the renderer when there is none', () => {
    expect(resolveStaticRequest(null, '/')).toEqual({ status: 404, body: NOT_BUILT_MESSAGE });
    expect(resolveStaticRequest(empty, '/')).toEqual({ status: 404, body: NOT_BUILT_MESSAGE });
    expect(resolveStaticRequest(empty, '/index.html')).toEqual({ status: 404, body: NOT_BUILT_MESSAGE });
    expect(resolveStaticRequest(path.join(dir, 'nowhere'), '/')).toEqual({ status: 404, body: NOT_BUILT_MESSAGE });
    expect(resolveStaticRequest(empty, '/assets/app.js')).toEqual({ status: 404, body: 'Not found.' });
  });
});
