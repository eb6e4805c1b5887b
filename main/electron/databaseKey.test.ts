import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseKeyFor, KEY_FILE, type KeyVault } from './databaseKey.js';

/** A vault that "encrypts" by reversing and tagging: enough to see that only ciphertext reaches the disk. */
const vault = (available = true, backend = 'gnome_libsecret'): KeyVault => ({
  isEncryptionAvailable: () => available,
  getSelectedStorageBackend: () => backend,
  encryptString: (s) => Buffer.from(`vault:${[...s].reverse().join('')}`),
  decryptString: (b) => [...b.toString().replace(/^vault:/, '')].reverse().join(''),
});

describe('databaseKeyFor', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-key-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('makes a random key once, keeps only the keychain ciphertext (0600), and returns the same key on the next start', () => {
    const first = databaseKeyFor(dir, vault(), {});
    expect(first).toMatchObject({ source: 'keychain' });
    expect(first!.secret).toMatch(/^[0-9a-f]{64}$/);
    const stored = fs.readFileSync(path.join(dir, KEY_FILE));
    expect(stored.includes(first!.secret)).toBe(false);
    expect(fs.statSync(path.join(dir, KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(databaseKeyFor(dir, vault(), {})).toEqual(first);
    expect(databaseKeyFor(fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-key-')), vault(), {})!.secret).not.toBe(first!.secret);
  });

  it('has no key without a real keychain, and HEARTH_PASSPHRASE wins', () => {
    expect(databaseKeyFor(dir, vault(false), {})).toBeNull();
    expect(databaseKeyFor(dir, vault(true, 'basic_text'), {})).toBeNull();
    expect(fs.existsSync(path.join(dir, KEY_FILE))).toBe(false);
    expect(databaseKeyFor(dir, vault(), { HEARTH_PASSPHRASE: 'typed' })).toEqual({ secret: 'typed', source: 'passphrase' });
  });
});
