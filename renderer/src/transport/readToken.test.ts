import { describe, expect, it } from 'vitest';
import { readToken, TOKEN_STORAGE_KEY } from './readToken.js';

function fakeWindow(hash: string, stored: string | null = null) {
  const storage = new Map<string, string>(stored ? [[TOKEN_STORAGE_KEY, stored]] : []);
  const replaced: string[] = [];
  const win = {
    location: { hash, pathname: '/', search: '' },
    history: { state: null, replaceState: (_s: unknown, _t: string, url: string) => replaced.push(url) },
    sessionStorage: { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => storage.set(k, v) },
  };
  return { win: win as unknown as Window, storage, replaced };
}

describe('readToken', () => {
  it('takes the token from the hash, stores it and clears it from the address bar', () => {
    const { win, storage, replaced } = fakeWindow('#token=abc-123');
    expect(readToken(win)).toBe('abc-123');
    expect(storage.get(TOKEN_STORAGE_KEY)).toBe('abc-123');
    expect(replaced).toEqual(['/']);
  });

  it('keeps other hash parts', () => {
    const { win, replaced } = fakeWindow('#token=abc&view=models');
    expect(readToken(win)).toBe('abc');
    expect(replaced).toEqual(['/#view=models']);
  });

  it('falls back to the stored token after a reload, and to null', () => {
    expect(readToken(fakeWindow('', 'kept').win)).toBe('kept');
    expect(readToken(fakeWindow('').win)).toBeNull();
  });

  it('a new link replaces the stored token', () => {
    const { win, storage } = fakeWindow('#token=new', 'old');
    expect(readToken(win)).toBe('new');
    expect(storage.get(TOKEN_STORAGE_KEY)).toBe('new');
  });
});
