import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { menuTemplate } from './menu.js';

function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [...(item.role ? [item.role] : []), ...(Array.isArray(item.submenu) ? roles(item.submenu) : [])]);
}

describe('menuTemplate', () => {
  it('puts the app menu first on macOS and keeps the edit shortcuts', () => {
    const mac = menuTemplate({ platform: 'darwin', isDev: false });
    expect(mac.map((m) => m.label)).toEqual(['Hearth', 'File', 'Edit', 'View', 'Window']);
    expect(roles(mac)).toEqual(expect.arrayContaining(['about', 'hide', 'quit', 'copy', 'paste', 'selectAll', 'undo', 'pasteAndMatchStyle', 'minimize']));
  });

  it('has no app menu elsewhere and quits from File', () => {
    const win = menuTemplate({ platform: 'win32', isDev: false });
    expect(win.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Window']);
    expect(roles([win[0]!])).toEqual(['quit']);
  });

  it('offers reload and developer tools only in development', () => {
    expect(roles(menuTemplate({ platform: 'linux', isDev: false }))).not.toContain('toggleDevTools');
    expect(roles(menuTemplate({ platform: 'linux', isDev: false }))).not.toContain('reload');
    expect(roles(menuTemplate({ platform: 'linux', isDev: true }))).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });
});
