import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { build } from 'vite';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, METHOD_NAMES, type EventFrame, type HearthBridge } from '../main/contract/index.js';

const ROOT = path.resolve(import.meta.dirname, '..');
let outDir: string;
let code: string;

/** The real build (`vite build -c vite.preload.config.ts`), into a temp folder so it never races `npm run build`. */
beforeAll(async () => {
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-preload-'));
  await build({ root: ROOT, configFile: path.join(ROOT, 'vite.preload.config.ts'), logLevel: 'silent', build: { outDir, emptyOutDir: true } });
  code = fs.readFileSync(path.join(outDir, 'preload.cjs'), 'utf8');
}, 60_000);
afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

type Listener = (event: unknown, ...args: unknown[]) => void;

/** Runs the bundle the way a sandboxed preload runs: CommonJS, and a require() that knows only 'electron'. */
function load(invokeImpl: (channel: string, frame: unknown) => Promise<unknown> = async () => ({ ok: true })) {
  const exposed: Record<string, unknown> = {};
  const listeners = new Map<string, Set<Listener>>();
  const ipcRenderer = {
    invoke: vi.fn(invokeImpl),
    on: vi.fn((channel: string, l: Listener) => listeners.get(channel)?.add(l) ?? listeners.set(channel, new Set([l]))),
    removeListener: vi.fn((channel: string, l: Listener) => listeners.get(channel)?.delete(l)),
  };
  const contextBridge = { exposeInMainWorld: vi.fn((key: string, api: unknown) => (exposed[key] = api)) };
  // Electron's webUtils.getPathForFile throws for anything that is not a File.
  const webUtils = {
    getPathForFile: vi.fn((file: unknown) => {
      if (typeof file !== 'object' || file === null || !('fakePath' in file)) throw new TypeError('Error processing argument at index 0');
      return (file as { fakePath: string }).fakePath;
    }),
  };
  const required: string[] = [];
  const fakeRequire = (id: string) => {
    required.push(id);
    if (id === 'electron') return { contextBridge, ipcRenderer, webUtils };
    throw new Error(`a sandboxed preload cannot require ${id}`);
  };
  const module = { exports: {} };
  vm.runInNewContext(code, { require: fakeRequire, module, exports: module.exports, console });
  const emit = (channel: string, fakeEvent: unknown, frame: unknown) => listeners.get(channel)?.forEach((l) => l(fakeEvent, frame));
  return { bridge: exposed.hearth as HearthBridge, ipcRenderer, contextBridge, required, emit, listeners };
}

describe('preload bundle', () => {
  it('is one CommonJS file that requires only electron and carries no zod', () => {
    expect(fs.readdirSync(outDir)).toEqual(['preload.cjs']);
    const requires = [...code.matchAll(/require\((["'`])([^"'`]+)\1\)/g)].map((m) => m[2]);
    expect(requires).toEqual(['electron']);
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    // zod's code, not the word (the header comment explains why zod is absent).
    expect(code).not.toMatch(/ZodError|safeParse|\$ZodType|require\(["']zod/);
    expect(code.length).toBeLessThan(10_000);
  });

  it('exposes exactly window.hearth = { shell, invoke, onEvent, pathForFile }', () => {
    const { bridge, contextBridge, required } = load();
    expect(contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect(contextBridge.exposeInMainWorld.mock.calls[0]![0]).toBe('hearth');
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'onEvent', 'pathForFile', 'shell']);
    expect(bridge.shell).toBe('electron');
    expect(required).toEqual(['electron']);
  });

  it('sends every contract method as a frame over the one invoke channel', async () => {
    const { bridge, ipcRenderer } = load(async (_c, frame) => ({ id: (frame as { id: number }).id, ok: true, result: 'r' }));
    for (const method of METHOD_NAMES) {
      const reply = await bridge.invoke(method, { a: 1 });
      expect(reply).toMatchObject({ ok: true, result: 'r' });
      expect(ipcRenderer.invoke).toHaveBeenLastCalledWith(IPC_INVOKE_CHANNEL, { id: expect.any(Number), method, params: { a: 1 } });
    }
    const ids = ipcRenderer.invoke.mock.calls.map((c) => (c[1] as { id: number }).id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('refuses methods outside the allowlist without touching IPC', async () => {
    const { bridge, ipcRenderer } = load();
    for (const method of ['shell.exec', 'constructor', '__proto__', '', 42 as unknown as string]) {
      const reply = await bridge.invoke(method, {});
      expect(reply).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    }
    expect(ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('turns an IPC failure into a reply instead of a throw', async () => {
    const { bridge } = load(async () => {
      throw new Error('An object could not be cloned.');
    });
    expect(await bridge.invoke('chat.turn', { action: { type: 'send', text: 'x' }, extra: 1 })).toMatchObject({ ok: false, error: { code: 'INVALID_PARAMS' } });
  });

  it('delivers only the frame to event listeners, never the IPC event, and unsubscribes', () => {
    const { bridge, emit, listeners } = load();
    const seen: unknown[][] = [];
    const off = bridge.onEvent((...args) => seen.push(args));
    const frame: EventFrame = { event: 'settings.changed', payload: {}, seq: 1 };
    emit(IPC_EVENT_CHANNEL, { sender: { send: () => 'the raw ipcRenderer' } }, frame);
    expect(seen).toEqual([[frame]]);
    off();
    emit(IPC_EVENT_CHANNEL, {}, frame);
    expect(seen).toHaveLength(1);
    expect(listeners.get(IPC_EVENT_CHANNEL)?.size).toBe(0);
    expect(() => bridge.onEvent('nope' as never)).toThrow(/needs a function/);
  });

  it('says where a dropped File lives through webUtils, and gives no path (never a throw) for anything else', () => {
    const { bridge } = load();
    expect(bridge.pathForFile({ fakePath: '/home/u/notes.md' })).toBe('/home/u/notes.md');
    expect(bridge.pathForFile('not a file')).toBe('');
    expect(bridge.pathForFile(null)).toBe('');
  });
});
