import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../contract/entities.js';
import { createStore } from './createStore.js';
import { openDatabase } from './openDatabase.js';
import { tempStore } from './tempStore.js';

describe('store settings', () => {
  let t: ReturnType<typeof tempStore>;
  beforeEach(() => {
    t = tempStore();
  });
  afterEach(() => t.cleanup());

  const writeRaw = (rows: Array<[string, string]>) => {
    const raw = new BetterSqlite3(t.file);
    const put = raw.prepare('INSERT OR REPLACE INTO settings (key, value_json) VALUES (?, ?)');
    for (const [k, v] of rows) put.run(k, v);
    raw.close();
  };

  it('starts from the defaults', () => {
    expect(t.store.getSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('merges a deep patch and keeps it across reopening', () => {
    const next = t.store.updateSettings({ theme: 'dark', engine: { threads: 4 } });
    expect(next).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark', engine: { ...DEFAULT_SETTINGS.engine, threads: 4 } });
    expect(t.store.updateSettings({ engine: { gpuLayers: 0 } }).engine).toEqual({ ...DEFAULT_SETTINGS.engine, threads: 4, gpuLayers: 0 });
    expect(t.store.updateSettings({ defaultModelId: 'tiny', offline: true, engine: { threads: undefined } })).toMatchObject({ defaultModelId: 'tiny', offline: true, engine: { threads: 4 } });
    const again = createStore({ db: openDatabase(t.file) });
    expect(again.getSettings()).toEqual(t.store.getSettings());
    again.close();
    expect(t.store.updateSettings(DEFAULT_SETTINGS)).toEqual(DEFAULT_SETTINGS);
  });

  it('refuses an invalid patch with INVALID_PARAMS, naming the field, and changes nothing', () => {
    t.store.updateSettings({ theme: 'light' });
    expect(() => t.store.updateSettings({ theme: 'light', engine: { threads: 0 } })).toThrow(expect.objectContaining({ code: 'INVALID_PARAMS', message: expect.stringContaining('engine.threads') }));
    expect(() => t.store.updateSettings({ colour: 'red' } as never)).toThrow(expect.objectContaining({ code: 'INVALID_PARAMS' }));
    expect(t.store.getSettings()).toEqual({ ...DEFAULT_SETTINGS, theme: 'light' });
  });

  it('falls back to the default for each stored value that is unreadable or invalid, keeping the good ones', () => {
    writeRaw([
      ['theme', '{oops'],
      ['offline', 'true'],
      ['engine', '{"threads": 8, "gpuLayers": "lots", "idleUnloadMinutes": -5, "retired": 1}'],
      ['defaultSystemPrompt', '42'],
      ['someFutureKey', '"x"'],
    ]);
    expect(t.store.getSettings()).toEqual({ ...DEFAULT_SETTINGS, offline: true, engine: { ...DEFAULT_SETTINGS.engine, threads: 8 } });
    writeRaw([['engine', '"not an object"']]);
    expect(t.store.getSettings().engine).toEqual(DEFAULT_SETTINGS.engine);
    // Saving over a bad value repairs it.
    expect(t.store.updateSettings({ theme: 'dark' }).theme).toBe('dark');
  });
});
