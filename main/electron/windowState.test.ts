import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { restoreWindowState, saveWindowState, WINDOW_STATE_FILE } from './windowState.js';

const primary = { x: 0, y: 0, width: 1920, height: 1040 };
const secondary = { x: 1920, y: 0, width: 1280, height: 1000 };
let dir: string;
let file: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-winstate-'));
  file = path.join(dir, 'sub', WINDOW_STATE_FILE);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('window state', () => {
  it('round-trips bounds and the maximized flag', () => {
    saveWindowState(file, { bounds: { x: 100, y: 80, width: 1000, height: 700 }, maximized: true });
    expect(restoreWindowState(file, [primary])).toEqual({ bounds: { x: 100, y: 80, width: 1000, height: 700 }, maximized: true });
    expect(fs.readdirSync(path.dirname(file))).toEqual([WINDOW_STATE_FILE]); // no temp file left behind
  });

  it('restores on a second display while it is connected, not after it is gone', () => {
    saveWindowState(file, { bounds: { x: 2100, y: 100, width: 900, height: 700 }, maximized: false });
    expect(restoreWindowState(file, [primary, secondary])?.bounds.x).toBe(2100);
    expect(restoreWindowState(file, [primary])).toBeNull();
  });

  it('refuses a window that would barely peek onto a display', () => {
    saveWindowState(file, { bounds: { x: 1900, y: 1000, width: 900, height: 700 }, maximized: false });
    expect(restoreWindowState(file, [primary])).toBeNull();
  });

  it.each([
    ['missing', null],
    ['not JSON', '{'],
    ['wrong shape', JSON.stringify({ bounds: { x: 'a' } })],
    ['absurd numbers', JSON.stringify({ bounds: { x: 1e12, y: 0, width: 800, height: 600 } })],
    ['too small', JSON.stringify({ bounds: { x: 0, y: 0, width: 10, height: 10 } })],
  ])('falls back to the default when the file is %s', (_label, content) => {
    if (content !== null) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
    }
    expect(restoreWindowState(file, [primary])).toBeNull();
  });
});
