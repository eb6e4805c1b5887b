import { afterEach, describe, expect, it } from 'vitest';
import { HearthError } from '../../contract/errors.js';
import { createStore } from '../store/createStore.js';
import { openDatabase } from '../store/openDatabase.js';
import { tempDir } from '../store/tempStore.js';
import { createNetworkLog } from './createNetworkLog.js';
import { createNetworkPolicy } from './createNetworkPolicy.js';
import { tempNetwork } from './testNetwork.js';

function thrown(fn: () => unknown): HearthError {
  try {
    fn();
  } catch (error) {
    return error as HearthError;
  }
  throw new Error('expected a throw');
}

describe('network policy', () => {
  let t: ReturnType<typeof tempNetwork>;
  afterEach(() => t.cleanup());

  it('offline: refuses every URL, loopback and hf: included, with OFFLINE and the way to allow it, and logs each as blocked', () => {
    t = tempNetwork({ offline: true });
    const urls = ['http://127.0.0.1:8123/x.gguf', 'https://huggingface.co/a/b/resolve/main/c.gguf?token=secret', 'hf:owner/repo/file.gguf', 'http://[::1]:9/y'];
    for (const url of urls) {
      const error = thrown(() => t.policy.check({ url, purpose: 'download' }));
      expect(error).toBeInstanceOf(HearthError);
      expect(error.code).toBe('OFFLINE');
      expect(error.message).toMatch(/Offline mode is on/);
      expect(error.message).toMatch(/turn offline mode off in Settings, or run `hearth offline off`/);
    }
    const log = t.policy.list();
    expect(log.map((a) => [a.host, a.port, a.purpose, a.allowed])).toEqual([
      ['::1', 9, 'download', false],
      ['huggingface.co', 443, 'download', false],
      ['huggingface.co', 443, 'download', false],
      ['127.0.0.1', 8123, 'download', false],
    ]);
    // The query string (signed URLs, tokens) never reaches the log.
    expect(JSON.stringify(log)).not.toMatch(/secret/);
    expect(log[2]!.detail).toMatch(/huggingface\.co\/a\/b\/resolve\/main\/c\.gguf/);
    expect(t.events.map((e) => e.id)).toEqual(log.map((a) => a.id).reverse());
  });

  it('online: allows and logs with the purpose; the setting is read live on every check', () => {
    t = tempNetwork();
    expect(t.policy.isOffline()).toBe(false);
    t.policy.check({ url: new URL('https://example.org/catalog.json'), purpose: 'catalog' });
    t.store.updateSettings({ offline: true }); // no event: another process flipping the switch
    expect(t.policy.isOffline()).toBe(true);
    expect(() => t.policy.check({ url: 'https://example.org/again', purpose: 'update-check' })).toThrow(/Offline mode is on/);
    expect(t.policy.list().map((a) => [a.purpose, a.allowed, a.detail])).toEqual([
      ['update-check', false, 'blocked: offline mode is on (https://example.org/again)'],
      ['catalog', true, 'https://example.org/catalog.json'],
    ]);
  });

  it('socket attempts: announced hosts are not logged twice online; unannounced ones are logged as unknown; offline refuses all', () => {
    t = tempNetwork();
    t.policy.check({ url: 'https://huggingface.co/x', purpose: 'download' });
    t.policy.checkConnection({ kind: 'tcp', host: 'HuggingFace.co', port: 443 });
    t.policy.checkConnection({ kind: 'tcp', host: 'cdn.example.net', port: 443 });
    expect(t.policy.list().map((a) => [a.host, a.purpose, a.allowed])).toEqual([
      ['cdn.example.net', 'unknown', true],
      ['huggingface.co', 'download', true],
    ]);
    t.setOffline(true);
    const error = thrown(() => t.policy.checkConnection({ kind: 'tcp', host: '127.0.0.1', port: 80 }));
    expect(error.code).toBe('OFFLINE');
    expect(error.message).toMatch(/TCP connection to 127\.0\.0\.1:80.*hearth offline off/);
    expect(thrown(() => t.policy.checkConnection({ kind: 'dns', host: 'huggingface.co', port: null })).message).toMatch(/look up huggingface\.co/);
    expect(t.policy.list({ limit: 2 }).map((a) => [a.host, a.allowed, a.detail])).toEqual([
      ['huggingface.co', false, 'blocked by the socket guard: dns huggingface.co'],
      ['127.0.0.1', false, 'blocked by the socket guard: tcp 127.0.0.1:80'],
    ]);
  });

  it('tells listeners when offline mode turns on or off, from an event or by polling for another process', async () => {
    t = tempNetwork({ pollMs: 20 });
    const seen: boolean[] = [];
    t.policy.onOfflineChange((offline) => seen.push(offline));
    t.setOffline(true);
    expect(seen).toEqual([true]);
    t.store.updateSettings({ offline: false }); // as the CLI would, from another process: no event here
    await expect.poll(() => seen, { timeout: 2000 }).toEqual([true, false]);
  });

  it('refuses when the setting cannot be read, and still decides when the log cannot be written', () => {
    const tmp = tempDir();
    const db = openDatabase(tmp.file);
    const store = createStore({ db });
    const log = createNetworkLog({ db });
    const warnings: string[] = [];
    const logger = { log() {}, debug() {}, info() {}, warn: (m: string) => warnings.push(m), error() {} };
    const policy = createNetworkPolicy({ store, log, logger, pollMs: 0 });
    store.close();
    expect(policy.isOffline()).toBe(true);
    expect(thrown(() => policy.check({ url: 'https://example.org/', purpose: 'download' })).code).toBe('OFFLINE');
    expect(warnings.join('\n')).toMatch(/could not read the offline setting[\s\S]*could not record a blocked attempt/);
    policy.dispose();
    tmp.cleanup();
    t = tempNetwork(); // for afterEach
  });
});

describe('network log', () => {
  it('keeps only the newest entries', () => {
    const t = tempNetwork({ maxEntries: 5 });
    try {
      for (let i = 0; i < 12; i++) t.log.record({ host: `h${i}`, port: i, purpose: 'download', allowed: true, detail: '' });
      expect(t.log.count()).toBe(5);
      expect(t.log.list().map((a) => a.host)).toEqual(['h11', 'h10', 'h9', 'h8', 'h7']);
      expect(t.log.list({ limit: 2 }).map((a) => a.host)).toEqual(['h11', 'h10']);
    } finally {
      t.cleanup();
    }
  });
});
