import fs from 'node:fs';
import path from 'node:path';
import { MIN_HEIGHT, MIN_WIDTH } from './windowOptions.js';

/** Plain geometry, so this module needs no 'electron' and is tested in Node; main passes screen's work areas in. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

export const WINDOW_STATE_FILE = 'window-state.json';

/** How much of the window must lie on one display for the saved position to count as visible: enough to grab the title bar. */
const MIN_VISIBLE = { width: 160, height: 80 };

function isRect(value: unknown): value is Rect {
  if (!value || typeof value !== 'object') return false;
  const r = value as Record<string, unknown>;
  return ['x', 'y', 'width', 'height'].every((k) => typeof r[k] === 'number' && Number.isFinite(r[k]) && Math.abs(r[k] as number) < 100_000);
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * The saved state, if the file is sound and the window would be visible on a
 * display that exists now (a monitor unplugged since must not strand the
 * window off-screen). Otherwise null: the default size, centred.
 */
export function restoreWindowState(file: string, displays: readonly Rect[]): WindowState | null {
  let saved: unknown;
  try {
    saved = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null; // first run, or a damaged file: not worth an error
  }
  if (!saved || typeof saved !== 'object') return null;
  const { bounds, maximized } = saved as { bounds?: unknown; maximized?: unknown };
  if (!isRect(bounds) || bounds.width < MIN_WIDTH || bounds.height < MIN_HEIGHT) return null;
  const visible = displays.some((d) => {
    const o = overlap(bounds, d);
    return o.width >= MIN_VISIBLE.width && o.height >= MIN_VISIBLE.height;
  });
  if (!visible) return null;
  const rounded = { x: Math.round(bounds.x), y: Math.round(bounds.y), width: Math.round(bounds.width), height: Math.round(bounds.height) };
  return { bounds: rounded, maximized: maximized === true };
}

/** Written to a temp file and renamed, so a crash mid-write leaves the old state, not half a JSON. */
export function saveWindowState(file: string, state: WindowState): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(state));
    fs.renameSync(tmp, file);
  } catch {
    /* a read-only profile loses the window position, nothing else */
  }
}
